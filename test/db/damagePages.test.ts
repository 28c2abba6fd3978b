import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, copyFolder, databaseIn, recordContacts, reopenAndCount } from '../helpers/damage.ts';
import { FakeClock, must, openTestCore, tempDirs } from '../helpers/fixtures.ts';
import { createStore } from '../../main/core/db/store.ts';
import { ChainVerifier } from '../../main/core/events/verifyChain.ts';

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
 * One page zeroed never costs a contact: pages of the projections and indexes
 * are rebuilt from the events, and a page of the events table costs events
 * whose contacts the contacts table still lists, so they are written again.
 * (Only damage to both an events page and the contacts page listing the same
 * contacts could lose one; one page zeroed never does.) Where an events page
 * held contacts recorded after the backup, the notice says they were written
 * again, and how many.
 */
function expectNoContactLostAndRewritesTold(results: { label: string; lost: number; notices: { kind: string; message: string }[] }[], damaged: Page[]): number {
  expect(results.filter((result) => result.lost > 0).map((result) => result.label)).toEqual([]);
  let told = 0;
  results.forEach((result, i) => {
    const message = result.notices.find((notice) => notice.kind === 'database_rebuilt')?.message ?? '';
    const rewritten = /(\d+) contacts? (?:was|were) written again from the day’s list, as this PC’s/.exec(message);
    if (!rewritten) return;
    told++;
    expect(damaged[i]?.table, result.label).toBe('events');
    expect(Number(rewritten[1]), result.label).toBeLessThanOrEqual(afterBackup.size);
    expect(message, result.label).not.toContain('contacts among them');
  });
  return told;
}

describe('a damaged database at start loses no acknowledged contact', () => {
  it('each interior page zeroed in turn: every contact is back, those whose events an events interior page held written again from the list', async () => {
    const interior = pages.filter((page) => page.pagetype === 'internal');
    expect(interior.length).toBeGreaterThan(5);
    const results = await tryVariants('interior page zeroed', interior.map((page) => ({ label: `${page.table} page ${page.pageno}`, damage: (file) => patch(file, (page.pageno - 1) * PAGE, Buffer.alloc(PAGE)) })));
    // The events table is WITHOUT ROWID: its interior pages hold rows too; those after the backup come back from the contacts table.
    expect(expectNoContactLostAndRewritesTold(results, interior)).toBeGreaterThan(0);
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

  it('each leaf page zeroed in turn: no contact lost, those only the list still held written again, and the notice says how many', async () => {
    const leaves = pages.filter((page) => page.pagetype === 'leaf');
    const results = await tryVariants('leaf page zeroed (with a backup after 300 of 400)', leaves.map((page) => ({ label: `${page.table} page ${page.pageno}`, damage: (file) => patch(file, (page.pageno - 1) * PAGE, Buffer.alloc(PAGE)) })));
    expect(expectNoContactLostAndRewritesTold(results, leaves)).toBeGreaterThan(0);
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

/** The pages of `file` whose bytes hold `text`, with the table dbstat names for each. */
function pagesHolding(file: string, text: string): Page[] {
  const bytes = readFileSync(file);
  const needle = Buffer.from(text);
  const raw = new Database(file, { readonly: true });
  const tableOf = new Map((raw.prepare('SELECT pageno, name FROM dbstat').all() as { pageno: number; name: string }[]).map((row) => [row.pageno, row.name]));
  raw.close();
  const found: Page[] = [];
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) {
    const pageno = Math.floor(at / PAGE) + 1;
    if (!found.some((page) => page.pageno === pageno)) found.push({ table: tableOf.get(pageno) ?? '?', pageno, pagetype: '' });
  }
  return found;
}

describe('a contact whose event is lost but whose row the contacts table still lists', () => {
  it('comes back once, with its id and time, as a new event of this PC after every number it used, counted once on the board and told in the notice', async () => {
    const dir = dirs.make();
    const core = openTestCore(dir, { clock: new FakeClock(DAY) });
    const ids = recordContacts(core, 40);
    const target = ids[20] ?? '';
    const voided = ids[39] ?? '';
    must(core.call('contact.void', { contactId: voided, reason: 'Recorded against the wrong clinician' }));
    const deviceId = core.db.prepare('SELECT device_id FROM device').pluck().get() as string;
    const before = core.db.prepare('SELECT id, occurred_at AS occurredAt, practice_day AS practiceDay, clinician_id AS clinicianId, type_id AS typeId FROM contacts WHERE id = ?').get(target);
    const topSeq = core.db.prepare('SELECT max(seq) FROM events WHERE origin = ?').pluck().get(deviceId) as number;
    const clinicianId = (before as { clinicianId: string }).clinicianId;
    core.close();

    // The events pages holding the contact's record and the void: the contacts and voids tables keep their own rows.
    const file = databaseIn(dir);
    const recordPage = pagesHolding(file, `"contactId":"${target}"`).filter((page) => page.table === 'events');
    const voidPage = pagesHolding(file, '"reason":"Recorded against the wrong clinician"').filter((page) => page.table === 'events');
    expect(recordPage).toHaveLength(1);
    expect(voidPage).toHaveLength(1);
    expect(pagesHolding(file, target).some((page) => page.table === 'contacts')).toBe(true);
    const zeroed = [...new Set([...recordPage, ...voidPage].map((page) => page.pageno))];
    // Contacts whose record the zeroed pages' bytes name (a void's body names the contact too, but no clinician); freed space may hold stale copies too.
    const bytes = readFileSync(file);
    const onZeroed = ids.filter((id) => zeroed.some((pageno) => bytes.subarray((pageno - 1) * PAGE, pageno * PAGE).includes(`"contactId":"${id}","clinicianId"`)));
    expect(onZeroed).toContain(target);
    for (const pageno of zeroed) patch(file, (pageno - 1) * PAGE, Buffer.alloc(PAGE));

    const { lost, notices, core: reopened } = await reopenAndCount(dir, ids);
    try {
      expect(lost).toBe(0);
      expect(reopened.db.prepare('SELECT id, occurred_at AS occurredAt, practice_day AS practiceDay, clinician_id AS clinicianId, type_id AS typeId FROM contacts WHERE id = ?').get(target)).toEqual(before);
      const records = reopened.db.prepare("SELECT origin, seq FROM events WHERE type = 'contact.recorded' AND json_extract(body, '$.contactId') = ?").all(target) as { origin: string; seq: number }[];
      expect(records).toHaveLength(1);
      // This PC's id kept (not in a network), and a number after every one it had used: none given out twice.
      expect(records[0]?.origin).toBe(deviceId);
      expect(records[0]?.seq).toBeGreaterThan(topSeq);
      // Every contact's record held exactly once: only those whose records were lost were written again.
      expect(reopened.db.prepare("SELECT count(*) AS n, count(DISTINCT json_extract(body, '$.contactId')) AS distinctIds FROM events WHERE type = 'contact.recorded'").get()).toEqual({ n: 40, distinctIds: 40 });
      expect(reopened.db.prepare("SELECT reason FROM voids WHERE target = 'contact' AND target_id = ?").pluck().get(voided)).toBe('Recorded against the wrong clinician');
      // 40 recorded, 1 voided: each counted once.
      expect(must(reopened.call('board.today', {})).rows.find((row) => row.clinicianId === clinicianId)?.used).toBe(39);
      const message = notices.find((notice) => notice.kind === 'database_rebuilt')?.message ?? '';
      const originalsHeld = reopened.db.prepare("SELECT count(*) FROM events WHERE type = 'contact.recorded' AND origin = ? AND seq <= ?").pluck().get(deviceId, topSeq) as number;
      const again = 40 - originalsHeld;
      expect(again).toBeGreaterThan(0);
      expect(again).toBeLessThanOrEqual(onZeroed.length);
      expect(message).toContain(`${again} contact${again === 1 ? ' was' : 's were'} written again from the day’s list, as this PC’s, with 1 void`);
      expect(message).toContain('No record is known to be missing.');
      // The audit check still shows where the lost events were.
      const audit = new ChainVerifier(createStore(reopened.db)).runToEnd();
      expect(audit.problems.filter((problem) => problem.origin === deviceId && problem.kind === 'missing').length).toBeGreaterThan(0);
    } finally {
      reopened.close();
    }
  }, 60_000);
});
