/** How long a start takes to rebuild a damaged database of about 10,000 events (issue 10 §4's figure). Run: node test/bench/rebuildTime.ts */
import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DAY, databaseIn, recordContacts } from '../helpers/damage.ts';
import { FakeClock, openTestCore, tempDir } from '../helpers/fixtures.ts';

const temp = tempDir();
const seed = openTestCore(temp.dir, { clock: new FakeClock(DAY) });
recordContacts(seed, 10_000);
seed.close();
const raw = new Database(databaseIn(temp.dir), { readonly: true });
const events = raw.prepare('SELECT count(*) FROM events').pluck().get() as number;
const interior = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'internal' ORDER BY pageno").pluck().all() as number[];
raw.close();
const fd = openSync(databaseIn(temp.dir), 'r+');
writeSync(fd, Buffer.alloc(4096), 0, 4096, ((interior[0] ?? 2) - 1) * 4096);
closeSync(fd);
const started = performance.now();
const core = openTestCore(temp.dir, { clock: new FakeClock(DAY) });
const ms = performance.now() - started;
const contacts = core.db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
console.log(`${events} events, root interior page of events zeroed: start with rebuild took ${Math.round(ms)} ms; ${contacts} contacts back`);
core.close();
temp.remove();
