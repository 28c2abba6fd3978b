-- ContactCap schema 3: late entries, request ids, the day's order, and one place
-- that says which contacts are live. Columns are added, never reshaped, so no
-- rebuild is needed: older events carry none of the new fields.

-- Entered on a later day than it happened, with the receptionist's reason.
ALTER TABLE contacts ADD COLUMN late_reason TEXT;
ALTER TABLE redirections ADD COLUMN late_reason TEXT;
ALTER TABLE deferrals ADD COLUMN late_reason TEXT;

-- Where a contact stands in its day's order, which decides who is over the cap:
-- its hybrid clock value, except for a late entry, which takes its place by the
-- time it happened (the projector writes it; existing contacts are in clock order).
ALTER TABLE contacts ADD COLUMN order_key TEXT;
UPDATE contacts SET order_key = hlc;

DROP INDEX contacts_by_day_clinician;
CREATE INDEX contacts_by_day_clinician ON contacts (practice_day, clinician_id, order_key, hlc);

-- The contacts that stand: every query that counts reads this, never the table
-- with its own "not voided" filter.
CREATE VIEW live_contacts AS
  SELECT k.* FROM contacts k
  WHERE NOT EXISTS (SELECT 1 FROM voids v WHERE v.target = 'contact' AND v.target_id = k.id);

-- A desk's retry after a lost answer carries the same request id: it finds the
-- first record here instead of making a second one.
CREATE TABLE requests (
  request_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('contact', 'redirection', 'deferral')),
  target_id TEXT NOT NULL,
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  FOREIGN KEY (origin, seq) REFERENCES events (origin, seq)
) WITHOUT ROWID;
