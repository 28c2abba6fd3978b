import type { WireEvent } from '../../../shared/replication.ts';
import { statement, type Store } from '../db/store.ts';

/**
 * A row of the events table: the same shape as an event crossing between PCs
 * (shared/replication.ts), so a block decodes straight into a row.
 */
export type StoredEvent = WireEvent;

const COLUMNS = 'origin, seq, hlc, wall_time AS wallTime, type, schema_version AS schemaVersion, body, hash, actor, prev_hash AS prevHash';

export function insertEvent(store: Store, event: StoredEvent): void {
  statement(
    store,
    `INSERT INTO events (origin, seq, hlc, wall_time, type, schema_version, body, hash, actor, prev_hash)
     VALUES (@origin, @seq, @hlc, @wallTime, @type, @schemaVersion, @body, @hash, @actor, @prevHash)`,
  ).run(event);
}

/** The newest event of an origin (its sequence and hash), or null before its first. */
export function headOf(store: Store, origin: string): { seq: number; hash: string } | null {
  return (statement(store, 'SELECT seq, hash FROM events WHERE origin = ? ORDER BY seq DESC LIMIT 1').get(origin) as { seq: number; hash: string } | undefined) ?? null;
}

export function lastSeqOf(store: Store, origin: string): number {
  const row = statement(store, 'SELECT max(seq) AS seq FROM events WHERE origin = ?').get(origin) as { seq: number | null };
  return row.seq ?? 0;
}

export function latestHlc(store: Store): string | null {
  const row = statement(store, 'SELECT max(hlc) AS hlc FROM events').get() as { hlc: string | null };
  return row.hlc;
}

export function countEvents(store: Store): number {
  return (statement(store, 'SELECT count(*) AS n FROM events').get() as { n: number }).n;
}

/** Every event in hybrid-clock order (origin and sequence break ties). */
export function iterateEvents(store: Store): IterableIterator<StoredEvent> {
  return statement(store, `SELECT ${COLUMNS} FROM events ORDER BY hlc, origin, seq`).iterate() as IterableIterator<StoredEvent>;
}

export function getDeviceId(store: Store): string | null {
  const row = statement(store, 'SELECT device_id AS deviceId FROM device WHERE id = 1').get() as { deviceId: string } | undefined;
  return row?.deviceId ?? null;
}

export function insertDevice(store: Store, deviceId: string, createdAt: number): void {
  statement(store, 'INSERT INTO device (id, device_id, created_at) VALUES (1, ?, ?)').run(deviceId, createdAt);
}

export function eventAt(store: Store, origin: string, seq: number): StoredEvent | null {
  return (statement(store, `SELECT ${COLUMNS} FROM events WHERE origin = ? AND seq = ?`).get(origin, seq) as StoredEvent | undefined) ?? null;
}

/** One origin's events after `after`, oldest first (this PC's own, on their way to its Hypercore). */
export function eventsOfAfter(store: Store, origin: string, after: number, limit: number): StoredEvent[] {
  return statement(store, `SELECT ${COLUMNS} FROM events WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?`).all(origin, after, limit) as StoredEvent[];
}
