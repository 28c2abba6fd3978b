-- ContactCap schema 5: the events form a hash chain per origin, and each event
-- names the member of staff who caused it.
--
-- From this version an event's hash also covers its actor and the hash of the
-- event before it from the same PC (prev_hash; '' for a PC's first event), so
-- an event edited, removed or slipped in breaks the chain from there on.
-- Events written before this version keep their content-only hash and a NULL
-- prev_hash. Which format an event must be in is decided by its place, recorded
-- here in event_chains, never by the event itself: a chained event cannot be
-- passed off as an old one to escape the chain.

-- NULL: nobody was signed in (or the event is from before this version).
ALTER TABLE events ADD COLUMN actor TEXT;
ALTER TABLE events ADD COLUMN prev_hash TEXT;

-- One row per PC whose events this database holds.
--   chain_from: the first sequence number that must be chained; every event of
--     that PC before it is in the old, content-only format. Set for the PCs
--     held now, and moved on only as old-format events arrive from the network
--     in order (a PC that had not yet been updated when it wrote them).
--   head_seq, head_hash: the newest event held, kept by the trigger below, so
--     that events removed from the end are missed too.
CREATE TABLE event_chains (
  origin TEXT PRIMARY KEY,
  chain_from INTEGER NOT NULL CHECK (chain_from > 0),
  head_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO event_chains (origin, chain_from, head_seq, head_hash)
SELECT e.origin, e.seq + 1, e.seq, e.hash
FROM events e
WHERE e.seq = (SELECT max(seq) FROM events WHERE origin = e.origin);

-- A PC first seen now (or this PC under a new id) is chained from its first event.
CREATE TRIGGER events_chain_head AFTER INSERT ON events
BEGIN
  INSERT INTO event_chains (origin, chain_from, head_seq, head_hash)
  VALUES (NEW.origin, 1, NEW.seq, NEW.hash)
  ON CONFLICT (origin) DO UPDATE SET
    head_hash = CASE WHEN excluded.head_seq >= head_seq THEN excluded.head_hash ELSE head_hash END,
    head_seq = max(head_seq, excluded.head_seq);
END;
