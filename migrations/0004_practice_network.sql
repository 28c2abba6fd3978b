-- ContactCap schema 4: the practice network. This PC's place in it and what it
-- knows of the other PCs are kept on this PC; only a PC's removal is an event,
-- so that every PC refuses it alike. The practice secret is never in this file.

-- This PC in the network: one row once it has joined or created one.
CREATE TABLE network_self (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  joined_at INTEGER NOT NULL,
  port INTEGER NOT NULL,
  -- Typed-in addresses (host:port), as a JSON array, for networks that block discovery.
  addresses TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(addresses)),
  -- This PC's own Hypercore public key for its current device id: a store that
  -- opens with another key, or longer than this PC's own events, means the
  -- folder was restored or copied, and the PC takes a new device id.
  core_key TEXT,
  core_device_id TEXT
);

-- The other PCs, as learnt from peers that proved the practice secret.
CREATE TABLE network_members (
  device_id TEXT PRIMARY KEY,
  core_key TEXT NOT NULL,
  name TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER,
  last_address TEXT,
  clock_skew_ms INTEGER
) WITHOUT ROWID;

-- A block from an enrolled PC that could not be applied: kept as it came, never
-- applied, shown as a notice. Its place in that PC's sequence counts as passed.
CREATE TABLE network_set_aside (
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  reason TEXT NOT NULL,
  block TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (origin, seq)
) WITHOUT ROWID;

-- The same (origin, seq) offered with a different fingerprint from the one held:
-- an alarm, never an overwrite.
CREATE TABLE network_alarms (
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  held_hash TEXT NOT NULL,
  offered_hash TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (origin, seq, offered_hash)
) WITHOUT ROWID;

-- Events from a PC on a newer version: of a type this version does not know
-- (partly = 0: not projected), or of a newer schema version of a known type
-- (partly = 1: projected with only the fields this version knows). At the first
-- start of a version that knows them, the first are projected and, if any of
-- the second, every projection is rebuilt from the log.
CREATE TABLE unprojected_events (
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  partly INTEGER NOT NULL DEFAULT 0 CHECK (partly IN (0, 1)),
  PRIMARY KEY (origin, seq),
  FOREIGN KEY (origin, seq) REFERENCES events (origin, seq)
) WITHOUT ROWID;

-- Projection: PCs taken out of the network. Their events up to kept_up_to stay.
CREATE TABLE removed_pcs (
  device_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kept_up_to INTEGER NOT NULL,
  removed_at INTEGER NOT NULL,
  hlc TEXT NOT NULL
) WITHOUT ROWID;
