import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { databaseIn } from '../helpers/damage.ts';
import { must, openTestCore, tempDir } from '../helpers/fixtures.ts';
import { callHost, spawnHost, stopHost, workingAllDay } from '../helpers/host.ts';
import { sleep, waitUntil } from './cluster.ts';

/**
 * Issue 10 §4, a write-ahead log cut short mid-frame on a PC of the practice
 * network: what the cut took from SQLite is still in the PC's own record (its
 * Hypercore, appended after each commit), so the next start takes it back,
 * under a new identity, and nothing acknowledged is lost. (A PC on its own has
 * nowhere to take those bytes back from: test/db/damageWal.test.ts.)
 */

const folders: { remove: () => void }[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));
const TOKEN = 'wal-cut-test-token-0123456789abcdef';
const FRAME = 24 + 4096;

async function record(host: { origin: string; token: string }, clinicianId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = (await callHost(host, 'contact.record', { clinicianId, typeId: 'telephone' })).body as { ok: boolean; value?: { id: string } };
    if (!answer.ok || !answer.value) throw new Error(`Not recorded: ${JSON.stringify(answer)}`);
    ids.push(answer.value.id);
  }
  return ids;
}

/** Cut at these fractions of the log's frames, each on a PC of its own. */
const CUTS = [1 / 4, 1 / 2, 3 / 4];

it(`takes back from its own record in the network every contact a log cut short mid-frame took, cut at ${CUTS.length} points`, async () => {
  const results: { cut: number; fromLog: number; lost: number }[] = [];
  for (const fraction of CUTS) results.push(await cutAndReopen(fraction));
  console.log(
    `damage class "log cut short mid-frame, on a PC of the practice network": ${results.length} variants tried, ${results.filter((r) => r.lost > 0).length} lost anything ` +
      `(${results.reduce((sum, r) => sum + r.fromLog, 0)} contacts cut from the log, all taken back)`,
  );
  expect(results.map((result) => result.lost)).toEqual(CUTS.map(() => 0));
}, 300_000);

async function cutAndReopen(fraction: number): Promise<{ cut: number; fromLog: number; lost: number }> {
  const data = tempDir('contactcap-walcut-');
  folders.push(data);
  const first = await spawnHost({ dataDir: data.dir, token: TOKEN });
  must((await callHost(first, 'network.create', {})).body as { ok: true; value: unknown });
  const clinicianId = ((await callHost(first, 'clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', capped: false })).body as { value: { id: string } }).value.id;
  await workingAllDay(first, [clinicianId]);
  const acknowledged = await record(first, clinicianId, 200);
  // A clean close: those are in the database file itself.
  await stopHost(first, 'SIGTERM');
  const atClose = readFileSync(databaseIn(data.dir));

  const second = await spawnHost({ dataDir: data.dir, token: TOKEN });
  acknowledged.push(...(await record(second, clinicianId, 60)));
  // Each commit is appended to the PC's own Hypercore a moment later.
  await sleep(3_000);
  await stopHost(second, 'SIGKILL');

  // The file as it was at the close: what came after is only in the log, as when no checkpoint ran before the stop
  // (a checkpoint that did run lets the kept copy of the file give it back, test/db/damageWal.test.ts).
  writeFileSync(databaseIn(data.dir), atClose);
  const wal = `${databaseIn(data.dir)}-wal`;
  const frames = Math.floor((statSync(wal).size - 32) / FRAME);
  expect(frames).toBeGreaterThan(60);
  const cut = 32 + Math.floor(frames * fraction) * FRAME + 1000;
  truncateSync(wal, cut);

  const core = openTestCore(data.dir, { network: { listen: ['127.0.0.1'], discovery: false } });
  try {
    const held = () => new Set(core.db.prepare('SELECT id FROM contacts').pluck().all() as string[]);
    const missing = () => acknowledged.filter((id) => !held().has(id));
    // The cut took some from SQLite: this PC holds fewer at start.
    const atStart = missing().length;
    expect(atStart).toBeGreaterThan(0);
    await waitUntil(() => missing().length === 0, 60_000, () => `${missing().length} of ${acknowledged.length} still missing`, 100);
    expect(missing()).toEqual([]);
    // Counted once each on the board.
    const board = must(core.call('board.today', {}));
    expect(board.rows.find((row) => row.clinicianId === clinicianId)?.used).toBe(acknowledged.length);
    return { cut, fromLog: atStart, lost: missing().length };
  } finally {
    core.close();
    await core.stopped();
  }
}
