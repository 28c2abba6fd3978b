-- ContactCap schema 6: patient identifiers are sealed, and can be erased
-- everywhere (issue 10 §5).
--
-- A redirection's NHS number and note, and a deferral's note, are written to
-- the event log only encrypted, each record under a key of its own (AES-256-GCM,
-- the record's id bound in). The keys are kept here, outside the log, and are
-- shared between the practice's PCs over the practice network, never through
-- it. Erasing a record's identifiers deletes its key on every PC: what the log,
-- the Hypercores and the backups hold of it can then never be read again.
-- Records from before this version keep their plain note in the log; erasing
-- them clears what the screens and exports show.

-- The sealed identifiers, as the record's event carries them (NULL: none).
ALTER TABLE redirections ADD COLUMN sealed TEXT;
ALTER TABLE deferrals ADD COLUMN sealed TEXT;

-- One key per record with identifiers. `key` is the 8-byte marker 'CCIDKEY1'
-- followed by the 32-byte key, so that an erased key can also be found and
-- overwritten in backups and kept copies of the database.
-- practice_day: the record's day, for the practice's retention period.
CREATE TABLE identifier_keys (
  record_id TEXT PRIMARY KEY,
  key BLOB NOT NULL CHECK (length(key) = 40),
  practice_day TEXT NOT NULL
);

-- Records whose identifiers are erased: never taken back from another PC.
--   why: 'patient_request', 'entered_in_error', 'no_longer_needed' (an
--   identifiers.erased event) or 'retention' (the practice's retention period,
--   on each PC).
--   key_hash: the SHA-256 of the erased key (NULL when this PC never held it),
--   by which a copy of the database that still holds the key is found and
--   overwritten, at any later start; the hash opens nothing.
CREATE TABLE identifier_erasures (
  record_id TEXT PRIMARY KEY,
  why TEXT NOT NULL,
  erased_at INTEGER NOT NULL,
  key_hash BLOB
) WITHOUT ROWID;
