import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { Core, CoreOptions } from '../../main/core/createCore.ts';
import type { RemoteOutcome } from '../../main/core/events/remote.ts';
import { encodeBlock, type WireEvent } from '../../shared/replication.ts';
import { FakeClock, must, openTestCore, sequentialIds } from '../helpers/fixtures.ts';
import { quietReplication, type QuietReplication } from '../helpers/quietReplication.ts';

/**
 * PCs of one practice in one test process, each a real core on its own data
 * folder, exchanging events the way the replication process hands them over:
 * blocks of a PC's record, read from the sender's own SQLite file and applied
 * with core.applyRemoteBlocks. No Hypercore here: these tests are about what
 * the core does with what arrives.
 */

/** RAM-backed where there is one: real SQLite files, without the disk's fsync time. */
export const FAST_TEMP = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export function fastTempDir(prefix: string): string {
  return mkdtempSync(path.join(FAST_TEMP, prefix));
}

export interface Pc {
  core: Core;
  clock: FakeClock;
  dir: string;
  replication: QuietReplication;
}

/** Opens a PC on `dir` with a clock of its own, ids with its own prefix, and a name for the desk. */
export function openPc(dir: string, name: string, at: string | number, idPrefix: string, options: Partial<CoreOptions> = {}): Pc {
  const clock = new FakeClock(at);
  const replication = quietReplication();
  const core = openTestCore(dir, { clock, ids: sequentialIds(idPrefix), network: { spawn: replication.spawn }, ...options });
  must(core.call('device.update', { deviceName: name, staffName: `Staff at ${name}` }));
  return { core, clock, dir, replication };
}

/**
 * PCs for one test file: `pc()` opens one on a fresh folder, `reopen()` one on
 * a folder it already has, and `closeAll()` (run it in afterEach) closes them
 * all and removes their folders.
 */
export function testPcs(prefix: string) {
  const open: Pc[] = [];
  const dirs: string[] = [];
  return {
    dir(): string {
      const dir = fastTempDir(prefix);
      dirs.push(dir);
      return dir;
    },
    pc(name: string, idPrefix: string, at: string | number, options: Partial<CoreOptions> = {}): Pc {
      return this.reopen(this.dir(), name, idPrefix, at, options);
    },
    reopen(dir: string, name: string, idPrefix: string, at: string | number, options: Partial<CoreOptions> = {}): Pc {
      const opened = openPc(dir, name, at, idPrefix, options);
      open.push(opened);
      return opened;
    },
    close(pc: Pc): void {
      pc.core.close();
      open.splice(open.indexOf(pc), 1);
    },
    closeAll(): void {
      while (open.length > 0) open.pop()?.core.close();
      while (dirs.length > 0) rmSync(dirs.pop() ?? '', { recursive: true, force: true });
    },
  };
}

/** Each connection's statements, prepared once: the property test asks these questions many thousands of times. */
const prepared = new WeakMap<Core['db'], Map<string, Statement>>();
function query(core: Core, sql: string): Statement {
  let statements = prepared.get(core.db);
  if (!statements) prepared.set(core.db, (statements = new Map<string, Statement>()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = core.db.prepare(sql)));
  return statement;
}

/** The events of one origin this PC holds after `after`, in sequence order: what its record would hand out. */
export function eventsOf(core: Core, origin: string, after = 0): WireEvent[] {
  return query(core, 'SELECT origin, seq, hlc, wall_time AS wallTime, type, schema_version AS schemaVersion, body, hash, actor, prev_hash AS prevHash FROM events WHERE origin = ? AND seq > ? ORDER BY seq').all(
    origin,
    after,
  ) as WireEvent[];
}

/** The highest sequence of `origin` this PC holds. */
export function heldBy(core: Core, origin: string): number {
  return query(core, 'SELECT coalesce(max(seq), 0) AS seq FROM events WHERE origin = ?').pluck().get(origin) as number;
}

/** Every origin this PC holds events of. */
export function originsOf(core: Core): string[] {
  return query(core, 'SELECT DISTINCT origin FROM events ORDER BY origin').pluck().all() as string[];
}

/** Hands `to` the events of `origin` that `from` holds after `after` (by default, all `to` does not yet hold), as one batch. */
export function deliver(from: Core, to: Core, origin: string = from.deviceId, after: number = heldBy(to, origin)): RemoteOutcome {
  return to.applyRemoteBlocks(origin, after, eventsOf(from, origin, after).map(encodeBlock));
}

/**
 * The fingerprint an event carries, as docs/architecture.md defines it: SHA-256 of its fields as a JSON array;
 * a chained event's (prevHash not null) also has its actor and its link to the event before it at the end.
 */
export function fingerprint(event: Omit<WireEvent, 'hash'>): string {
  const fields: unknown[] = [event.origin, event.seq, event.hlc, event.wallTime, event.type, event.schemaVersion, event.body];
  if (event.prevHash !== null) fields.push(event.actor, event.prevHash);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The event with these changes, fingerprinted again so that only the change is wrong with it. */
export function reworked(event: WireEvent, change: Partial<Omit<WireEvent, 'hash'>>): WireEvent {
  const unsigned = { ...event, ...change };
  return { ...unsigned, hash: fingerprint(unsigned) };
}
