import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/db/dataDir.ts';
import { createStore } from '../../main/core/db/store.ts';
import { ChainVerifier } from '../../main/core/events/verifyChain.ts';
import { isIntact } from '../../main/core/services/auditTrail.ts';
import { FakeClock, must, openTestCore, sequentialIds, tempDirs } from '../helpers/fixtures.ts';

/**
 * Issue 10 §4: single-byte flips in data pages went unnoticed. Every byte of
 * every page of the events table (leaves, interior and overflow pages, as
 * SQLite's dbstat lists them) is flipped in turn in a copy of a real file,
 * and each copy is read: a flip that changes what the events table gives back
 * must be reported by the hash chain check.
 */

const temps = tempDirs();
afterEach(temps.removeAll);

function rowsText(db: Database.Database): string {
  const rows = db.prepare('SELECT * FROM events ORDER BY origin, seq').raw().all();
  return JSON.stringify(rows, (_key, value: unknown) => (Buffer.isBuffer(value) ? `blob:${value.toString('hex')}` : value));
}

describe('a single byte flipped in the events table’s pages', () => {
  it('is caught by the hash chain check every time it changes a stored event', () => {
    const dir = temps.make();
    const core = openTestCore(dir, { clock: new FakeClock('2026-11-23T08:00:00Z'), ids: sequentialIds('f') });
    const gp = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 60 })).id;
    for (let i = 0; i < 12; i++) must(core.call('contact.record', { clinicianId: gp, typeId: i % 2 === 0 ? 'telephone' : 'face_to_face' }));
    must(core.call('settings.update', { practiceName: 'Riverside Surgery' }));
    core.close();

    const file = path.join(dir, DATABASE_FILE);
    const original = readFileSync(file);
    // Bytes 18 and 19 say "write-ahead log"; an in-memory copy reads the same pages in rollback mode.
    original[18] = 1;
    original[19] = 1;
    const reference = new Database(original);
    const pageSize = reference.pragma('page_size', { simple: true }) as number;
    const pages = reference.prepare("SELECT pageno FROM dbstat WHERE name = 'events' ORDER BY pageno").pluck().all() as number[];
    const before = rowsText(reference);
    expect(isIntact(new ChainVerifier(createStore(reference)).runToEnd())).toBe(true);
    reference.close();
    expect(pages.length).toBeGreaterThanOrEqual(2);

    const tally = { flips: 0, unchanged: 0, unreadable: 0, changed: 0, caught: 0 };
    const missed: number[] = [];
    for (const page of pages) {
      for (let offset = (page - 1) * pageSize; offset < page * pageSize; offset++) {
        tally.flips++;
        const copy = Buffer.from(original);
        copy[offset] = (copy[offset] ?? 0) ^ 0x01;
        let db: Database.Database | null = null;
        try {
          db = new Database(copy);
          const after = rowsText(db);
          if (after === before) {
            tally.unchanged++;
            continue;
          }
          tally.changed++;
          let reported: boolean;
          try {
            reported = !isIntact(new ChainVerifier(createStore(db)).runToEnd());
          } catch {
            // The check could not read the table: shown as damage, which is reported too.
            reported = true;
          }
          if (reported) tally.caught++;
          else missed.push(offset);
        } catch {
          // SQLite itself refuses the page: the background integrity check's business.
          tally.unreadable++;
        } finally {
          db?.close();
        }
      }
    }
    console.log(`Byte flips in the events table’s ${pages.length} pages: ${JSON.stringify(tally)}`);
    expect(tally.changed).toBeGreaterThan(tally.flips / 4);
    expect(missed).toEqual([]);
    expect(tally.caught).toBe(tally.changed);
  }, 120_000);
});
