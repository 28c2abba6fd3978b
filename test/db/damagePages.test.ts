import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, copyFolder, databaseIn, recordContacts, reopenAndCount } from '../helpers/damage.ts';
import { FakeClock, must, openTestCore, tempDirs } from '../helpers/fixtures.ts';

/**
 * Issue 10 §4: damaged database files, many variants per class, each against
 * a real file holding a known set of acknowledged contacts. 300 are recorded,
 * a backup is made, 100 more are recorded: the last 100 can come only from
 * what salvage reads in the damaged file itself.
 */

const dirs = tempDirs();
let seed = '';
let acknowledged: string[] = [];
let afterBackup = new Set<string>();
const PAGE = 4096;

interface Page {
  table: string;
  pageno: number;
  pagetype: string;
}
let pages: Page[] = [];

beforeAll(async () => {
  seed = dirs.make();
  const core = openTestCore(seed, { clock: new FakeClock(DAY) });
  acknowledged = recordContacts(core, 300);
  must(await core.call('backup.now', {}));
  const later = recordContacts(core, 100);
  afterBackup = new Set(later);
  acknowledged.push(...later);
  core.close();
  const raw = new Database(databaseIn(seed), { readonly: true });
  pages = raw.prepare("SELECT name AS \"table\", pageno, pagetype FROM dbstat WHERE pagetype IN ('internal', 'leaf') ORDER BY pageno").all() as Page[];
  raw.close();
}, 60_000);
afterAll(() => dirs.removeAll());

function patch(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, at);
  closeSync(fd);
}

function flipByte(file: string, at: number): void {
  const one = Buffer.alloc(1);
  const fd = openSync(file, 'r+');
  readSync(fd, one, 0, 1, at);
  one[0] = (one[0] ?? 0) ^ 0xff;
  writeSync(fd, one, 0, 1, at);
  closeSync(fd);
}

/** Runs each damage on a fresh copy of the seed, then reopens it: answers per variant how many acknowledged contacts are missing. */
async function tryVariants(name: string, variants: { label: string; damage: (file: string) => void }[]): Promise<{ label: string; lost: number; notices: { kind: string; message: string }[] }[]> {
  const results: { label: string; lost: number; notices: { kind: string; message: string }[] }[] = [];
  for (const { label, damage } of variants) {
    const dir = dirs.make();
    copyFolder(seed, dir);
    damage(databaseIn(dir));
    const { lost, notices, core } = await reopenAndCount(dir, acknowledged);
    // The desk can still record: never read-only, never blocked.
    recordContacts(core, 1);
    core.close();
    results.push({ label, lost, notices });
  }
  const losing = results.filter((result) => result.lost > 0);
  console.log(`damage class "${name}": ${results.length} variants tried, ${losing.length} lost anything (${losing.reduce((sum, each) => sum + each.lost, 0)} contacts)`);
  return results;
}

/**
 * Pages of the projections and indexes never cost a contact (the events
 * rebuild them); a page of the events table itself can cost only contacts
 * recorded after the backup, and the notice then says exactly how many.
 */
function expectOnlyUnbackedEventsLost(results: { label: string; lost: number; notices: { kind: string; message: string }[] }[], damaged: Page[]): void {
  results.forEach((result, i) => {
    if (result.lost === 0) return;
    expect(damaged[i]?.table, result.label).toBe('events');
    expect(result.lost, result.label).toBeLessThanOrEqual(afterBackup.size);
    const rebuilt = result.notices.find((notice) => notice.kind === 'database_rebuilt');
    expect(rebuilt?.message, result.label).toContain(`${result.lost} contact${result.lost === 1 ? '' : 's'} among them`);
  });
}

describe('a damaged database at start loses no acknowledged contact', () => {
  it('each interior page zeroed in turn: every contact is back, but for the rows an events interior page itself holds', async () => {
    const interior = pages.filter((page) => page.pagetype === 'internal');
    expect(interior.length).toBeGreaterThan(5);
    const results = await tryVariants('interior page zeroed', interior.map((page) => ({ label: `${page.table} page ${page.pageno}`, damage: (file) => patch(file, (page.pageno - 1) * PAGE, Buffer.alloc(PAGE)) })));
    // The events table is WITHOUT ROWID: its interior pages hold rows too, which only a backup can give back.
    expectOnlyUnbackedEventsLost(results, interior);
  }, 120_000);

  it('b-tree page header bytes flipped at each offset, on pages of every table: every contact is back', async () => {
    const sample = pages.filter((_page, index) => index % 10 === 0);
    const variants = sample.flatMap((page) =>
      [0, 1, 2, 3, 4, 5, 6, 7].map((offset) => ({ label: `${page.table} page ${page.pageno} byte ${offset}`, damage: (file: string) => flipByte(file, (page.pageno - 1) * PAGE + (page.pageno === 1 ? 100 : 0) + offset) })),
    );
    expect(variants.length).toBeGreaterThan(60);
    const results = await tryVariants('b-tree header byte flipped', variants);
    expect(results.filter((result) => result.lost > 0)).toEqual([]);
  }, 180_000);

  it('each leaf page zeroed in turn: lost only what no copy held, and the notice says exactly how many', async () => {
    const leaves = pages.filter((page) => page.pagetype === 'leaf');
    const results = await tryVariants('leaf page zeroed (with a backup after 300 of 400)', leaves.map((page) => ({ label: `${page.table} page ${page.pageno}`, damage: (file) => patch(file, (page.pageno - 1) * PAGE, Buffer.alloc(PAGE)) })));
    expectOnlyUnbackedEventsLost(results, leaves);
  }, 180_000);
});

describe('a damaged file header', () => {
  it('each of the 100 header bytes flipped in turn: the desk starts writable with every contact', async () => {
    const results = await tryVariants(
      'file header byte flipped',
      Array.from({ length: 100 }, (_, offset) => ({ label: `header byte ${offset}`, damage: (file: string) => flipByte(file, offset) })),
    );
    expect(results.filter((result) => result.lost > 0)).toEqual([]);
    // Byte 18 above 2 made SQLite open read-only, and the old start-up blamed the folder's permissions.
    const byte18 = results[18];
    expect(byte18?.notices.map((notice) => notice.kind)).toContain('database_rebuilt');
    expect(byte18?.notices.some((notice) => notice.message.includes('permission'))).toBe(false);
  }, 180_000);
});
