import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type Database from 'better-sqlite3';
import type { Core } from '../../main/core/createCore.ts';
import type { PushEvents } from '../../shared/events.ts';
import type { ApiError, Envelope, ErrorCode } from '../../shared/result.ts';
import { FakeClock, must, openTestCore, sequentialIds } from '../helpers/fixtures.ts';
import { quietReplication, type QuietReplication } from '../helpers/quietReplication.ts';

/**
 * Monday 23 November 2026, 09:00 GMT. London is on GMT in winter, so the
 * practice day is the UTC date and 13:00Z is the 13:00 session split. Every
 * clinician works Monday to Friday unless the rota says otherwise, so on this
 * day a new clinician is working both sessions.
 */
export const MONDAY_MORNING = '2026-11-23T09:00:00Z';
export const TODAY = '2026-11-23';

export interface OpenedCore {
  core: Core;
  clock: FakeClock;
  /** Every push the core sent since it was opened. */
  pushes: { event: keyof PushEvents; payload: unknown }[];
  /** The stand-in for the replication process that network.create and network.join start. */
  replication: QuietReplication;
}

const opened: { core: Core; remove: () => void }[] = [];

/**
 * These tests are about the API's answers, not about durability: on Linux the
 * data folder goes on the RAM-backed /dev/shm, which keeps SQLite's fsyncs
 * (synchronous = FULL) out of the run time — about 30 ms to open and seed a
 * core there against 110 ms on disk.
 */
const FAST_TEMP = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/**
 * The push a write sends: what changed, with the newest change after and before
 * it (hybrid clock values, checked by their own tests in test/api/requests.test.ts).
 */
export function changed(...topics: string[]) {
  const clockValue: unknown = expect.any(String);
  return { event: 'data.changed', payload: { topics, version: clockValue, previous: clockValue } };
}

/**
 * Opens a core on a fresh temp folder; closeAllCores() (run it in afterEach) or closeCore() closes it and removes the folder.
 * These tests are about the contract, not replication: joining a practice network here starts no process and opens no port.
 */
export function openCore(at: string = MONDAY_MORNING): OpenedCore {
  const dir = mkdtempSync(path.join(FAST_TEMP, 'contactcap-api-'));
  const clock = new FakeClock(at);
  const replication = quietReplication();
  const core = openTestCore(dir, { clock, ids: sequentialIds('id'), network: { spawn: replication.spawn } });
  opened.push({ core, remove: () => rmSync(dir, { recursive: true, force: true }) });
  const pushes: OpenedCore['pushes'] = [];
  core.subscribe((event, payload) => {
    pushes.push({ event, payload });
  });
  return { core, clock, pushes, replication };
}

/** Closes one core opened by openCore and removes its folder. */
export function closeCore(target: OpenedCore): void {
  const index = opened.findIndex((entry) => entry.core === target.core);
  const [entry] = index < 0 ? [] : opened.splice(index, 1);
  entry?.core.close();
  entry?.remove();
}

export function closeAllCores(): void {
  while (opened.length > 0) {
    const entry = opened.pop();
    entry?.core.close();
    entry?.remove();
  }
}

/** The data every "nothing changed" check compares against. */
export interface Seed {
  /** GP partner, active, following the role default (capped at 25). One counted contact at 08:10. */
  amaraId: string;
  /** Practice nurse with an own daily cap of 30 (nurses are not capped by default). */
  benId: string;
  /** Locum GP with a cap of 12, taken off the board. */
  caraId: string;
  /** A counted face-to-face contact of Amara's, recorded at 08:10. */
  contactId: string;
  /** A contact of Ben's, voided at 08:25 with SEED_VOID_REASON. */
  voidedContactId: string;
  /** A redirection to the urgent treatment centre from Amara, at 08:30. */
  redirectionId: string;
  /** A redirection to self-care, voided at 08:36 with SEED_VOID_REASON. */
  voidedRedirectionId: string;
  /** A waiting-list deferral, at 08:40. */
  deferralId: string;
  /** A later-date deferral, voided at 08:43 with SEED_VOID_REASON. */
  voidedDeferralId: string;
}

export const SEED_NAMES = { amara: 'Dr Amara Okafor', ben: 'Nurse Ben Hale', cara: 'Dr Cara Lund' } as const;
export const SEED_VOID_REASON = 'Wrong clinician chosen';
/** Built-in directory entries (shared/directory.ts gives them these ids on every PC). */
export const SERVICES = {
  pharmacy: 'builtin-pharmacy-first',
  utc: 'builtin-utc',
  nhs111: 'builtin-111',
  emergency: 'builtin-999',
  selfCare: 'builtin-self-care',
} as const;

/** A few clinicians (one off the board), contacts, redirections and deferrals (one of each voided), written through the API. */
export function seed(core: Core, clock: FakeClock): Seed {
  const start = clock.now();
  clock.set('2026-11-23T08:00:00Z');
  must(core.call('device.update', { deviceName: 'Reception 1', staffName: 'Sam Reed' }));
  const amara = must(core.call('clinician.create', { name: SEED_NAMES.amara, role: 'gp_partner' }));
  const ben = must(core.call('clinician.create', { name: SEED_NAMES.ben, role: 'practice_nurse', dailyCap: 30 }));
  const cara = must(core.call('clinician.create', { name: SEED_NAMES.cara, role: 'locum_gp', dailyCap: 12 }));
  clock.set('2026-11-23T08:10:00Z');
  const contact = must(core.call('contact.record', { clinicianId: amara.id, typeId: 'face_to_face' }));
  clock.set('2026-11-23T08:20:00Z');
  const voided = must(core.call('contact.record', { clinicianId: ben.id, typeId: 'telephone' }));
  clock.set('2026-11-23T08:25:00Z');
  must(core.call('contact.void', { contactId: voided.id, reason: SEED_VOID_REASON }));
  must(core.call('clinician.deactivate', { clinicianId: cara.id }));
  clock.set('2026-11-23T08:30:00Z');
  const redirection = must(
    core.call('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, fromClinicianId: amara.id }),
  );
  clock.set('2026-11-23T08:35:00Z');
  const voidedRedirection = must(core.call('redirection.record', { destinationId: SERVICES.selfCare, reason: 'more_appropriate_service', patientTold: true }));
  clock.set('2026-11-23T08:36:00Z');
  must(core.call('redirection.void', { redirectionId: voidedRedirection.redirection.id, reason: SEED_VOID_REASON }));
  clock.set('2026-11-23T08:40:00Z');
  const deferral = must(core.call('deferral.record', { kind: 'waiting_list', patientTold: true }));
  clock.set('2026-11-23T08:42:00Z');
  const voidedDeferral = must(core.call('deferral.record', { kind: 'later_date', patientTold: true, untilDay: '2026-11-30' }));
  clock.set('2026-11-23T08:43:00Z');
  must(core.call('deferral.void', { deferralId: voidedDeferral.id, reason: SEED_VOID_REASON }));
  clock.set(start);
  return {
    amaraId: amara.id,
    benId: ben.id,
    caraId: cara.id,
    contactId: contact.id,
    voidedContactId: voided.id,
    redirectionId: redirection.redirection.id,
    voidedRedirectionId: voidedRedirection.redirection.id,
    deferralId: deferral.id,
    voidedDeferralId: voidedDeferral.id,
  };
}

export interface Snapshot {
  events: number;
  totalChanges: number;
  userVersion: unknown;
  tables: Record<string, unknown[]>;
}

/**
 * Everything in the database, read through the core's own connection: the
 * number of events, every row of every table, and SQLite's count of rows this
 * connection has ever inserted, updated or deleted (which even a rolled-back
 * write would move).
 */
export function snapshot(db: Database.Database): Snapshot {
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const tables: Record<string, unknown[]> = {};
  for (const name of names) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const columns = (db.pragma(`table_info(${quoted})`) as unknown[]).length;
    tables[name] = db.prepare(`SELECT * FROM ${quoted} ORDER BY ${columns > 1 ? '1, 2' : '1'}`).all();
  }
  return {
    events: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
    totalChanges: totalChanges(db),
    userVersion: db.pragma('user_version', { simple: true }),
    tables,
  };
}

/** Rows this connection has inserted, updated or deleted since it opened, rolled-back writes included: a cheap "was anything written?". */
export function totalChanges(db: Database.Database): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}

/** zod's own wording; none of it may reach the person at the desk. */
const DEVELOPER_WORDING = /^(invalid input|expected|unrecognized|too (big|small)|required|invalid (type|option|string|enum|format|key|element))/i;

export interface Refusal {
  code: ErrorCode;
  /** The field the message must name; null when the error must carry no field. Omit to not check. */
  field?: string | null;
  /** A phrase the message must contain. */
  phrase?: string | RegExp;
}

/**
 * Asserts the envelope is a refusal written for a receptionist: the expected
 * code, a plain sentence (not zod's wording) ending in a full stop, and the
 * field it is about. Returns the error for further checks.
 */
export function expectRefusal(result: Envelope<unknown>, expected: Refusal): ApiError {
  if (result.ok) {
    throw new Error(`Expected ${expected.code}, but the call succeeded with ${JSON.stringify(result.value)}`);
  }
  expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
  const { error } = result;
  expect(error.code).toBe(expected.code);
  expect(Object.keys(error).every((key) => ['code', 'message', 'field'].includes(key))).toBe(true);
  expect(typeof error.message).toBe('string');
  expect(error.message.trim().length).toBeGreaterThan(0);
  expect(error.message).not.toMatch(DEVELOPER_WORDING);
  expect(error.message.endsWith('.')).toBe(true);
  if (expected.field === null) {
    expect('field' in error).toBe(false);
  } else if (expected.field !== undefined) {
    expect(error.field).toBe(expected.field);
  }
  if (typeof expected.phrase === 'string') expect(error.message).toContain(expected.phrase);
  else if (expected.phrase) expect(error.message).toMatch(expected.phrase);
  return error;
}

export interface Seeded extends OpenedCore {
  data: Seed;
  /** The database right after seeding. */
  before: Snapshot;
}

/** A core with the standard seed, pushes cleared, and a snapshot to compare against. */
export function openSeeded(): Seeded {
  const core = openCore();
  const data = seed(core.core, core.clock);
  core.pushes.length = 0;
  return { ...core, data, before: snapshot(core.core.db) };
}

/** The database is exactly as it was after seeding, and no window was told to refresh. */
/** Calls a method that must be refused, and checks the refusal changed no table and told no window anything. */
export async function expectRefusedUnchanged(opened: OpenedCore, method: string, input: unknown, expected: Refusal): Promise<void> {
  const before = snapshot(opened.core.db);
  opened.pushes.length = 0;
  expectRefusal(await opened.core.invoke(method, input), expected);
  expect(snapshot(opened.core.db)).toEqual(before);
  expect(opened.pushes).toEqual([]);
}

export function expectNothingWritten(seeded: Seeded): void {
  expect(snapshot(seeded.core.db)).toEqual(seeded.before);
  expect(seeded.pushes).toEqual([]);
}

/** The cheap form of expectNothingWritten, for checks repeated hundreds of times: no row touched (even in a rolled-back write), no push. */
export function expectNoWrite(seeded: Seeded): void {
  expect(totalChanges(seeded.core.db)).toBe(seeded.before.totalChanges);
  expect(seeded.pushes).toEqual([]);
}

/** Records `count` contacts of a type for a clinician: the first at the clock's time, the rest `stepMs` apart. */
export function recordMany(opened: OpenedCore, clinicianId: string, count: number, stepMs = 0, typeId = 'telephone'): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) opened.clock.advance(stepMs);
    ids.push(must(opened.core.call('contact.record', { clinicianId, typeId })).id);
  }
  return ids;
}
