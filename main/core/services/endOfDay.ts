import path from 'node:path';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import { addPracticeDays, daysBetween, instantAt, practiceDayOf } from '../../../shared/practiceDay.ts';
import { EXPORT_TABLES, type EndOfDayStatus } from '../../../shared/reports.ts';
import { write, type CoreContext } from '../context.ts';
import { CacheSlot } from '../db/caches.ts';
import { DomainError } from '../errors.ts';
import { writeFilesTogether } from '../files.ts';
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
}

const DEFAULT_CONFIG: EndOfDayConfig = { enabled: false, time: '18:30', folder: '', startDay: null };
const EMPTY_STATE: EndOfDayState = { lastExportedDay: null, lastSuccessAt: null, lastError: null };

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

/** Writes every day that is due; stops at the first failure and says why, to try again later. */
export async function runEndOfDay(ctx: CoreContext): Promise<EndOfDayStatus> {
  const run = ctx.caches.slot(RUN);
  if (run.running) return endOfDayStatus(ctx);
  run.running = true;
  try {
    const config = readConfig(ctx);
    const state = readState(ctx);
    for (const day of dueDays(config, state, ctx.clock.now())) {
      try {
        const files = [
          await buildExportFile(ctx, { format: 'xlsx', from: day, to: day }),
          ...(await Promise.all(EXPORT_TABLES.map((table) => buildExportFile(ctx, { format: 'csv', table, from: day, to: day })))),
        ];
        writeFilesTogether(files.map((file) => ({ target: path.join(config.folder, file.fileName), data: file.bytes })));
        state.lastExportedDay = day;
        state.lastSuccessAt = new Date(ctx.clock.now()).toISOString();
        state.lastError = null;
        saveState(ctx, state);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        state.lastError = { at: new Date(ctx.clock.now()).toISOString(), day, message: `${message} ContactCap will try again in a minute.` };
        saveState(ctx, state);
        break;
      }
    }
  } finally {
    run.running = false;
  }
  return endOfDayStatus(ctx);
}

