import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../../main/core/createCore.ts';
import { must, openTestCore } from '../helpers/fixtures.ts';
import { callHost, spawnHost, stopHost, waitForIntegrityCheck } from '../helpers/host.ts';
import { percentile, row, timeEach, timeEachAsync, type Row } from './stats.ts';

const RECORDS = 2000;

function median(values: number[]): number {
  return percentile(values, 50);
}

/** Opening the five-year database in a fresh process, three times. */
export function measureColdOpen(dataDir: string): { first: number; median: number } {
  const script = path.join(import.meta.dirname, 'coldOpen.ts');
  const runs = [0, 1, 2].map(() => (JSON.parse(execFileSync(process.execPath, [script, dataDir], { encoding: 'utf8' })) as { openMs: number }).openMs);
  return { first: runs[0] ?? Number.NaN, median: median(runs) };
}

function clinicianIds(core: Core): string[] {
  return must(core.call('board.today', {})).rows.map((r) => r.clinicianId);
}

/**
 * The desk says a clinician has finished once the practice's day has ended, and
 * the benchmark runs at any hour: the day is made to end just before midnight.
 */
const LATE_DAY_END = { dayEnd: '23:59' } as const;

function keepDeskOpen(core: Core): void {
  must(core.call('settings.update', LATE_DAY_END));
}

/**
 * Today as a busy day: everyone on the rota (whatever the weekday), caps raised
 * so the measured recordings take the ordinary path through the cap check, and
 * about 30 contacts a clinician already recorded.
 */
export function seedToday(core: Core): void {
  const ids = clinicianIds(core);
  const today = must(core.call('system.status', {})).today;
  core.db.transaction(() => {
    keepDeskOpen(core);
    for (const clinicianId of ids) {
      must(core.call('rota.setDay', { clinicianId, day: today, override: { am: true, pm: true } }));
      must(core.call('clinician.update', { clinicianId, dailyCap: 200 }));
    }
    for (let i = 0; i < ids.length * 30; i++) must(core.call('contact.record', { clinicianId: ids[i % ids.length] ?? '', typeId: 'telephone' }));
  })();
}

export function measureInProcess(dataDir: string): { rows: Row[]; recordP50: number } {
  const core = openTestCore(dataDir);
  seedToday(core);
  const ids = clinicianIds(core);
  for (let i = 0; i < 50; i++) must(core.call('board.today', {}));
  const board = timeEach(1000, () => must(core.call('board.today', {})));
  const record = timeEach(RECORDS, (i) => must(core.call('contact.record', { clinicianId: ids[i % ids.length] ?? '', typeId: 'face_to_face' })));

  core.db.exec('CREATE TABLE bench_raw (id TEXT PRIMARY KEY, clinician_id TEXT NOT NULL, at INTEGER NOT NULL)');
  const insert = core.db.prepare('INSERT INTO bench_raw (id, clinician_id, at) VALUES (?, ?, ?)');
  const raw = timeEach(RECORDS, (i) => {
    core.db.exec('BEGIN IMMEDIATE');
    insert.run(`raw-${i}`, ids[i % ids.length] ?? '', Date.now());
    core.db.exec('COMMIT');
  });
  core.db.exec('DROP TABLE bench_raw');
  core.close();

  const recordP50 = percentile(record, 50);
  const rawP50 = percentile(raw, 50);
  return {
    recordP50,
    rows: [
      row('board.today p50 (20 clinicians)', percentile(board, 50), null),
      row('board.today p99 (20 clinicians)', percentile(board, 99), 3),
      row('contact.record p50 in-process', recordP50, null),
      row('contact.record p99 in-process', percentile(record, 99), 2),
      row('raw better-sqlite3 insert p50', rawP50, null),
      row('raw better-sqlite3 insert p99', percentile(raw, 99), null),
      row('record ÷ raw insert (p50 ratio)', recordP50 / rawP50, null, (v) => `${v.toFixed(2)}×`),
    ],
  };
}

function peakRssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
}

export async function measureOverHttp(dataDir: string): Promise<Row[]> {
  const host = await spawnHost({ dataDir, token: 'bench-token-0123456789abcdef-0123' });
  try {
    await waitForIntegrityCheck(host);
    const board = await callHost(host, 'board.today', {});
    const { day, rows } = (board.body as { value: { day: string; rows: { clinicianId: string }[] } }).value;
    const ids = rows.map((r) => r.clinicianId);
    await callHost(host, 'settings.update', LATE_DAY_END);
    for (const clinicianId of ids) {
      await callHost(host, 'rota.setDay', { clinicianId, day, override: { am: true, pm: true } });
      await callHost(host, 'clinician.update', { clinicianId, dailyCap: 200 });
    }
    for (let i = 0; i < 100; i++) await callHost(host, 'board.today', {});
    const record = await timeEachAsync(RECORDS, async (i) => {
      const result = await callHost(host, 'contact.record', { clinicianId: ids[i % ids.length] ?? '', typeId: 'telephone' });
      if (result.status !== 200) throw new Error(`record failed: ${JSON.stringify(result.body)}`);
    });
    const boardHttp = await timeEachAsync(500, async () => {
      await callHost(host, 'board.today', {});
    });
    const rss = peakRssOf(host.child.pid ?? 0);
    return [
      row('contact.record p50 over HTTP', percentile(record, 50), null),
      row('contact.record p99 over HTTP', percentile(record, 99), 15),
      row('board.today p99 over HTTP', percentile(boardHttp, 99), null),
      row('browser host peak RSS', rss, 250, (v) => `${v.toFixed(0)} MB`),
    ];
  } finally {
    await stopHost(host);
  }
}
