import { createHash } from 'node:crypto';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import { addPracticeDays, daysBetween, instantAt, practiceDayOf } from '../../../shared/practiceDay.ts';
import { EXPORT_TABLES, type EndOfDayStatus } from '../../../shared/reports.ts';
import { write, type CoreContext } from '../context.ts';
import { CacheSlot } from '../db/caches.ts';
import { DomainError } from '../errors.ts';
import { existingSets, explainFolderError, removeLeftovers, setFolderName, writeSet, type SetManifest } from '../exports/daySets.ts';
import { getNetworkSelf } from '../repos/networkRepo.ts';
import { readDevice } from './device.ts';
import { readSettings } from './settings.ts';
import { getDeviceSetting, setDeviceSetting } from '../repos/deviceRepo.ts';
import { assertWritableFolder, buildExportFile } from './exports.ts';

/**
 * The optional end-of-day export (off by default): at a set time each day, this
 * PC writes the day's CSV files and workbook to a folder, which may be a network
 * share. A day that cannot be written is tried again every minute; days are
 * written in order and none is skipped, so a PC that was off catches up.
 */
interface EndOfDayConfig {
  enabled: boolean;
  time: string;
  folder: string;
  /** The first day to export: the day the export was turned on. */
  startDay: string | null;
}

interface EndOfDayState {
  lastExportedDay: string | null;
  lastSuccessAt: string | null;
  lastError: { at: string; day: string; message: string } | null;
  /** Why a set in the folder was left as it was (another PC's, knowing more), for the settings page. */
  note: string | null;
  /** When the days already written were last looked at again, and the events marker then. */
  revisedAt: number | null;
  revisedAtMarker: number | null;
}

const DEFAULT_CONFIG: EndOfDayConfig = { enabled: false, time: '18:30', folder: '', startDay: null };
const EMPTY_STATE: EndOfDayState = { lastExportedDay: null, lastSuccessAt: null, lastError: null, note: null, revisedAt: null, revisedAtMarker: null };

function readConfig(ctx: CoreContext): EndOfDayConfig {
  return { ...DEFAULT_CONFIG, ...(getDeviceSetting(ctx, 'endOfDayExport') as Partial<EndOfDayConfig> | undefined) };
}

function readState(ctx: CoreContext): EndOfDayState {
  return { ...EMPTY_STATE, ...(getDeviceSetting(ctx, 'endOfDayState') as Partial<EndOfDayState> | undefined) };
}

function saveState(ctx: CoreContext, state: EndOfDayState): void {
  write(ctx, () => setDeviceSetting(ctx, 'endOfDayState', state));
}

/** The days whose export is due now, oldest first: from the day after the last one written up to the latest day past its time. */
export function dueDays(config: EndOfDayConfig, state: EndOfDayState, nowMs: number): string[] {
  if (!config.enabled || config.startDay === null) return [];
  const today = practiceDayOf(nowMs);
  const todayAt = instantAt(today, config.time);
  const lastDue = todayAt !== null && nowMs >= todayAt ? today : addPracticeDays(today, -1);
  // Turned off and on again, it starts from the day it was turned back on: days it was off are not due.
  const afterLast = state.lastExportedDay === null ? config.startDay : addPracticeDays(state.lastExportedDay, 1);
  const first = afterLast > config.startDay ? afterLast : config.startDay;
  return daysBetween(first, lastDue);
}

export function endOfDayStatus(ctx: CoreContext): EndOfDayStatus {
  const config = readConfig(ctx);
  const state = readState(ctx);
  const due = dueDays(config, state, ctx.clock.now());
  return {
    enabled: config.enabled,
    time: config.time,
    folder: config.folder,
    lastExportedDay: state.lastExportedDay,
    lastSuccessAt: state.lastSuccessAt,
    lastError: state.lastError,
    note: state.note,
    waiting: due,
  };
}

export function configureEndOfDay(ctx: CoreContext, input: ParsedInputOf<'export.configureEndOfDay'>): EndOfDayStatus {
  const current = readConfig(ctx);
  const next: EndOfDayConfig = { ...current, enabled: input.enabled, time: input.time ?? current.time, folder: input.folder ?? current.folder };
  if (next.enabled) {
    if (next.folder.trim() === '') throw new DomainError('invalid_input', 'Choose the folder the daily files go to.', 'folder');
    assertWritableFolder(next.folder);
    if (!current.enabled || current.startDay === null) {
      // Turned on after today's time has passed: today's files would hold only part of the day, so start tomorrow.
      const now = ctx.clock.now();
      const today = practiceDayOf(now);
      const todayAt = instantAt(today, next.time);
      next.startDay = todayAt !== null && now >= todayAt ? addPracticeDays(today, 1) : today;
    }
  }
  write(ctx, () => setDeviceSetting(ctx, 'endOfDayExport', next));
  return endOfDayStatus(ctx);
}

/** Whether an end-of-day run is under way: one run at a time for each core. */
const RUN = new CacheSlot<{ running: boolean }>('end-of-day run', [], () => ({ running: false }));

/** Days already written are looked at again for this many days back (late entries reach back up to the practice's setting). */
const REVISE_AT_LEAST_DAYS = 7;
/** How often a changed record makes the run look again at days already written. */
const REVISE_EVERY_MS = 10 * 60_000;

/** What this PC holds: each PC's highest record number. A PC that holds at least as much of every PC knows all the other knew. */
function heldNow(ctx: CoreContext): Record<string, number> {
  // One index step per PC, not a scan of years of events: each origin in turn, then its highest seq.
  const rows = ctx.db
    .prepare(
      `WITH RECURSIVE pcs(origin) AS (
         SELECT min(origin) FROM events
         UNION ALL SELECT (SELECT min(origin) FROM events WHERE origin > pcs.origin) FROM pcs WHERE pcs.origin IS NOT NULL)
       SELECT origin, (SELECT max(seq) FROM events WHERE events.origin = pcs.origin) AS seq FROM pcs WHERE origin IS NOT NULL`,
    )
    .all() as { origin: string; seq: number }[];
  return Object.fromEntries(rows.map((row) => [row.origin, row.seq]));
}

function knowsAll(mine: Record<string, number>, theirs: Record<string, number>): boolean {
  return Object.entries(theirs).every(([origin, seq]) => (mine[origin] ?? 0) >= seq);
}

/** Changes whenever any event arrives, from this PC or another: the total of each PC's highest record number. */
function eventsMarker(ctx: CoreContext): number {
  return Object.values(heldNow(ctx)).reduce((sum, seq) => sum + seq, 0);
}

const toDesk = () => new Promise<void>((resolve) => setImmediate(resolve));

type DayOutcome = { revision: number; wrote: boolean; note: string | null };

/**
 * One day's set: written when the folder has none for the day; written again
 * as the next revision when this PC's figures differ from the latest set's and
 * it knows everything that set's PC knew; otherwise left as it is. On a
 * practice network one set stands for the whole practice, so whichever PC gets
 * there first writes it and a PC that knows less never replaces it.
 */
async function exportDay(ctx: CoreContext, folder: string, day: string): Promise<DayOutcome> {
  const networked = getNetworkSelf(ctx) !== null;
  const device = readDevice(ctx);
  const pcName = networked ? null : device.deviceName;
  // One table at a time, letting the desk's calls in between: this runs in the desk's own thread.
  const csvs: Awaited<ReturnType<typeof buildExportFile>>[] = [];
  for (const table of EXPORT_TABLES) {
    csvs.push(await buildExportFile(ctx, { format: 'csv', table, from: day, to: day }));
    await toDesk();
  }
  const digest = createHash('sha256');
  for (const file of [...csvs].sort((a, b) => a.fileName.localeCompare(b.fileName))) digest.update(file.fileName).update('\0').update(file.bytes);
  const figures = digest.digest('hex');
  const held = heldNow(ctx);
  let workbook: Awaited<ReturnType<typeof buildExportFile>> | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const sets = listSets(folder, day, pcName);
    const latest = sets.findLast((set) => set.manifest !== null);
    if (latest?.manifest) {
      if (latest.manifest.digest === figures) return { revision: latest.revision, wrote: false, note: null };
      if (!knowsAll(held, latest.manifest.held)) {
        return { revision: latest.revision, wrote: false, note: `${latest.manifest.writtenBy.name} wrote the files in “${latest.name}” knowing records this PC has not had yet, so this PC left them as they are.` };
      }
    }
    const revision = (sets.at(-1)?.revision ?? 0) + 1;
    workbook ??= await buildExportFile(ctx, { format: 'xlsx', from: day, to: day });
    const files = [workbook, ...csvs];
    const name = setFolderName(day, revision, pcName);
    const manifest: SetManifest = {
      kind: 'contactcap-day-set',
      day,
      revision,
      writtenBy: { deviceId: ctx.log.origin, name: device.deviceName },
      writtenAt: new Date(ctx.clock.now()).toISOString(),
      practiceNetwork: networked,
      held,
      digest: figures,
      files: files.map((file) => file.fileName),
    };
    const outcome = writeSet({ folder, name, deviceId: ctx.log.origin, files, manifest, beforeRename: ctx.faults?.beforeDaySetRename });
    if (outcome === 'written') return { revision, wrote: true, note: null };
    // Another PC placed that revision a moment ago: look at it.
  }
  throw new DomainError('internal', `Other PCs kept writing this day’s files in “${folder}” at the same moment as this one.`, 'folder');
}

function listSets(folder: string, day: string, pcName: string | null) {
  try {
    return existingSets(folder, day, pcName);
  } catch (error) {
    throw explainFolderError(error, folder);
  }
}

/**
 * Writes every day that is due, then (at most every 10 minutes, when anything
 * was recorded) looks again at the recent days already written and writes a
 * revised set for any whose figures changed. Stops at the first failure and
 * says why, to try again in a minute; the day stays waiting.
 */
export async function runEndOfDay(ctx: CoreContext): Promise<EndOfDayStatus> {
  const run = ctx.caches.slot(RUN);
  if (run.running) return endOfDayStatus(ctx);
  run.running = true;
  try {
    const config = readConfig(ctx);
    const state = readState(ctx);
    if (!config.enabled) return endOfDayStatus(ctx);
    removeLeftovers(config.folder, ctx.log.origin, ctx.clock.now());
    const fail = (day: string, error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      state.lastError = { at: new Date(ctx.clock.now()).toISOString(), day, message: `${message} The day’s files are still waiting: ContactCap tries again every minute.` };
      saveState(ctx, state);
    };
    for (const day of dueDays(config, state, ctx.clock.now())) {
      try {
        const outcome = await exportDay(ctx, config.folder, day);
        state.lastExportedDay = day;
        state.lastSuccessAt = new Date(ctx.clock.now()).toISOString();
        state.lastError = null;
        state.note = outcome.note;
        saveState(ctx, state);
      } catch (error) {
        fail(day, error);
        return endOfDayStatus(ctx);
      }
      await toDesk();
    }
    const marker = eventsMarker(ctx);
    const now = ctx.clock.now();
    if (state.lastExportedDay === null || marker === state.revisedAtMarker || now - (state.revisedAt ?? 0) < REVISE_EVERY_MS) return endOfDayStatus(ctx);
    const back = Math.max(REVISE_AT_LEAST_DAYS, readSettings(ctx).lateEntryDays);
    const from = addPracticeDays(practiceDayOf(now), -back);
    const first = from > (config.startDay ?? from) ? from : (config.startDay ?? from);
    for (const day of first <= state.lastExportedDay ? daysBetween(first, state.lastExportedDay) : []) {
      try {
        const outcome = await exportDay(ctx, config.folder, day);
        if (outcome.wrote) state.lastSuccessAt = new Date(ctx.clock.now()).toISOString();
        if (outcome.note) state.note = outcome.note;
      } catch (error) {
        fail(day, error);
        return endOfDayStatus(ctx);
      }
      await toDesk();
    }
    state.revisedAt = now;
    state.revisedAtMarker = marker;
    state.lastError = null;
    saveState(ctx, state);
  } finally {
    run.running = false;
  }
  return endOfDayStatus(ctx);
}
