import { closeSync, openSync, readFileSync, readSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, copyFolder, databaseIn, recordContacts, reopenAndCount } from '../helpers/damage.ts';
import { FakeClock, openTestCore, tempDirs } from '../helpers/fixtures.ts';

/**
 * Issue 10 §4, the write-ahead log: 400 contacts in the database file, then
 * 60 more in the log of a PC stopped dead (the folder copied while the core
 * had it open: every one of the 60 acknowledged). Each variant damages the
 * log, then the next start counts what is still there.
 */

const dirs = tempDirs();
let crashed = '';
/** The same 460 after a clean close: all in the database file. */
let closed = '';
let acknowledged: string[] = [];
const FRAME = 24 + 4096;

beforeAll(() => {
  const live = dirs.make();
  const first = openTestCore(live, { clock: new FakeClock(DAY) });
  acknowledged = recordContacts(first, 400);
  first.close();
  const second = openTestCore(live, { clock: new FakeClock(DAY) });
  acknowledged.push(...recordContacts(second, 60));
  crashed = dirs.make();
  copyFolder(live, crashed);
  second.close();
  closed = live;
}, 60_000);
afterAll(() => dirs.removeAll());

function flip(file: string, at: number): void {
  const one = Buffer.alloc(1);
  const fd = openSync(file, 'r+');
  readSync(fd, one, 0, 1, at);
  one[0] = (one[0] ?? 0) ^ 0x01;
  writeSync(fd, one, 0, 1, at);
  closeSync(fd);
}

async function tryVariants(name: string, variants: { label: string; damage: (wal: string) => void }[], from = crashed) {
  const results: { label: string; lost: number; kinds: string[]; contacts: number }[] = [];
  for (const { label, damage } of variants) {
    const dir = dirs.make();
    copyFolder(from, dir);
    damage(`${databaseIn(dir)}-wal`);
    const { lost, notices, core } = await reopenAndCount(dir, acknowledged);
    const contacts = core.db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
    recordContacts(core, 1);
    core.close();
    results.push({ label, lost, kinds: notices.map((notice) => notice.kind), contacts });
  }
  const losing = results.filter((result) => result.lost > 0);
  console.log(`damage class "${name}": ${results.length} variants tried, ${losing.length} lost anything (${losing.reduce((sum, each) => sum + each.lost, 0)} contacts)`);
  return results;
}

describe('a damaged write-ahead log after an unclean stop', () => {
  it('holds the 60 contacts of the crash in its log, not yet in the database file', () => {
    expect(statSync(`${databaseIn(crashed)}-wal`).size).toBeGreaterThan(60 * FRAME);
  });

  it('each byte of the log header flipped: every contact is back, and a notice says so', async () => {
    const results = await tryVariants('log header byte flipped', Array.from({ length: 32 }, (_, at) => ({ label: `header byte ${at}`, damage: (wal: string) => flip(wal, at) })));
    expect(results.filter((result) => result.lost > 0)).toEqual([]);
    // Bytes 0–7 and 24–31 (magic, version, checksum) make SQLite ignore the whole log: said, not silent.
    for (const at of [0, 3, 7, 24, 31]) expect(results[at]?.kinds, `header byte ${at}`).toContain('log_recovered');
  }, 120_000);

  it('a frame checksum or salt flipped at points through the log: every contact is back', async () => {
    const frames = Math.floor((statSync(`${databaseIn(crashed)}-wal`).size - 32) / FRAME);
    const points = Array.from({ length: 12 }, (_, i) => Math.floor((i * frames) / 12));
    const variants = points.flatMap((frame) => [8, 16, 20].map((field) => ({ label: `frame ${frame} byte ${field}`, damage: (wal: string) => flip(wal, 32 + frame * FRAME + field) })));
    const results = await tryVariants('log frame checksum or salt flipped', variants);
    expect(results.filter((result) => result.lost > 0)).toEqual([]);
    expect(results.every((result) => result.kinds.includes('log_recovered'))).toBe(true);
  }, 120_000);

  it('the log cut short mid-frame at points through it: what the cut leaves is read back, and a notice says so', async () => {
    const size = statSync(`${databaseIn(crashed)}-wal`).size;
    const frames = Math.floor((size - 32) / FRAME);
    const cuts = Array.from({ length: 10 }, (_, i) => 32 + Math.floor(((i + 1) * frames) / 11) * FRAME + 1000);
    const results = await tryVariants('log cut short mid-frame', cuts.map((cut) => ({ label: `cut at ${cut}`, damage: (wal: string) => truncateSync(wal, cut) })));
    for (const result of results) expect(result.kinds, result.label).toContain('log_recovered');
    // The lost are only what the cut itself took: never more than the 60 in the log.
    for (const result of results) expect(result.lost, result.label).toBeLessThanOrEqual(60);
  }, 120_000);

  it('a log from another database put beside the file is never read into it: 460 stay 460', async () => {
    const other = dirs.make();
    const core = openTestCore(other, { clock: new FakeClock(DAY) });
    recordContacts(core, 50);
    const foreign = readFileSync(`${databaseIn(other)}-wal`);
    core.close();
    const results = await tryVariants('log from another database', [{ label: 'foreign log', damage: (wal: string) => writeFileSync(wal, foreign) }], closed);
    expect(results[0]?.lost).toBe(0);
    // None of the other database's 50 came in either.
    expect(results[0]?.contacts).toBe(460);
    expect(results[0]?.kinds).toContain('log_set_aside');
  }, 60_000);
});
