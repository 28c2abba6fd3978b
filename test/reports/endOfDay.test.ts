import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract.ts';
import type { EndOfDayStatus } from '../../shared/reports.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, closeCore, expectRefusedUnchanged, openCore, snapshot, type OpenedCore } from '../api/apiHarness.ts';

/**
 * The end-of-day export, driven by a clock the test moves: at the set time each
 * day this PC writes the day's workbook and one CSV per table to a folder; a day
 * that cannot be written is tried again, and no day is skipped. Monday 23
 * November 2026 is in GMT, so 18:30 London time is 18:30Z.
 */

const isRoot = process.getuid?.() === 0;
const FAST_TEMP = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const TABLES = ['clinician-days', 'clinician-day-types', 'contacts', 'redirections', 'deferrals'];
const PAGE = 4096;

const cleanups: (() => void)[] = [];
afterAll(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
  closeAllCores();
});

function tempFolder(base = FAST_TEMP): string {
  const dir = mkdtempSync(path.join(base, 'contactcap-eod-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The PC's name: a PC not in a practice network puts it in each day's folder name. */
const PC = 'Reception 1';
/** One day's set: its folder (`2026-11-23 Reception 1`) holding contactcap-2026-11-23.xlsx, contactcap-<table>-2026-11-23.csv and the set's manifest. */
const setOf = (day: string) => `${day} ${PC}`;
const dayFiles = (day: string) => [`contactcap-${day}.xlsx`, ...TABLES.map((table) => `contactcap-${table}-${day}.csv`), 'contactcap-set.json'].sort();
const filesIn = (folder: string) => readdirSync(folder).sort();
/** Every file under the folder, as `set folder/file`. */
const allFilesIn = (folder: string) => filesIn(folder).flatMap((set) => filesIn(path.join(folder, set)).map((file) => `${set}/${file}`));

const status = (opened: OpenedCore): EndOfDayStatus => must(opened.core.call('export.endOfDayStatus', {}));
const run = async (opened: OpenedCore): Promise<EndOfDayStatus> => must(await opened.core.call('export.runEndOfDay', {}));


/** A day at the desk: `contacts` calls for Ada from 09:00, and one redirection; returns nothing, the count is the caller's record. */
function workDay(opened: OpenedCore, clinicianId: string, day: string, contacts: number): void {
  opened.clock.set(`${day}T09:00:00Z`);
  for (let i = 0; i < contacts; i++) {
    must(opened.core.call('contact.record', { clinicianId, typeId: 'telephone' }));
    opened.clock.advance(5 * 60_000);
  }
  must(opened.core.call('redirection.record', { destinationId: 'builtin-utc', reason: 'clinician_at_capacity', patientTold: true, fromClinicianId: clinicianId }));
}

/** Blank lines skipped: a table with no rows ends in one (a bug shown in exports.test.ts). */
function readCsv(file: string): string[][] {
  return parse(readFileSync(file, 'utf8'), { bom: true, skip_empty_lines: true });
}

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  return book;
}

/** The day's files are there, complete: every CSV parses with its header and the contacts recorded, and the workbook opens. */
async function expectCompleteDay(exportFolder: string, day: string, contacts: number): Promise<void> {
  const folder = path.join(exportFolder, setOf(day));
  expect(filesIn(folder)).toEqual(dayFiles(day));
  for (const table of TABLES) {
    const records = readCsv(path.join(folder, `contactcap-${table}-${day}.csv`));
    expect(records.length, table).toBeGreaterThanOrEqual(1);
    expect(records.slice(1).every((record) => record[records[0]?.indexOf('day') ?? 1] === day), table).toBe(true);
  }
  expect(readCsv(path.join(folder, `contactcap-contacts-${day}.csv`))).toHaveLength(contacts + 1);
  expect(readCsv(path.join(folder, `contactcap-redirections-${day}.csv`))).toHaveLength(2);
  const book = await readWorkbook(path.join(folder, `contactcap-${day}.xlsx`));
  expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Clinician days', 'Contacts by type', 'Contacts', 'Redirections', 'Deferrals']);
  expect(book.getWorksheet('Contacts')?.rowCount).toBe(contacts + 1);
}

describe('the end-of-day export through a week', () => {
  let opened: OpenedCore;
  let folder: string;
  let ada: string;
  const recorded: Record<string, number> = { '2026-11-23': 6, '2026-11-24': 4, '2026-11-25': 5, '2026-11-26': 3, '2026-11-27': 2 };
  let thursdayFiles: string[] = [];

  beforeAll(() => {
    opened = openCore('2026-11-23T08:00:00Z');
    must(opened.core.call('device.update', { deviceName: PC }));
    folder = tempFolder();
    ada = must(opened.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
  });

  it('is off until turned on, at 18:30 with no folder', () => {
    expect(status(opened)).toEqual({ enabled: false, time: '18:30', folder: '', lastExportedDay: null, lastSuccessAt: null, lastError: null, note: null, waiting: [] });
  });

  it('refuses to turn on with no folder, a relative path, or a folder that is not there, saying which, and changes nothing', async () => {
    await expectRefusedUnchanged(opened, 'export.configureEndOfDay', { enabled: true }, { code: 'invalid_input', field: 'folder', phrase: 'Choose the folder the daily files go to' });
    await expectRefusedUnchanged(opened, 'export.configureEndOfDay', { enabled: true, folder: 'reports/daily' }, { code: 'invalid_input', field: 'folder', phrase: 'full path' });
    await expectRefusedUnchanged(opened, 'export.configureEndOfDay', { enabled: true, folder: path.join(folder, 'missing') }, { code: 'invalid_input', field: 'folder', phrase: 'cannot be found' });
    const notAFolder = path.join(tempFolder(), 'a-file.txt');
    writeFileSync(notAFolder, 'not a folder');
    await expectRefusedUnchanged(opened, 'export.configureEndOfDay', { enabled: true, folder: notAFolder }, { code: 'invalid_input', field: 'folder', phrase: 'is a file, not a folder' });
    // A folder under that file (ENOTDIR): said in words, not the system's error text.
    await expectRefusedUnchanged(opened, 'export.configureEndOfDay', { enabled: true, folder: path.join(notAFolder, 'daily') }, { code: 'invalid_input', field: 'folder', phrase: 'is not a folder: part of that path is a file' });
    expect(status(opened).enabled).toBe(false);
  });

  it('turns on for 18:30 from Monday, checks the folder can be written, and leaves nothing in it', () => {
    const configured = must(opened.core.call('export.configureEndOfDay', { enabled: true, time: '18:30', folder }));
    expect(configured).toEqual({ enabled: true, time: '18:30', folder, lastExportedDay: null, lastSuccessAt: null, lastError: null, note: null, waiting: [] });
    expect(filesIn(folder)).toEqual([]);
  });

  it('writes nothing before the time: Monday at 18:00', async () => {
    workDay(opened, ada, '2026-11-23', recorded['2026-11-23'] ?? 0);
    opened.clock.set('2026-11-23T18:00:00Z');
    expect(await run(opened)).toMatchObject({ lastExportedDay: null, lastSuccessAt: null, lastError: null, waiting: [] });
    expect(filesIn(folder)).toEqual([]);
  });

  it('writes Monday’s workbook and one CSV per table just after 18:30, and says so', async () => {
    opened.clock.set('2026-11-23T18:31:00Z');
    expect(status(opened).waiting).toEqual(['2026-11-23']);
    expect(await run(opened)).toEqual({
      enabled: true,
      time: '18:30',
      folder,
      lastExportedDay: '2026-11-23',
      lastSuccessAt: '2026-11-23T18:31:00.000Z',
      lastError: null,
      note: null,
      waiting: [],
    });
    expect(filesIn(folder)).toEqual([setOf('2026-11-23')]);
    await expectCompleteDay(folder, '2026-11-23', 6);
  });

  it('does not write Monday again on the next run', async () => {
    const before = allFilesIn(folder).map((name) => [name, readFileSync(path.join(folder, name))]);
    opened.clock.set('2026-11-23T18:45:00Z');
    expect(await run(opened)).toMatchObject({ lastExportedDay: '2026-11-23', lastSuccessAt: '2026-11-23T18:31:00.000Z' });
    expect(allFilesIn(folder).map((name) => [name, readFileSync(path.join(folder, name))])).toEqual(before);
  });

  it('catches up Tuesday, Wednesday and Thursday in one run on Thursday at 19:00, skipping none', async () => {
    for (const day of ['2026-11-24', '2026-11-25', '2026-11-26']) workDay(opened, ada, day, recorded[day] ?? 0);
    opened.clock.set('2026-11-26T19:00:00Z');
    expect(status(opened).waiting).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    expect(await run(opened)).toMatchObject({ lastExportedDay: '2026-11-26', lastSuccessAt: '2026-11-26T19:00:00.000Z', lastError: null, waiting: [] });
    expect(filesIn(folder)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'].map(setOf));
    for (const day of ['2026-11-24', '2026-11-25', '2026-11-26']) await expectCompleteDay(folder, day, recorded[day] ?? 0);
    thursdayFiles = allFilesIn(folder);
  });

  it('records why when the folder has gone (renamed away), writes nothing of Friday anywhere, and leaves no temporary file', async () => {
    workDay(opened, ada, '2026-11-27', recorded['2026-11-27'] ?? 0);
    const away = `${folder}-away`;
    renameSync(folder, away);
    cleanups.push(() => rmSync(away, { recursive: true, force: true }));
    opened.clock.set('2026-11-27T19:00:00Z');
    const after = await run(opened);
    expect(after).toMatchObject({ lastExportedDay: '2026-11-26', lastSuccessAt: '2026-11-26T19:00:00.000Z', waiting: ['2026-11-27'] });
    expect(after.lastError).toEqual({ at: '2026-11-27T19:00:00.000Z', day: '2026-11-27', message: expect.stringContaining('cannot be found') as unknown });
    expect(after.lastError?.message).toContain('The day’s files are still waiting: ContactCap tries again every minute.');
    expect(existsSync(folder)).toBe(false);
    expect(allFilesIn(away)).toEqual(thursdayFiles);
    renameSync(away, folder);
  });

  it('catches up from the failed day once the folder is back: Friday and Saturday on Saturday at 19:00', async () => {
    opened.clock.set('2026-11-28T19:00:00Z');
    expect(status(opened).waiting).toEqual(['2026-11-27', '2026-11-28']);
    expect(await run(opened)).toMatchObject({ lastExportedDay: '2026-11-28', lastSuccessAt: '2026-11-28T19:00:00.000Z', lastError: null, waiting: [] });
    expect(filesIn(folder)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'].map(setOf));
    await expectCompleteDay(folder, '2026-11-27', 2);
    // Saturday: nobody worked, but the files are there, with headers only.
    expect(readCsv(path.join(folder, setOf('2026-11-28'), 'contactcap-contacts-2026-11-28.csv'))).toEqual([expect.arrayContaining(['contact_id', 'day']) as unknown]);
  });

  it('keeps its time and folder when turned off, and writes nothing while off', async () => {
    opened.clock.set('2026-11-29T19:00:00Z');
    expect(must(opened.core.call('export.configureEndOfDay', { enabled: false }))).toMatchObject({ enabled: false, time: '18:30', folder, waiting: [] });
    await run(opened);
    expect(filesIn(folder).some((name) => name.includes('2026-11-29'))).toBe(false);
  });
});

describe('the end-of-day export, told no window anything needlessly', () => {
  // Bug (main/core/api/handlers.ts): export.runEndOfDay always declares changes ['device'],
  // so every run, including the timer's run every minute on every PC when nothing is due
  // (or the export is off), pushes data.changed {topics: ['device']} and makes every window
  // re-read this PC's settings once a minute. Fix: push only when the run saved something
  // (a file written or an error recorded), e.g. by letting a handler say what it changed.
  it('tells no window to refresh when no file was due', async () => {
    const opened = openCore('2026-11-23T08:00:00Z');
    try {
      must(opened.core.call('export.configureEndOfDay', { enabled: true, folder: tempFolder() }));
      opened.clock.set('2026-11-23T12:00:00Z');
      const before = snapshot(opened.core.db);
      opened.pushes.length = 0;
      expect(await run(opened)).toMatchObject({ waiting: [], lastExportedDay: null });
      expect(snapshot(opened.core.db)).toEqual(before);
      expect(opened.pushes).toEqual([]);
    } finally {
      closeCore(opened);
    }
  });
});

describe('turning the end-of-day export off and on again', () => {
  it('starts again from the day it is turned back on, not the days it was off', async () => {
    const opened = openCore('2026-11-23T08:00:00Z');
    try {
      const folder = tempFolder();
      must(opened.core.call('export.configureEndOfDay', { enabled: true, time: '18:30', folder }));
      opened.clock.set('2026-11-23T18:31:00Z');
      expect(await run(opened)).toMatchObject({ lastExportedDay: '2026-11-23' });
      opened.clock.set('2026-11-24T09:00:00Z');
      must(opened.core.call('export.configureEndOfDay', { enabled: false }));
      opened.clock.set('2026-11-30T09:00:00Z');
      expect(must(opened.core.call('export.configureEndOfDay', { enabled: true })).waiting).toEqual([]);
      opened.clock.set('2026-11-30T19:00:00Z');
      expect(status(opened).waiting).toEqual(['2026-11-30']);
    } finally {
      closeCore(opened);
    }
  });
});

describe.skipIf(isRoot)('a folder this PC may not write to (not root: by permissions)', () => {
  it('refuses it when turning on, in words for the desk, and changes nothing', async () => {
    const opened = openCore('2026-11-23T08:00:00Z');
    const folder = tempFolder();
    chmodSync(folder, 0o555);
    cleanups.push(() => chmodSync(folder, 0o755));
    await expectRefusedUnchanged(opened, 'export.configureEndOfDay', { enabled: true, folder }, { code: 'storage_read_only', field: 'folder', phrase: 'cannot write to' });
    closeCore(opened);
  });
});

describe.runIf(isRoot)('a folder that turns read-only or fills up (root: real file systems)', () => {
  const mounted: string[] = [];
  afterEach(() => {
    while (mounted.length > 0) {
      const dir = mounted.pop();
      if (dir) execFileSync('umount', ['-l', dir]);
    }
  });

  function mountTmpfs(options: string): string {
    const dir = tempFolder(tmpdir());
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
    mounted.push(dir);
    return dir;
  }

  /** A core with the export on for a folder, and Monday's work (40 calls, so the contacts CSV spans pages). */
  function arranged(folder: string): { opened: OpenedCore; ada: string } {
    const opened = openCore('2026-11-23T08:00:00Z');
    cleanups.push(() => closeCore(opened));
    must(opened.core.call('device.update', { deviceName: PC }));
    const ada = must(opened.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 50 })).id;
    must(opened.core.call('export.configureEndOfDay', { enabled: true, time: '18:30', folder }));
    workDay(opened, ada, '2026-11-23', 40);
    opened.clock.set('2026-11-23T18:31:00Z');
    return { opened, ada };
  }

  /** Fills the file system so that exactly `freePages` pages are left. */
  function fillLeaving(folder: string, freePages: number): string {
    const filler = path.join(folder, 'filler.bin');
    const { bsize, bavail } = statfsSync(folder);
    expect(bsize).toBe(PAGE);
    writeFileSync(filler, Buffer.alloc((bavail - freePages) * bsize));
    expect(statfsSync(folder).bavail).toBe(freePages);
    return filler;
  }

  it('records a read-only folder with a clear message, writes nothing, and catches up once it can write again', async () => {
    const folder = mountTmpfs('size=4m');
    const { opened } = arranged(folder);
    execFileSync('mount', ['-o', 'remount,ro', folder]);
    const failed = await run(opened);
    expect(failed.lastError).toMatchObject({ day: '2026-11-23', at: '2026-11-23T18:31:00.000Z' });
    expect(failed.lastError?.message).toMatch(/ContactCap is not allowed to save files in “.*”\. Ask IT to let this PC write there, or choose another folder\. The day’s files are still waiting: ContactCap tries again every minute\./);
    expect(failed).toMatchObject({ lastExportedDay: null, waiting: ['2026-11-23'] });
    expect(filesIn(folder)).toEqual([]);
    execFileSync('mount', ['-o', 'remount,rw', folder]);
    opened.clock.set('2026-11-23T18:32:00Z');
    expect(await run(opened)).toMatchObject({ lastExportedDay: '2026-11-23', lastError: null });
    expect(filesIn(folder)).toEqual([setOf('2026-11-23')]);
    await expectCompleteDay(folder, '2026-11-23', 40);
  });

  it('records a full disk with a clear message, leaves no file and no temporary file, and catches up once there is room', async () => {
    const folder = mountTmpfs('size=1m');
    const { opened } = arranged(folder);
    const filler = fillLeaving(folder, 0);
    const failed = await run(opened);
    expect(failed.lastError?.message).toMatch(/The disk holding “.*” is full\. Free some space there, or choose another folder\..*tries again every minute/);
    expect(failed).toMatchObject({ lastExportedDay: null, waiting: ['2026-11-23'] });
    expect(filesIn(folder)).toEqual(['filler.bin']);
    rmSync(filler);
    opened.clock.set('2026-11-23T18:32:00Z');
    expect(await run(opened)).toMatchObject({ lastExportedDay: '2026-11-23', lastError: null });
    await expectCompleteDay(folder, '2026-11-23', 40);
  });

  /** Room for the workbook and the first two CSVs, not the contacts CSV: pages worked out from the files' sizes. */
  async function roomForAllButContacts(opened: OpenedCore): Promise<number> {
    const size = async (input: InputOf<'export.build'>) => Buffer.from(must(await opened.core.call('export.build', input)).base64, 'base64').length;
    const day = { from: '2026-11-23', to: '2026-11-23' };
    const pages = (bytes: number) => Math.ceil(bytes / PAGE);
    const before = [await size({ format: 'xlsx', ...day }), await size({ format: 'csv', table: 'clinician-days', ...day }), await size({ format: 'csv', table: 'clinician-day-types', ...day })];
    expect(await size({ format: 'csv', table: 'contacts', ...day })).toBeGreaterThan(PAGE);
    return before.reduce((sum, bytes) => sum + pages(bytes), 0);
  }

  it('records a disk that fills part-way through a day, and leaves no temporary file behind', async () => {
    const folder = mountTmpfs('size=1m');
    const { opened } = arranged(folder);
    fillLeaving(folder, await roomForAllButContacts(opened));
    const failed = await run(opened);
    expect(failed.lastError?.message).toContain('is full');
    expect(failed).toMatchObject({ lastExportedDay: null, waiting: ['2026-11-23'] });
    expect(filesIn(folder).filter((name) => name.includes('.part') || name.includes('writing'))).toEqual([]);
    expect(filesIn(folder)).not.toContain(setOf('2026-11-23'));
  });

  it('leaves none of the day’s files when the disk fills part-way through the day', async () => {
    const folder = mountTmpfs('size=1m');
    const { opened } = arranged(folder);
    fillLeaving(folder, await roomForAllButContacts(opened));
    await run(opened);
    expect(filesIn(folder)).toEqual(['filler.bin']);
  });
});
