import { statement, type Store } from '../db/store.ts';

/** This PC's row in the network table, once it has joined or created one. */
export interface NetworkSelf {
  joinedAt: number;
  port: number;
  addresses: string[];
  coreKey: string | null;
  coreDeviceId: string | null;
}

export interface MemberRow {
  deviceId: string;
  coreKey: string;
  name: string;
  firstSeen: number;
  lastSeen: number | null;
  lastAddress: string | null;
  clockSkewMs: number | null;
}

export interface RemovedPc {
  deviceId: string;
  name: string;
  keptUpTo: number;
  removedAt: number;
}

export function getNetworkSelf(store: Store): NetworkSelf | null {
  const row = statement(store, 'SELECT joined_at AS joinedAt, port, addresses, core_key AS coreKey, core_device_id AS coreDeviceId FROM network_self WHERE id = 1').get() as
    | (Omit<NetworkSelf, 'addresses'> & { addresses: string })
    | undefined;
  if (!row) return null;
  return { ...row, addresses: JSON.parse(row.addresses) as string[] };
}

export function saveNetworkSelf(store: Store, self: NetworkSelf): void {
  statement(
    store,
    `INSERT INTO network_self (id, joined_at, port, addresses, core_key, core_device_id) VALUES (1, @joinedAt, @port, @addresses, @coreKey, @coreDeviceId)
     ON CONFLICT (id) DO UPDATE SET joined_at = excluded.joined_at, port = excluded.port, addresses = excluded.addresses, core_key = excluded.core_key, core_device_id = excluded.core_device_id`,
  ).run({ ...self, addresses: JSON.stringify(self.addresses) });
}

export function clearNetworkSelf(store: Store): void {
  statement(store, 'DELETE FROM network_self').run();
}

export function listMembers(store: Store): MemberRow[] {
  return statement(
    store,
    'SELECT device_id AS deviceId, core_key AS coreKey, name, first_seen AS firstSeen, last_seen AS lastSeen, last_address AS lastAddress, clock_skew_ms AS clockSkewMs FROM network_members ORDER BY name, device_id',
  ).all() as MemberRow[];
}

/** A member learnt from a peer; the first key learnt for a device id stays (a second is ignored). */
export function rememberMember(store: Store, member: { deviceId: string; coreKey: string; name: string }, now: number): boolean {
  const result = statement(
    store,
    `INSERT INTO network_members (device_id, core_key, name, first_seen) VALUES (?, ?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET name = excluded.name WHERE network_members.name <> excluded.name AND network_members.core_key = excluded.core_key`,
  ).run(member.deviceId, member.coreKey, member.name, now);
  return result.changes > 0;
}

export function noteMemberSeen(store: Store, deviceId: string, lastSeen: number, address: string | null, clockSkewMs: number | null): void {
  statement(
    store,
    'UPDATE network_members SET last_seen = max(coalesce(last_seen, 0), ?), last_address = coalesce(?, last_address), clock_skew_ms = coalesce(?, clock_skew_ms) WHERE device_id = ?',
  ).run(lastSeen, address, clockSkewMs === null ? null : Math.round(clockSkewMs), deviceId);
}

/** How far this PC holds one origin's events: the highest sequence applied or set aside. */
export function heldUpToFor(store: Store, origin: string): number {
  const row = statement(
    store,
    'SELECT max(coalesce((SELECT max(seq) FROM events WHERE origin = ?), 0), coalesce((SELECT max(seq) FROM network_set_aside WHERE origin = ?), 0)) AS seq',
  ).get(origin, origin) as { seq: number };
  return row.seq;
}

export function eventHashAt(store: Store, origin: string, seq: number): string | null {
  const row = statement(store, 'SELECT hash FROM events WHERE origin = ? AND seq = ?').get(origin, seq) as { hash: string } | undefined;
  return row?.hash ?? null;
}

export function setAside(store: Store, origin: string, seq: number, reason: string, block: string, at: number): void {
  statement(store, 'INSERT OR IGNORE INTO network_set_aside (origin, seq, reason, block, at) VALUES (?, ?, ?, ?, ?)').run(origin, seq, reason, block, at);
}

export function raiseAlarm(store: Store, origin: string, seq: number, heldHash: string, offeredHash: string, at: number): void {
  statement(store, 'INSERT OR IGNORE INTO network_alarms (origin, seq, held_hash, offered_hash, at) VALUES (?, ?, ?, ?, ?)').run(origin, seq, heldHash, offeredHash, at);
}

export function countSetAside(store: Store): { setAside: number; alarms: number } {
  const setAsideCount = (statement(store, 'SELECT count(*) AS n FROM network_set_aside').get() as { n: number }).n;
  const alarms = (statement(store, 'SELECT count(*) AS n FROM network_alarms').get() as { n: number }).n;
  return { setAside: setAsideCount, alarms };
}

export function setAsideRows(store: Store, limit: number): { origin: string; seq: number; reason: string }[] {
  return statement(store, 'SELECT origin, seq, reason FROM network_set_aside ORDER BY at DESC LIMIT ?').all(limit) as { origin: string; seq: number; reason: string }[];
}

/** `partly`: projected with only the fields this version knows (a newer schema version of a known type). */
export function markUnprojected(store: Store, origin: string, seq: number, partly = false): void {
  statement(store, 'INSERT OR IGNORE INTO unprojected_events (origin, seq, partly) VALUES (?, ?, ?)').run(origin, seq, partly ? 1 : 0);
}

export function listUnprojected(store: Store): { origin: string; seq: number; type: string; schemaVersion: number; partly: boolean }[] {
  const rows = statement(
    store,
    'SELECT u.origin, u.seq, e.type, e.schema_version AS schemaVersion, u.partly FROM unprojected_events u JOIN events e USING (origin, seq) ORDER BY e.hlc',
  ).all() as { origin: string; seq: number; type: string; schemaVersion: number; partly: 0 | 1 }[];
  return rows.map((row) => ({ ...row, partly: row.partly === 1 }));
}

export function clearUnprojected(store: Store, origin: string, seq: number): void {
  statement(store, 'DELETE FROM unprojected_events WHERE origin = ? AND seq = ?').run(origin, seq);
}

export function listRemoved(store: Store): RemovedPc[] {
  return statement(store, 'SELECT device_id AS deviceId, name, kept_up_to AS keptUpTo, removed_at AS removedAt FROM removed_pcs ORDER BY removed_at').all() as RemovedPc[];
}

export function removedPc(store: Store, deviceId: string): RemovedPc | null {
  return (
    (statement(store, 'SELECT device_id AS deviceId, name, kept_up_to AS keptUpTo, removed_at AS removedAt FROM removed_pcs WHERE device_id = ?').get(deviceId) as RemovedPc | undefined) ?? null
  );
}

/** The earliest removal by hybrid clock stands, so every PC keeps the same events of a removed PC. */
export function insertRemoved(store: Store, row: RemovedPc & { hlc: string }): void {
  statement(
    store,
    `INSERT INTO removed_pcs (device_id, name, kept_up_to, removed_at, hlc) VALUES (@deviceId, @name, @keptUpTo, @removedAt, @hlc)
     ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, kept_up_to = excluded.kept_up_to, removed_at = excluded.removed_at, hlc = excluded.hlc
     WHERE excluded.hlc < removed_pcs.hlc`,
  ).run(row);
}

export function setDeviceId(store: Store, deviceId: string): void {
  statement(store, 'UPDATE device SET device_id = ? WHERE id = 1').run(deviceId);
}
