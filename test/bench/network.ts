import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { must, openTestCore, tempDirs } from '../helpers/fixtures.ts';
import { freePort } from '../helpers/host.ts';
import { eventCount, Practice, seedHistory, sleep, waitUntil } from '../network/cluster.ts';
import { percentile, row, type Row } from './stats.ts';

/**
 * The practice network (issue 9 §8), with the real engine: cores on their own
 * folders, each with its own replication process, over 127.0.0.1.
 */

function rssOf(pid: number | null, field: 'VmRSS' | 'VmHWM'): number {
  if (pid === null) return Number.NaN;
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const mb = (v: number) => `${v.toFixed(0)} MB`;
const perSecond = (v: number) => `${Math.round(v).toLocaleString('en-GB')}/s`;

function holds(core: Practice['pcs'][number]['core'], origin: string, seq: number): boolean {
  return core.db.prepare('SELECT 1 FROM events WHERE origin = ? AND seq = ?').get(origin, seq) !== undefined;
}

/** 100 writes, round robin over 5 PCs: from the call to the last of the other 4 holding it. */
export async function measureFanOut(log: (line: string) => void): Promise<Row[]> {
  const practice = await new Practice().start(5);
  try {
    const clinician = must(practice.pc(0).core.call('clinician.create', { name: 'Dr Bench Fan', role: 'salaried_gp', dailyCap: 25 })).id;
    await waitUntil(() => practice.pcs.every((pc) => eventCount(pc.core) === eventCount(practice.pc(0).core)), 30_000, () => 'the roster did not spread');
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const writer = practice.pc(i % 5);
      const started = performance.now();
      const contact = must(writer.core.call('contact.record', { clinicianId: clinician, overCapReason: 'Bench: urgent' }));
      const seq = writer.core.db.prepare('SELECT seq FROM contacts WHERE id = ?').pluck().get(contact.id) as number;
      const others = practice.pcs.filter((pc) => pc !== writer);
      await waitUntil(() => others.every((pc) => holds(pc.core, writer.core.deviceId, seq)), 10_000, () => `write ${i} did not reach every PC`, 1);
      samples.push(performance.now() - started);
    }
    log(`  fan-out: ${samples.length} writes measured`);
    return [row('one write reaching 4 other PCs (5 in all), p50', percentile(samples, 50), null), row('one write reaching 4 other PCs (5 in all), p95', percentile(samples, 95), 250)];
  } finally {
    await practice.close();
  }
}

/**
 * This disk's own floor at the desk's pace: one row inserted and committed
 * (WAL, synchronous=FULL, as the core runs) every 20 ms, with nothing else
 * running. A record cannot be faster than the fsync under it.
 */
export async function measureCommitFloor(): Promise<Row[]> {
  const dirs = tempDirs();
  const db = new Database(path.join(dirs.make(), 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE floor (id INTEGER PRIMARY KEY, note TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO floor (note) VALUES (?)');
    const samples: number[] = [];
    for (let i = 0; i < 320; i++) {
      const t = performance.now();
      db.exec('BEGIN IMMEDIATE');
      insert.run('a contact-sized row of about two hundred bytes '.repeat(4));
      db.exec('COMMIT');
      if (i >= 20) samples.push(performance.now() - t);
      await sleep(20);
    }
    return [row('this disk’s floor: one-row insert + commit every 20 ms, p50', percentile(samples, 50), null), row('this disk’s floor: one-row insert + commit every 20 ms, p99', percentile(samples, 99), null)];
  } finally {
    db.close();
    dirs.removeAll();
  }
}

/** The source PC in its own process: answers its join code once it is sharing. */
async function startSource(dir: string, port: number): Promise<{ joinCode: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'sourcePc.ts'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  // It stands for another PC: on this machine it must not take the measured PC's CPU time.
  if (child.pid !== undefined) setPriority(child.pid, 19);
  let text = '';
  const joinCode = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the source PC did not start: ${text}`)), 1_800_000);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /ready (\S+)/.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the source PC stopped (${code}): ${text}`)));
  });
  return { joinCode, stop: () => child.kill('SIGTERM') };
}

/**
 * A new PC catching up `events` from one peer (in a process of its own, as a
 * real other PC), while its desk records round its 20 clinicians every 50 ms:
 * the rate, the desk's record time, and the replication process's memory at
 * its peak and once idle.
 */
export async function measureCatchUp(events: number, label: string, log: (line: string) => void): Promise<Row[]> {
  const seeds = tempDirs();
  const seeded = seeds.make();
  log(`  seeding ${events.toLocaleString('en-GB')} events…`);
  const { deviceId: sourceId } = seedHistory(seeded, events, { clinicians: 20, perDay: 30 });
  const counting = openTestCore(seeded);
  const total = eventCount(counting);
  counting.close();
  const sourcePort = await freePort();
  const source = await startSource(seeded, sourcePort);
  const newcomerDir = seeds.make();
  const port = await freePort();
  const newcomer = openTestCore(newcomerDir, { network: { listen: ['127.0.0.1'], discovery: false, defaultPort: port, batchSize: Number(process.env.BENCH_BATCH ?? 250) } });
  try {
    // On the real clock at any hour: the day runs until 23:59, so nobody is finished for today in an evening run.
    must(newcomer.call('settings.update', { dayEnd: '23:59' }));
    const doctors = Array.from({ length: 20 }, (_, i) => must(newcomer.call('clinician.create', { name: `Dr Desk ${String.fromCharCode(65 + i)}`, role: 'locum_gp' })).id);
    let recorded = 0;
    const record = () => {
      const over = recorded >= 25 * doctors.length;
      must(newcomer.call('contact.record', { clinicianId: doctors[recorded % doctors.length] ?? '', typeId: 'telephone', ...(over ? { overCapReason: 'Bench: urgent' } : {}) }));
      recorded++;
    };
    // The desk has been in use this morning (its statements prepared, its code warm), as a real one would be when it joins.
    for (let i = 0; i < 40; i++) record();
    must(newcomer.call('network.join', { code: source.joinCode }));
    must(newcomer.call('network.configure', { addresses: [`127.0.0.1:${sourcePort}`] }));
    const started = performance.now();
    const desk: number[] = [];
    let peakRss = 0;
    // Applied in order, so the highest seq held is the count (read from the index, not counted: the desk shares this thread).
    const remote = () => newcomer.db.prepare('SELECT coalesce(max(seq), 0) FROM events WHERE origin = ?').pluck().get(sourceId) as number;
    let slowest = { at: 0, ms: 0 };
    while (remote() < total) {
      if (performance.now() - started > 1_800_000) throw new Error(`the catch-up took over 30 minutes (${remote()} of ${total})`);
      const t = performance.now();
      record();
      desk.push(performance.now() - t);
      if ((desk.at(-1) ?? 0) > slowest.ms) slowest = { at: performance.now() - started, ms: desk.at(-1) ?? 0 };
      peakRss = Math.max(peakRss, rssOf(newcomer.replicationProcessId(), 'VmRSS'));
      // Far busier than any desk, for enough samples to read a p99 from.
      await sleep(20);
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = remote() / seconds;
    log(
      `  ${label}: ${remote().toLocaleString('en-GB')} events in ${seconds.toFixed(1)} s; ${desk.length} desk records meanwhile ` +
        `(p50 ${percentile(desk, 50).toFixed(2)} ms, p95 ${percentile(desk, 95).toFixed(2)} ms, slowest ${slowest.ms.toFixed(1)} ms at ${(slowest.at / 1000).toFixed(1)} s)`,
    );
    peakRss = Math.max(peakRss, rssOf(newcomer.replicationProcessId(), 'VmHWM'));
    // Caught up: after a big catch-up the process is started afresh (5 s after its last batch), then idles.
    await sleep(20_000);
    const idle = rssOf(newcomer.replicationProcessId(), 'VmRSS');
    // The same desk at the same pace with no catch-up running: what "unchanged" is measured against.
    const quiet: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      record();
      quiet.push(performance.now() - t);
      await sleep(20);
    }
    log(`  ${label}: the same desk afterwards, no catch-up: p50 ${percentile(quiet, 50).toFixed(2)} ms, p99 ${percentile(quiet, 99).toFixed(2)} ms`);
    return [
      row(`catch-up from one PC (${label})`, rate, null, perSecond),
      { ...row(`catch-up rate ≥ 3,000 events/s (${label})`, rate, null, perSecond), target: '≥ 3,000/s', pass: rate >= 3000 },
      row(`contact.record p99 in-process during the catch-up (${label})`, percentile(desk, 99), 2),
      row(`contact.record p99, the same desk and pace with no catch-up (${label})`, percentile(quiet, 99), null),
      row(`replication process RSS, peak during the catch-up (${label})`, peakRss, 400, mb),
      row(`replication process RSS, idle after it (${label})`, idle, 200, mb),
    ];
  } finally {
    newcomer.close();
    source.stop();
    await sleep(500);
    seeds.removeAll();
  }
}
