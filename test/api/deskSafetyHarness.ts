import { parse } from 'csv-parse/sync';
import type { Core } from '../../main/core/createCore.ts';
import type { StoredEvent } from '../../main/core/events/eventTypes.ts';
import { hashEvent } from '../../main/core/events/eventLog.ts';
import { applyEvent } from '../../main/core/events/projector.ts';
import { insertEvent } from '../../main/core/repos/eventsRepo.ts';
import type { InputOf } from '../../shared/contract.ts';
import type { BoardRow } from '../../shared/domain.ts';
import { encodeHlc } from '../../shared/hlc.ts';
import type { ExportTable } from '../../shared/reports.ts';
import { FakeClock, must, openTestCore, sequentialIds, tempDir } from '../helpers/fixtures.ts';

/**
 * Helpers for the desk-safety tests (DOMAIN.md §7 hazards): a core that can be
 * closed and opened again on the same file, board look-ups, another PC's events
 * put through the projector, and CSV exports read back as rows of text.
 */

export const MINUTE = 60_000;

/** A core on a data folder that outlives it: `restart()` closes it and opens the same file again. */
export interface RestartableCore {
  core: Core;
  clock: FakeClock;
  dir: string;
  restart(): Core;
  close(): void;
}

const restartable: RestartableCore[] = [];

export function openRestartable(at: string): RestartableCore {
  const temp = tempDir('contactcap-desk-');
  const clock = new FakeClock(at);
  let starts = 0;
  // Each start has its own id prefix, so ids made after a restart never repeat earlier ones.
  const start = () => openTestCore(temp.dir, { clock, ids: sequentialIds(`s${++starts}`) });
  const opened: RestartableCore = {
    core: start(),
    clock,
    dir: temp.dir,
    restart() {
      opened.core.close();
      opened.core = start();
      return opened.core;
    },
    close() {
      opened.core.close();
      temp.remove();
    },
  };
  restartable.push(opened);
  return opened;
}

export function closeRestartables(): void {
  while (restartable.length > 0) restartable.pop()?.close();
}

export function board(core: Core) {
  return must(core.call('board.today', {}));
}

export function rowOf(core: Core, clinicianId: string): BoardRow {
  const row = board(core).rows.find((candidate) => candidate.clinicianId === clinicianId);
  if (!row) throw new Error(`No board row for ${clinicianId}`);
  return row;
}

/** The board as [key, name] pairs, in the board's order. */
export function keysOnBoard(core: Core): [string | null, string][] {
  return board(core).rows.map((row) => [row.key, row.name]);
}

export function addClinician(core: Core, name: string, role: InputOf<'clinician.create'>['role'] = 'gp_partner', extra: Partial<InputOf<'clinician.create'>> = {}) {
  return must(core.call('clinician.create', { name, role, ...extra }));
}

/** Records `count` contacts for a clinician, the first at the clock's time and the rest `stepMs` apart. Returns their ids. */
export function recordSeries(core: Core, clock: FakeClock, clinicianId: string, count: number, stepMs: number, typeId = 'telephone'): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) clock.advance(stepMs);
    ids.push(must(core.call('contact.record', { clinicianId, typeId })).id);
  }
  return ids;
}

/**
 * An event written by another PC, as sync will deliver it: its own origin and
 * sequence, a hybrid clock value at `atMs`, inserted into the log and applied
 * through the projector in one transaction.
 */
export function applyForeignEvent(core: Core, event: { origin: string; seq: number; atMs: number; type: string; schemaVersion: number; body: object }): void {
  const unsigned: Omit<StoredEvent, 'hash'> = {
    origin: event.origin,
    seq: event.seq,
    hlc: encodeHlc({ wall: event.atMs, counter: 0, node: event.origin }),
    wallTime: event.atMs,
    type: event.type,
    schemaVersion: event.schemaVersion,
    body: JSON.stringify(event.body),
    actor: null,
    prevHash: null,
  };
  const stored: StoredEvent = { ...unsigned, hash: hashEvent(unsigned) };
  core.db.transaction(() => {
    insertEvent(core.store, stored);
    applyEvent(core.store, stored);
  })();
}

/** One CSV export table for a range, as objects keyed by column name (all values text, as a spreadsheet reads them). */
export async function csvRows(core: Core, table: ExportTable, from: string, to: string): Promise<Record<string, string>[]> {
  const file = must(await core.call('export.build', { format: 'csv', table, from, to }));
  return parse<Record<string, string>>(Buffer.from(file.base64, 'base64').toString('utf8'), { bom: true, columns: true });
}
