-- ContactCap schema 2: the reception desk (rota, contact types, redirections,
-- deferrals, settings). The read tables are projections of the event log, so
-- they are recreated in their new shape here and refilled from the events by the
-- app right after this migration (see the maintenance table).

DROP TABLE contact_voids;
DROP TABLE contacts;
DROP TABLE clinicians;
DROP TABLE field_clocks;

-- Every value ever given to an editable field, by hybrid clock. The newest is the
-- current value (last writer wins); older ones answer "what was it on that day?".
CREATE TABLE field_history (
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hlc TEXT NOT NULL,
  value TEXT NOT NULL CHECK (json_valid(value)),
  PRIMARY KEY (entity, entity_id, field, hlc)
) WITHOUT ROWID;

-- Current state of configuration: clinicians, practice settings, weekly rota
-- patterns, contact types and the redirection directory. One JSON document each.
CREATE TABLE config (
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  data TEXT NOT NULL CHECK (json_valid(data)),
  created_hlc TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;

-- One date's change to a clinician's weekly pattern (absent, sessions, cap, duty).
CREATE TABLE rota_days (
  day TEXT NOT NULL,
  clinician_id TEXT NOT NULL,
  override TEXT NOT NULL CHECK (json_valid(override)),
  PRIMARY KEY (day, clinician_id)
) WITHOUT ROWID;

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  clinician_id TEXT NOT NULL,
  type_id TEXT NOT NULL,
  counts INTEGER NOT NULL CHECK (counts IN (0, 1)),
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  practice_day TEXT NOT NULL,
  session TEXT NOT NULL CHECK (session IN ('am', 'pm')),
  over_cap_reason TEXT,
  recorded_by TEXT NOT NULL,
  device TEXT NOT NULL,
  hlc TEXT NOT NULL,
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  FOREIGN KEY (origin, seq) REFERENCES events (origin, seq)
);

CREATE INDEX contacts_by_day_clinician ON contacts (practice_day, clinician_id, hlc);

CREATE TABLE redirections (
  id TEXT PRIMARY KEY,
  destination_id TEXT NOT NULL,
  destination_name TEXT NOT NULL,
  destination_kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  from_clinician_id TEXT,
  pharmacy_first_route TEXT,
  pharmacy_first_condition TEXT,
  icb_informed INTEGER,
  emergency INTEGER NOT NULL CHECK (emergency IN (0, 1)),
  note TEXT NOT NULL,
  nhs_number TEXT,
  occurred_at INTEGER NOT NULL,
  practice_day TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  device TEXT NOT NULL,
  hlc TEXT NOT NULL,
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  FOREIGN KEY (origin, seq) REFERENCES events (origin, seq)
);

CREATE INDEX redirections_by_day ON redirections (practice_day);

-- Kept within the practice for later: a later date or the waiting list. Not a diversion.
CREATE TABLE deferrals (
  id TEXT PRIMARY KEY,
  clinician_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('later_date', 'waiting_list')),
  until_day TEXT,
  note TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  practice_day TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  device TEXT NOT NULL,
  hlc TEXT NOT NULL,
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  FOREIGN KEY (origin, seq) REFERENCES events (origin, seq)
);

CREATE INDEX deferrals_by_day ON deferrals (practice_day);

-- Corrections of contacts, redirections and deferrals. Nothing is deleted: a void
-- marks the record. Two voids of one record keep the earliest by hybrid clock.
CREATE TABLE voids (
  target TEXT NOT NULL CHECK (target IN ('contact', 'redirection', 'deferral')),
  target_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  voided_at INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (target, target_id),
  FOREIGN KEY (origin, seq) REFERENCES events (origin, seq)
) WITHOUT ROWID;

-- This PC's own settings (its name, who is at the desk): local, never synced.
CREATE TABLE device_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;

-- Work the app must do once after a migration, in the same start-up.
CREATE TABLE maintenance (
  task TEXT PRIMARY KEY
) WITHOUT ROWID;

INSERT INTO maintenance (task) VALUES ('rebuild_projections');
