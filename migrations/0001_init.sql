-- ContactCap schema 1: device identity, the event log, and the first projections.
-- Landed migrations are never edited; add a new numbered file instead.

-- This install's identity. One row.
CREATE TABLE device (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  device_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- Every change, immutable. (origin, seq) is gapless per origin.
CREATE TABLE events (
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 0),
  hlc TEXT NOT NULL,
  wall_time INTEGER NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  hash TEXT NOT NULL,
  PRIMARY KEY (origin, seq)
) WITHOUT ROWID;

CREATE INDEX events_by_hlc ON events (hlc);

CREATE TRIGGER events_are_immutable_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are immutable');
END;

CREATE TRIGGER events_are_immutable_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are immutable');
END;

-- Projections: rebuilt from events at any time.

-- Last-writer-wins clocks for editable fields (roster, settings).
CREATE TABLE field_clocks (
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id, field)
) WITHOUT ROWID;

CREATE TABLE clinicians (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  daily_cap INTEGER NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_hlc TEXT NOT NULL
);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  clinician_id TEXT NOT NULL,
  mode TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  practice_day TEXT NOT NULL,
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  FOREIGN KEY (origin, seq) REFERENCES events (origin, seq)
);

CREATE INDEX contacts_by_day_clinician ON contacts (practice_day, clinician_id);

-- A void never deletes the contact. If two PCs void the same contact, the
-- earliest void by hybrid clock is kept, so the result does not depend on order.
CREATE TABLE contact_voids (
  contact_id TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  voided_at INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  FOREIGN KEY (origin, seq) REFERENCES events (origin, seq)
);
