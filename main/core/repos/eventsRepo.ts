import type Database from 'better-sqlite3';
import { statement } from '../db/statements.ts';
import type { StoredEvent } from '../events/eventTypes.ts';

const COLUMNS = 'origin, seq, hlc, wall_time AS wallTime, type, schema_version AS schemaVersion, body, hash';

export function insertEvent(db: Database.Database, event: StoredEvent): void {
  statement(
    db,
    `INSERT INTO events (origin, seq, hlc, wall_time, type, schema_version, body, hash)
     VALUES (@origin, @seq, @hlc, @wallTime, @type, @schemaVersion, @body, @hash)`,
  ).run(event);
}

export function lastSeqOf(db: Database.Database, origin: string): number {
  const row = statement(db, 'SELECT max(seq) AS seq FROM events WHERE origin = ?').get(origin) as { seq: number | null };
  return row.seq ?? 0;
}

export function latestHlc(db: Database.Database): string | null {
  const row = statement(db, 'SELECT max(hlc) AS hlc FROM events').get() as { hlc: string | null };
  return row.hlc;
}

export function countEvents(db: Database.Database): number {
  return (statement(db, 'SELECT count(*) AS n FROM events').get() as { n: number }).n;
}

/** Every event in hybrid-clock order (origin and sequence break ties). */
export function iterateEvents(db: Database.Database): IterableIterator<StoredEvent> {
  return statement(db, `SELECT ${COLUMNS} FROM events ORDER BY hlc, origin, seq`).iterate() as IterableIterator<StoredEvent>;
}

export function getDeviceId(db: Database.Database): string | null {
  const row = statement(db, 'SELECT device_id AS deviceId FROM device WHERE id = 1').get() as { deviceId: string } | undefined;
  return row?.deviceId ?? null;
}

export function insertDevice(db: Database.Database, deviceId: string, createdAt: number): void {
  statement(db, 'INSERT INTO device (id, device_id, created_at) VALUES (1, ?, ?)').run(deviceId, createdAt);
}
