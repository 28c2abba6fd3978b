import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { explainFolderError } from '../../main/core/exports/daySets.ts';
import type { EndOfDayStatus } from '../../shared/reports.ts';
import { must } from '../helpers/fixtures.ts';
import { deliver, FAST_TEMP, testPcs, type Pc } from '../network/replicas.ts';

/**
 * Issue 11: the end-of-day export pointed at one folder shared by several PCs.
 * Each day's files are a set in a folder of their own, renamed into place
 * whole; a networked practice gets one set per day, whoever writes it first;
 * PCs on their own each get theirs, named; a day that changes after its export
 * gets a revised set beside the first; a folder failure is a sentence; and a PC
 * stopped mid-export leaves nothing half-done for good.
 * Monday 23 November 2026 is in GMT: 18:30 London time is 18:30Z.
 */

const pcs = testPcs('contactcap-eod-sets-');
const folders: string[] = [];
afterEach(() => {
  pcs.closeAll();
  while (folders.length > 0) rmSync(folders.pop() ?? '', { recursive: true, force: true });
});

function sharedFolder(): string {
  const dir = mkdtempSync(path.join(FAST_TEMP, 'contactcap-shared-'));
  folders.push(dir);
  return dir;
}

const TABLES = ['clinician-days', 'clinician-day-types', 'contacts', 'redirections', 'deferrals'];
const setFiles = (day: string) => [`contactcap-${day}.xlsx`, ...TABLES.map((table) => `contactcap-${table}-${day}.csv`), 'contactcap-set.json'].sort();
const list = (folder: string) => readdirSync(folder).sort();
const run = async (pc: Pc): Promise<EndOfDayStatus> => must(await pc.core.call('export.runEndOfDay', {}));

/** Rows in a set's contacts CSV (header not counted). */
function contactsIn(folder: string, set: string, day: string): number {
  const rows: string[][] = parse(readFileSync(path.join(folder, set, `contactcap-contacts-${day}.csv`), 'utf8'), { bom: true, skip_empty_lines: true });
  return rows.length - 1;
}

function manifestOf(folder: string, set: string): { revision: number; writtenBy: { name: string }; practiceNetwork: boolean; writtenAt: string } {
  return JSON.parse(readFileSync(path.join(folder, set, 'contactcap-set.json'), 'utf8')) as never;
}

/** A PC with the export on at 18:30 into `folder`, opened at 08:00 on Monday, with a clinician of its own to record against. */
function exportingPc(name: string, prefix: string, folder: string): Pc {
  const pc = pcs.pc(name, prefix, '2026-11-23T08:00:00Z');
  must(pc.core.call('export.configureEndOfDay', { enabled: true, time: '18:30', folder }));
  return pc;
}

/** Reception 1 with the export on, and Dr Ada Patel's `contacts` calls from 09:00 on Monday. */
function receptionWithMonday(folder: string, contacts: number): { pc: Pc; ada: string } {
  const pc = exportingPc('Reception 1', 'r', folder);
  const ada = must(pc.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
  record(pc, ada, contacts, '2026-11-23T09:00:00Z');
  return { pc, ada };
}

function record(pc: Pc, clinicianId: string, count: number, from: string): void {
  pc.clock.set(from);
  for (let i = 0; i < count; i++) {
    must(pc.core.call('contact.record', { clinicianId, typeId: 'telephone', overCapReason: 'Urgent: seen on the day' }));
    pc.clock.advance(60_000);
  }
}

/** Hands each PC everything the other has (what the practice network does). */
function exchange(a: Pc, b: Pc): void {
  for (const origin of new Set([a.core.deviceId, b.core.deviceId])) {
    deliver(a.core, b.core, origin);
    deliver(b.core, a.core, origin);
  }
}

function networkedPair(folder: string): { a: Pc; b: Pc; ada: string } {
  const a = exportingPc('Desk 1', 'a', folder);
  const b = exportingPc('Desk 2', 'b', folder);
  const { joinCode } = must(a.core.call('network.create', {}));
  must(b.core.call('network.join', { code: joinCode }));
  const ada = must(a.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
  exchange(a, b);
  return { a, b, ada };
}

describe('two networked PCs, one folder', () => {
  it('hold exactly one complete set per day, written by whichever PC gets there first; the other, knowing the same, writes nothing', async () => {
    const folder = sharedFolder();
    const { a, b, ada } = networkedPair(folder);
    record(a, ada, 33, '2026-11-23T09:00:00Z');
    record(b, ada, 12, '2026-11-23T14:00:00Z');
    exchange(a, b);
    a.clock.set('2026-11-23T18:31:00Z');
    b.clock.set('2026-11-23T18:31:30Z');
    expect(await run(b)).toMatchObject({ lastExportedDay: '2026-11-23', lastError: null, note: null });
    const written = list(path.join(folder, '2026-11-23')).map((name) => [name, readFileSync(path.join(folder, '2026-11-23', name))]);
    expect(await run(a)).toMatchObject({ lastExportedDay: '2026-11-23', lastError: null, note: null });
    expect(list(folder)).toEqual(['2026-11-23']);
    expect(list(path.join(folder, '2026-11-23'))).toEqual(setFiles('2026-11-23'));
    // The first PC's set, byte for byte: the second did not write over it.
    expect(list(path.join(folder, '2026-11-23')).map((name) => [name, readFileSync(path.join(folder, '2026-11-23', name))])).toEqual(written);
    expect(contactsIn(folder, '2026-11-23', '2026-11-23')).toBe(45);
    expect(manifestOf(folder, '2026-11-23')).toMatchObject({ revision: 1, writtenBy: { name: 'Desk 2' }, practiceNetwork: true });
  });

  it('a PC that knows less never replaces the set; one that knows more writes a revision beside it, and the first set stays', async () => {
    const folder = sharedFolder();
    const { a, b, ada } = networkedPair(folder);
    record(a, ada, 20, '2026-11-23T09:00:00Z');
    exchange(a, b);
    // Desk 1 records 5 more that Desk 2 has not had (the network between them is down).
    record(a, ada, 5, '2026-11-23T16:00:00Z');
    a.clock.set('2026-11-23T18:31:00Z');
    await run(a);
    expect(contactsIn(folder, '2026-11-23', '2026-11-23')).toBe(25);
    b.clock.set('2026-11-23T18:32:00Z');
    const behind = await run(b);
    expect(behind).toMatchObject({ lastExportedDay: '2026-11-23', lastError: null });
    expect(behind.note).toMatch(/Desk 1 wrote the files in “2026-11-23” knowing records this PC has not had yet, so this PC left them as they are/);
    expect(list(folder)).toEqual(['2026-11-23']);
    expect(contactsIn(folder, '2026-11-23', '2026-11-23')).toBe(25);

    // Desk 2 records a late one at 18:50 while still apart; then they meet.
    record(b, ada, 1, '2026-11-23T18:50:00Z');
    b.clock.set('2026-11-23T19:00:00Z');
    await run(b);
    // Still knowing less than the set's PC (and something else): it waits, and writes nothing.
    expect(list(folder)).toEqual(['2026-11-23']);
    exchange(a, b);
    b.clock.set('2026-11-23T19:15:00Z');
    expect(await run(b)).toMatchObject({ lastError: null });
    expect(list(folder)).toEqual(['2026-11-23', '2026-11-23 revision 2']);
    expect(contactsIn(folder, '2026-11-23', '2026-11-23')).toBe(25);
    expect(contactsIn(folder, '2026-11-23 revision 2', '2026-11-23')).toBe(26);
    expect(manifestOf(folder, '2026-11-23 revision 2')).toMatchObject({ revision: 2, writtenBy: { name: 'Desk 2' } });
    // Desk 1 now knows the same: it adds nothing.
    a.clock.set('2026-11-23T19:30:00Z');
    await run(a);
    expect(list(folder)).toEqual(['2026-11-23', '2026-11-23 revision 2']);
  });
});

describe('a week of two networked PCs', () => {
  it('leaves one set per day, a revision only where a day changed after its export, and nothing else', async () => {
    const folder = sharedFolder();
    const { a, b, ada } = networkedPair(folder);
    const at = (pc: Pc, iso: string) => pc.clock.set(iso);
    const both = async (day: string) => {
      at(a, `${day}T18:31:00Z`);
      at(b, `${day}T18:31:30Z`);
      await run(a);
      await run(b);
    };
    // Monday: an ordinary day on both desks.
    record(a, ada, 20, '2026-11-23T08:30:00Z');
    record(b, ada, 5, '2026-11-23T13:00:00Z');
    exchange(a, b);
    await both('2026-11-23');
    // Tuesday: an extended-hours session on Desk 2 after the export.
    record(a, ada, 25, '2026-11-24T08:30:00Z');
    exchange(a, b);
    await both('2026-11-24');
    record(b, ada, 3, '2026-11-24T19:00:00Z');
    exchange(a, b);
    at(b, '2026-11-24T19:45:00Z');
    await run(b);
    // Wednesday: the network between them is down in the afternoon, and Desk 2 gets there first.
    record(a, ada, 10, '2026-11-25T08:30:00Z');
    exchange(a, b);
    record(a, ada, 4, '2026-11-25T14:00:00Z');
    at(b, '2026-11-25T18:31:00Z');
    await run(b);
    at(a, '2026-11-25T18:32:00Z');
    await run(a);
    exchange(a, b);
    // Thursday: Desk 2 is switched off all day.
    record(a, ada, 12, '2026-11-26T08:30:00Z');
    at(a, '2026-11-26T18:31:00Z');
    await run(a);
    // Friday: both, and Desk 2 catches up Thursday on the way.
    record(b, ada, 8, '2026-11-27T08:30:00Z');
    exchange(a, b);
    await both('2026-11-27');
    // The weekend: both off; Desk 1 writes Saturday and Sunday when it starts on Monday.
    at(a, '2026-11-30T08:00:00Z');
    await run(a);

    const listing = list(folder).flatMap((set) => [`${set}/`, ...list(path.join(folder, set)).map((file) => `  ${file}`)]);
    console.info(`The shared folder after the week:\n${listing.join('\n')}`);
    expect(list(folder)).toEqual(['2026-11-23', '2026-11-24', '2026-11-24 revision 2', '2026-11-25', '2026-11-25 revision 2', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    for (const set of list(folder)) expect(list(path.join(folder, set)), set).toEqual(setFiles(set.slice(0, 10)));
    const counts = Object.fromEntries(list(folder).map((set) => [set, contactsIn(folder, set, set.slice(0, 10))]));
    expect(counts).toEqual({
      '2026-11-23': 25,
      '2026-11-24': 25,
      '2026-11-24 revision 2': 28,
      '2026-11-25': 10,
      '2026-11-25 revision 2': 14,
      '2026-11-26': 12,
      '2026-11-27': 8,
      '2026-11-28': 0,
      '2026-11-29': 0,
    });
    expect(manifestOf(folder, '2026-11-25').writtenBy.name).toBe('Desk 2');
    expect(manifestOf(folder, '2026-11-25 revision 2').writtenBy.name).toBe('Desk 1');
  });
});

describe('two networked PCs placing the same day at the same moment', () => {
  it('the second finds the first’s set in place at its rename, leaves it as it is, and leaves nothing of its own', async () => {
    const folder = sharedFolder();
    const scratch = sharedFolder();
    const a = pcs.pc('Desk 1', 'a', '2026-11-23T08:00:00Z');
    must(a.core.call('export.configureEndOfDay', { enabled: true, time: '18:30', folder: scratch }));
    // Desk 1's set lands in the shared folder just as Desk 2 is about to rename its own into place.
    const b = pcs.pc('Desk 2', 'b', '2026-11-23T08:00:00Z', {
      faults: { beforeDaySetRename: () => cpSync(path.join(scratch, '2026-11-23'), path.join(folder, '2026-11-23'), { recursive: true }) },
    });
    must(b.core.call('export.configureEndOfDay', { enabled: true, time: '18:30', folder }));
    const { joinCode } = must(a.core.call('network.create', {}));
    must(b.core.call('network.join', { code: joinCode }));
    const ada = must(a.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    record(a, ada, 10, '2026-11-23T09:00:00Z');
    exchange(a, b);
    a.clock.set('2026-11-23T18:31:00Z');
    b.clock.set('2026-11-23T18:31:00Z');
    await run(a);
    expect(await run(b)).toMatchObject({ lastExportedDay: '2026-11-23', lastError: null });
    expect(list(folder)).toEqual(['2026-11-23']);
    expect(manifestOf(folder, '2026-11-23').writtenBy.name).toBe('Desk 1');
    expect(contactsIn(folder, '2026-11-23', '2026-11-23')).toBe(10);
  });
});

describe('two PCs on their own, one folder', () => {
  it('each writes its own set, named after it; neither replaces the other', async () => {
    const folder = sharedFolder();
    const a = exportingPc('Desk 1', 'a', folder);
    const b = exportingPc('Desk 2', 'b', folder);
    const adaOnA = must(a.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    const adaOnB = must(b.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    record(a, adaOnA, 33, '2026-11-23T09:00:00Z');
    record(b, adaOnB, 12, '2026-11-23T09:00:00Z');
    a.clock.set('2026-11-23T18:31:00Z');
    b.clock.set('2026-11-23T18:31:00Z');
    await run(a);
    await run(b);
    expect(list(folder)).toEqual(['2026-11-23 Desk 1', '2026-11-23 Desk 2']);
    expect(contactsIn(folder, '2026-11-23 Desk 1', '2026-11-23')).toBe(33);
    expect(contactsIn(folder, '2026-11-23 Desk 2', '2026-11-23')).toBe(12);
    expect(manifestOf(folder, '2026-11-23 Desk 2')).toMatchObject({ practiceNetwork: false, writtenBy: { name: 'Desk 2' } });
  });
});

describe('a day that changes after its export', () => {
  it('a contact at 18:45 after the 18:30 export: a revised set within 10 minutes, the first one kept as it was', async () => {
    const folder = sharedFolder();
    const { pc, ada } = receptionWithMonday(folder, 6);
    pc.clock.set('2026-11-23T18:31:00Z');
    await run(pc);
    const first = readFileSync(path.join(folder, '2026-11-23 Reception 1', 'contactcap-contacts-2026-11-23.csv'));
    // The extended-hours session.
    record(pc, ada, 1, '2026-11-23T18:45:00Z');
    pc.clock.set('2026-11-23T18:46:00Z');
    await run(pc);
    expect(list(folder)).toEqual(['2026-11-23 Reception 1', '2026-11-23 Reception 1 revision 2']);
    expect(readFileSync(path.join(folder, '2026-11-23 Reception 1', 'contactcap-contacts-2026-11-23.csv'))).toEqual(first);
    expect(contactsIn(folder, '2026-11-23 Reception 1', '2026-11-23')).toBe(6);
    expect(contactsIn(folder, '2026-11-23 Reception 1 revision 2', '2026-11-23')).toBe(7);
    expect(list(path.join(folder, '2026-11-23 Reception 1 revision 2'))).toEqual(setFiles('2026-11-23'));
    expect(manifestOf(folder, '2026-11-23 Reception 1 revision 2')).toMatchObject({ revision: 2, writtenAt: '2026-11-23T18:46:00.000Z' });
    // Nothing new: no third set, however often it runs.
    pc.clock.set('2026-11-23T19:30:00Z');
    await run(pc);
    pc.clock.set('2026-11-24T08:00:00Z');
    await run(pc);
    expect(list(folder)).toEqual(['2026-11-23 Reception 1', '2026-11-23 Reception 1 revision 2']);
  });

  it('a late entry for Monday made on Wednesday revises Monday’s set', async () => {
    const folder = sharedFolder();
    const { pc, ada } = receptionWithMonday(folder, 3);
    pc.clock.set('2026-11-25T18:31:00Z');
    await run(pc);
    expect(list(folder)).toEqual(['2026-11-23 Reception 1', '2026-11-24 Reception 1', '2026-11-25 Reception 1']);
    pc.clock.set('2026-11-25T19:00:00Z');
    must(pc.core.call('contact.record', { clinicianId: ada, typeId: 'telephone', occurredAt: '2026-11-23T11:00:00Z', lateReason: 'Paper note found on Wednesday' }));
    pc.clock.set('2026-11-25T19:20:00Z');
    await run(pc);
    expect(list(folder)).toEqual(['2026-11-23 Reception 1', '2026-11-23 Reception 1 revision 2', '2026-11-24 Reception 1', '2026-11-25 Reception 1']);
    expect(contactsIn(folder, '2026-11-23 Reception 1 revision 2', '2026-11-23')).toBe(4);
  });
});

describe('folder failures, in words for the practice manager, with the day still waiting', () => {
  async function failingRun(arrange: (folder: string) => void): Promise<{ status: EndOfDayStatus; folder: string }> {
    const base = sharedFolder();
    const folder = path.join(base, 'daily');
    mkdirSync(folder);
    const pc = exportingPc('Reception 1', 'r', folder);
    arrange(folder);
    pc.clock.set('2026-11-23T18:31:00Z');
    const status = await run(pc);
    expect(status).toMatchObject({ lastExportedDay: null, waiting: ['2026-11-23'], lastError: { day: '2026-11-23' } });
    expect(status.lastError?.message).toMatch(/The day’s files are still waiting: ContactCap tries again every minute\.$/);
    // No error text from the system in it.
    expect(status.lastError?.message).not.toMatch(/ENOENT|ENOTDIR|EACCES|errno|syscall/);
    return { status, folder: base };
  }

  it('a folder that has gone', async () => {
    const { status } = await failingRun((folder) => rmSync(folder, { recursive: true }));
    expect(status.lastError?.message).toMatch(/^The folder “.*daily” cannot be found\. Check it exists and, if it is on a network drive, that the drive is connected\./);
  });

  it('a folder that is now a file', async () => {
    const { status } = await failingRun((folder) => {
      rmSync(folder, { recursive: true });
      writeFileSync(folder, 'not a folder');
    });
    expect(status.lastError?.message).toMatch(/^“.*daily” is not a folder: part of that path is a file\./);
  });

  it('a folder under a regular file (ENOTDIR)', async () => {
    const base = sharedFolder();
    const parent = path.join(base, 'reports');
    mkdirSync(path.join(parent, 'daily'), { recursive: true });
    const pc = exportingPc('Reception 1', 'r', path.join(parent, 'daily'));
    rmSync(parent, { recursive: true });
    writeFileSync(parent, 'a file where the folder was');
    pc.clock.set('2026-11-23T18:31:00Z');
    const status = await run(pc);
    expect(status).toMatchObject({ lastExportedDay: null, waiting: ['2026-11-23'] });
    expect(status.lastError?.message).toMatch(/^“.*daily” is not a folder: part of that path is a file\. Choose a folder for the daily files in Settings\. The day’s files are still waiting/);
  });

  it('a network share that has gone, a full disk, a read-only folder: each a sentence (the system codes as Windows and Linux give them)', () => {
    const folder = '\\\\server\\share\\ContactCap';
    const said = (code: string) => explainFolderError(Object.assign(new Error(`${code}: raw text`), { code }), folder).message;
    for (const code of ['EHOSTDOWN', 'ENETUNREACH', 'ETIMEDOUT', 'UNKNOWN', 'EIO']) expect(said(code), code).toBe(`The folder “${folder}” stopped answering: a network drive that has gone, or a disk fault. Check the drive is connected.`);
    expect(said('ENOSPC')).toBe(`The disk holding “${folder}” is full. Free some space there, or choose another folder.`);
    expect(said('EROFS')).toBe(`ContactCap is not allowed to save files in “${folder}”. Ask IT to let this PC write there, or choose another folder.`);
    expect(said('EACCES')).toBe(said('EROFS'));
    expect(said('EBUSY')).toMatch(/^Something else is using the folder/);
    expect(said('ENOENT')).toMatch(/cannot be found/);
    for (const code of ['EHOSTDOWN', 'ENOSPC', 'EROFS', 'EBUSY', 'ENOENT']) expect(said(code)).not.toContain('raw text');
  });

  it('once the folder is back, the waiting day is written', async () => {
    const base = sharedFolder();
    const folder = path.join(base, 'daily');
    mkdirSync(folder);
    const pc = exportingPc('Reception 1', 'r', folder);
    renameSync(folder, `${folder}-away`);
    pc.clock.set('2026-11-23T18:31:00Z');
    expect((await run(pc)).waiting).toEqual(['2026-11-23']);
    renameSync(`${folder}-away`, folder);
    pc.clock.set('2026-11-23T18:32:00Z');
    expect(await run(pc)).toMatchObject({ lastExportedDay: '2026-11-23', lastError: null, waiting: [] });
    expect(list(folder)).toEqual(['2026-11-23 Reception 1']);
  });
});

describe('a PC stopped dead in the middle of an export', () => {
  it('leaves no set in place (all or nothing); the next run removes its leftovers, not another PC’s, and writes the day whole', async () => {
    const folder = sharedFolder();
    const { pc } = receptionWithMonday(folder, 8);
    const dir = pc.dir;
    const deviceId = pc.core.deviceId;
    pcs.close(pc);
    // Another PC's set being written right now: not this PC's to remove.
    const othersTemp = '.contactcap-writing-0123456789abcdef-a1b2c3d4';
    mkdirSync(path.join(folder, othersTemp));

    const child = spawnSync(process.execPath, [path.join(import.meta.dirname, 'endOfDayKill.ts'), dir], { encoding: 'utf8', timeout: 60_000 });
    expect(child.stdout).not.toContain('not killed');
    expect(child.signal).toBe('SIGKILL');
    const left = list(folder);
    expect(left.filter((name) => !name.startsWith('.'))).toEqual([]);
    const mine = left.filter((name) => name.startsWith(`.contactcap-writing-${deviceId}-`));
    expect(mine).toHaveLength(1);
    // What the kill interrupted was the whole set, under its temporary name.
    expect(list(path.join(folder, mine[0] ?? ''))).toEqual(setFiles('2026-11-23'));

    const again = pcs.reopen(dir, 'Reception 1', 'r2', '2026-11-23T18:33:00Z');
    expect(await run(again)).toMatchObject({ lastExportedDay: '2026-11-23', lastError: null });
    expect(list(folder)).toEqual([othersTemp, '2026-11-23 Reception 1'].sort());
    expect(list(path.join(folder, '2026-11-23 Reception 1'))).toEqual(setFiles('2026-11-23'));
    expect(contactsIn(folder, '2026-11-23 Reception 1', '2026-11-23')).toBe(8);
    expect(existsSync(path.join(folder, mine[0] ?? 'none'))).toBe(false);
  });

  it('old-style temporary files of the version before day folders are removed once an hour old', async () => {
    const folder = sharedFolder();
    const pc = exportingPc('Reception 1', 'r', folder);
    const old = '.contactcap-2026-11-20.xlsx.part-0a1b2c3d';
    const fresh = '.contactcap-2026-11-23.xlsx.part-4e5f6a7b';
    writeFileSync(path.join(folder, old), 'half a workbook');
    writeFileSync(path.join(folder, fresh), 'half a workbook');
    const { utimesSync } = await import('node:fs');
    pc.clock.set('2026-11-23T18:31:00Z');
    const at = (iso: string) => new Date(iso);
    utimesSync(path.join(folder, old), at('2026-11-23T16:30:00Z'), at('2026-11-23T16:30:00Z'));
    utimesSync(path.join(folder, fresh), at('2026-11-23T18:25:00Z'), at('2026-11-23T18:25:00Z'));
    await run(pc);
    expect(existsSync(path.join(folder, old))).toBe(false);
    expect(existsSync(path.join(folder, fresh))).toBe(true);
  });
});
