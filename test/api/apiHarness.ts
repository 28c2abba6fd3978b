import { expect } from 'vitest';
import type Database from 'better-sqlite3';
import type { Core } from '../../main/core/createCore.ts';
import type { PushEvents } from '../../shared/events.ts';
import type { ApiError, Envelope, ErrorCode } from '../../shared/result.ts';
import { FakeClock, must, openTestCore, sequentialIds, tempDir } from '../helpers/fixtures.ts';

/** A Saturday morning in winter: London is on GMT, so the practice day is the UTC date. */
export const WINTER_MORNING = '2026-11-21T09:00:00Z';

export interface OpenedCore {
  core: Core;
  clock: FakeClock;
  /** Every push the core sent since it was opened. */
  pushes: { event: keyof PushEvents; payload: unknown }[];
}

const opened: { core: Core; remove: () => void }[] = [];

/** Opens a core on a fresh temp folder; closeAllCores() (run it in afterEach) closes it and removes the folder. */
export function openCore(at: string = WINTER_MORNING): OpenedCore {
  const temp = tempDir('contactcap-api-');
  const clock = new FakeClock(at);
  const core = openTestCore(temp.dir, { clock, ids: sequentialIds('id') });
  opened.push({ core, remove: temp.remove });
  const pushes: OpenedCore['pushes'] = [];
  core.subscribe((event, payload) => {
    pushes.push({ event, payload });
  });
  return { core, clock, pushes };
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
  /** Active, cap 25. */
  amaraId: string;
  /** Active, cap 30. */
  benId: string;
  /** Deactivated. */
  caraId: string;
  /** A counted contact of Amara's, recorded at 08:10. */
  contactId: string;
  /** A contact of Ben's, voided with the reason "Wrong clinician chosen". */
  voidedContactId: string;
}

export const SEED_NAMES = { amara: 'Dr Amara Okafor', ben: 'Nurse Ben Hale', cara: 'Dr Cara Lund' } as const;
export const SEED_VOID_REASON = 'Wrong clinician chosen';

/** A couple of clinicians (one off the board) and contacts (one voided), written through the API. */
export function seed(core: Core, clock: FakeClock): Seed {
  const start = clock.now();
  clock.set('2026-11-21T08:00:00Z');
  const amara = must(core.call('clinician.create', { name: SEED_NAMES.amara, role: 'gp_partner' }));
  const ben = must(core.call('clinician.create', { name: SEED_NAMES.ben, role: 'practice_nurse', dailyCap: 30 }));
  const cara = must(core.call('clinician.create', { name: SEED_NAMES.cara, role: 'locum_gp', dailyCap: 12 }));
  clock.set('2026-11-21T08:10:00Z');
  const contact = must(core.call('contact.record', { clinicianId: amara.id, mode: 'face_to_face' }));
  clock.set('2026-11-21T08:20:00Z');
  const voided = must(core.call('contact.record', { clinicianId: ben.id, mode: 'telephone' }));
  clock.set('2026-11-21T08:25:00Z');
  must(core.call('contact.void', { contactId: voided.id, reason: SEED_VOID_REASON }));
  must(core.call('clinician.deactivate', { clinicianId: cara.id }));
  clock.set(start);
  return { amaraId: amara.id, benId: ben.id, caraId: cara.id, contactId: contact.id, voidedContactId: voided.id };
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
    totalChanges: db.prepare('SELECT total_changes()').pluck().get() as number,
    userVersion: db.pragma('user_version', { simple: true }),
    tables,
  };
}

/** zod's own wording; none of it may reach the person at the desk. */
const DEVELOPER_WORDING = /^(invalid input|expected|unrecognized|too (big|small)|required|invalid (type|option|string|enum|format))/i;

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

/** A core with the standard seed, pushes cleared, and a snapshot to compare against. */
export function openSeeded() {
  const opened = openCore();
  const data = seed(opened.core, opened.clock);
  opened.pushes.length = 0;
  return { ...opened, data, before: snapshot(opened.core.db) };
}
