import { afterEach, describe, expect, it } from 'vitest';
import { must, tempDirs } from '../helpers/fixtures.ts';
import { eventCount, Practice, seedHistory, sleep, waitUntil } from './cluster.ts';

/**
 * A PC joining a practice with history catches up while its desk records; the
 * replication process may die any number of times on the way.
 */
let practice: Practice | null = null;
const seeds = tempDirs();
afterEach(async () => {
  await practice?.close();
  practice = null;
  seeds.removeAll();
});

function integrityOk(core: Practice['pcs'][number]['core']): string {
  return core.db.pragma('integrity_check', { simple: true }) as string;
}

describe('catching up', () => {
  it('a new PC takes a 10,000-event history and records today’s contacts meanwhile', async () => {
    const seededDir = seeds.make();
    const { clinicianIds } = seedHistory(seededDir, 10_000);
    const p = await new Practice({ dirs: { 0: seededDir } }).start(1);
    practice = p;
    const total = eventCount(p.pc(0).core);
    const newcomer = await p.add('New PC');
    // It can record at once, before the roster has arrived: a clinician made here.
    const here = must(newcomer.core.call('clinician.create', { name: 'Dr Locum Here', role: 'locum_gp' })).id;
    must(newcomer.core.call('contact.record', { clinicianId: here }));
    const took = await waitUntil(() => eventCount(newcomer.core) >= total + 2, 60_000, () => `${eventCount(newcomer.core)} of ${total + 2}`, 50);
    expect(new Set(p.digests()).size).toBe(1);
    const board = must(newcomer.core.call('board.today', {}));
    expect(board.rows.map((row) => row.clinicianId)).toEqual(expect.arrayContaining([...clinicianIds, here]));
    expect(must(newcomer.core.call('network.status', {})).behind).toBe(0);
    console.info(`catch-up of ${total} events: ${took} ms (${Math.round((total / took) * 1000)} events/s)`);
  }, 120_000);
});

describe('after a big catch-up', () => {
  it('the replication process is started afresh once it has caught up (to give its memory back), once, and sharing carries on both ways', async () => {
    const seededDir = seeds.make();
    // Long enough (seconds) that a start afresh in the middle of it, looked for every 300 ms, would be seen.
    const { clinicianIds } = seedHistory(seededDir, 10_000);
    const p = await new Practice({ dirs: { 0: seededDir }, recycle: { afterApplied: 2_000, quietMs: 300 } }).start(1);
    practice = p;
    const total = eventCount(p.pc(0).core);
    const newcomer = await p.add('New PC');
    await waitUntil(() => newcomer.core.replicationProcessId() !== null, 10_000, () => 'no process');
    const first = newcomer.core.replicationProcessId();
    // Only once it holds everything does a new process take over.
    let heldAtHandover = -1;
    await waitUntil(
      () => {
        if ((newcomer.core.replicationProcessId() ?? first) === first) return false;
        heldAtHandover = eventCount(newcomer.core);
        return true;
      },
      60_000,
      () => `the process was not started afresh (${eventCount(newcomer.core)} of ${total} held)`,
      20,
    );
    expect(heldAtHandover).toBeGreaterThanOrEqual(total);
    const second = newcomer.core.replicationProcessId();
    await waitUntil(() => must(newcomer.core.call('network.status', {})).state === 'running', 15_000, () => must(newcomer.core.call('network.status', {})).state);
    const doctor = clinicianIds[0] ?? '';
    must(newcomer.core.call('contact.record', { clinicianId: doctor, overCapReason: 'Urgent: seen on the day' }));
    must(p.pc(0).core.call('contact.record', { clinicianId: doctor, overCapReason: 'Urgent: seen on the day' }));
    // The two contacts, and the newcomer's own setting of the day's end when it was opened (cluster.ts).
    await waitUntil(() => new Set(p.digests()).size === 1 && eventCount(newcomer.core) === total + 3, 20_000, () => `${eventCount(newcomer.core)} of ${total + 3}`);
    // It took in two events since: no second start afresh.
    await sleep(7_000);
    expect(newcomer.core.replicationProcessId()).toBe(second);
  }, 120_000);
});

describe('the replication process killed again and again', () => {
  it('SIGKILLed 20 times during a 50,000-event catch-up: the desk records throughout, every PC converges, integrity_check is ok', async () => {
    const seededDir = seeds.make();
    seedHistory(seededDir, 50_000);
    const p = await new Practice({ dirs: { 0: seededDir }, restartBackoffMs: [100, 400] }).start(1);
    practice = p;
    const seeded = p.pc(0);
    const total = eventCount(seeded.core);
    const newcomer = await p.add('New PC');
    const doctor = must(newcomer.core.call('clinician.create', { name: 'Dr Desk Test', role: 'locum_gp', dailyCap: 25 })).id;

    // The desk keeps recording, every 50 ms, from start to finish.
    const timings: number[] = [];
    const failures: string[] = [];
    let recording = true;
    const desk = (async () => {
      while (recording) {
        const started = performance.now();
        const answer = newcomer.core.invoke('contact.record', { clinicianId: doctor, overCapReason: 'Urgent: seen on the day' });
        timings.push(performance.now() - started);
        if (!('ok' in answer) || !answer.ok) failures.push(JSON.stringify(answer));
        await sleep(50);
      }
    })();

    let kills = 0;
    let lastHeld = eventCount(newcomer.core);
    while (kills < 20) {
      await waitUntil(
        () => eventCount(newcomer.core) >= Math.min(lastHeld + 1200, total) && newcomer.core.replicationProcessId() !== null,
        60_000,
        () => `held ${eventCount(newcomer.core)} of ${total}`,
        10,
      );
      // Mostly the catching-up PC's process; every fourth time the other side's.
      const victim = kills % 4 === 3 ? seeded.core : newcomer.core;
      const pid = victim.replicationProcessId();
      if (pid === null) continue;
      process.kill(pid, 'SIGKILL');
      kills++;
      lastHeld = eventCount(newcomer.core);
      await sleep(150);
    }
    // The desk goes on recording until the catch-up is done, then stops, so the two can be compared at rest.
    await waitUntil(() => eventCount(newcomer.core) >= total, 120_000, () => `newcomer ${eventCount(newcomer.core)} of ${total}`, 50);
    recording = false;
    await desk;
    const all = () => eventCount(seeded.core) === eventCount(newcomer.core);
    await waitUntil(all, 120_000, () => `seeded ${eventCount(seeded.core)}, newcomer ${eventCount(newcomer.core)}`, 50);
    await waitUntil(() => new Set(p.digests()).size === 1, 30_000, () => 'digests differ');

    expect(kills).toBe(20);
    expect(failures).toEqual([]);
    expect(timings.length).toBeGreaterThan(20);
    for (const pc of p.pcs) {
      expect(integrityOk(pc.core)).toBe('ok');
      expect(pc.core.db.prepare('SELECT count(*) FROM network_alarms').pluck().get()).toBe(0);
      expect(pc.core.db.prepare('SELECT count(*) FROM network_set_aside').pluck().get()).toBe(0);
    }
    // Every contact the desk recorded during the kills is on the other PC too.
    const recorded = newcomer.core.db.prepare('SELECT count(*) FROM contacts WHERE clinician_id = ?').pluck().get(doctor);
    expect(seeded.core.db.prepare('SELECT count(*) FROM contacts WHERE clinician_id = ?').pluck().get(doctor)).toBe(recorded);
    expect(recorded).toBe(timings.length);
    const sorted = [...timings].sort((x, y) => x - y);
    console.info(`desk during the kills: ${timings.length} records, p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(2)} ms, max ${sorted.at(-1)?.toFixed(2)} ms`);
  }, 300_000);
});
