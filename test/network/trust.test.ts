import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatJoinCode } from '../../shared/network.ts';
import { must, openTestCore, tempDirs } from '../helpers/fixtures.ts';
import { freePort } from '../helpers/host.ts';
import { countOf, eventCount, Practice, sleep, waitUntil } from './cluster.ts';

/** Who may join, who may not, and a folder that turns up twice. */
let practices: Practice[] = [];
const dirs = tempDirs();
afterEach(async () => {
  for (const p of practices) await p.close();
  practices = [];
  dirs.removeAll();
});

async function practiceOf(n: number, names?: string[]): Promise<Practice> {
  const p = await new Practice().start(n, names);
  practices.push(p);
  return p;
}

function originsIn(core: Practice['pcs'][number]['core']): string[] {
  return (core.db.prepare('SELECT DISTINCT origin FROM events ORDER BY origin').pluck().all() as string[]).sort();
}

describe('the practice secret', () => {
  it('a PC with another join code that dials in gets nothing and gives nothing, and the practice PC says so', async () => {
    const p = await practiceOf(2);
    const [a] = p.pcs as [Practice['pcs'][number]];
    const ada = must(a.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    must(a.core.call('contact.record', { clinicianId: ada }));
    await waitUntil(() => countOf(p.pc(1).core, ada) === 1, 10_000, () => 'B never saw the contact');

    // An outsider with a valid but different code, pointed straight at A's port.
    const port = await freePort();
    const outsider = openTestCore(dirs.make(), { network: { listen: ['127.0.0.1'], discovery: false, defaultPort: port, restartBackoffMs: [200, 1000] } });
    try {
      must(outsider.call('network.join', { code: formatJoinCode(Buffer.from('00112233445566778899', 'hex')) }));
      must(outsider.call('clinician.create', { name: 'Dr Outsider', role: 'gp_partner' }));
      must(outsider.call('network.configure', { addresses: [`127.0.0.1:${a.port}`] }));
      must(a.core.call('network.configure', { addresses: [...must(a.core.call('network.status', {})).addresses, `127.0.0.1:${port}`] }));
      await waitUntil(
        () => must(outsider.call('network.status', {})).problems.some((problem) => problem.includes('different join code')),
        15_000,
        () => JSON.stringify(must(outsider.call('network.status', {})).problems),
      );
      await sleep(1500);
      // Nothing of A's reached it, nothing of its reached A or B, and it is no member of theirs.
      expect(originsIn(outsider)).toEqual([outsider.deviceId]);
      for (const pc of p.pcs) {
        expect(originsIn(pc.core)).not.toContain(outsider.deviceId);
        expect(must(pc.core.call('network.status', {})).members.map((m) => m.deviceId)).not.toContain(outsider.deviceId);
      }
      expect(must(a.core.call('network.status', {})).problems.join(' ')).toMatch(/different join code.*nothing was shared/);
      expect(must(outsider.call('network.status', {})).members).toEqual([]);
    } finally {
      outsider.close();
    }
  }, 45_000);

  it('two practices on one machine, each told the other’s addresses, never cross', async () => {
    const north = await practiceOf(2, ['North 1', 'North 2']);
    const south = await practiceOf(2, ['South 1', 'South 2']);
    const all = [...north.pcs, ...south.pcs];
    // Every PC is also given every other PC's real port.
    for (const pc of all) {
      const own = must(pc.core.call('network.status', {})).addresses;
      must(pc.core.call('network.configure', { addresses: [...own, ...all.filter((o) => o !== pc).map((o) => `127.0.0.1:${o.port}`)] }));
    }
    const n = must(north.pc(0).core.call('clinician.create', { name: 'Dr North', role: 'gp_partner' })).id;
    const s = must(south.pc(0).core.call('clinician.create', { name: 'Dr South', role: 'gp_partner' })).id;
    must(north.pc(0).core.call('contact.record', { clinicianId: n }));
    must(south.pc(0).core.call('contact.record', { clinicianId: s }));
    await waitUntil(() => countOf(north.pc(1).core, n) === 1 && countOf(south.pc(1).core, s) === 1, 15_000, () => 'a practice did not share within itself');
    await sleep(2000);
    const northOrigins = new Set(north.pcs.map((pc) => pc.core.deviceId));
    const southOrigins = new Set(south.pcs.map((pc) => pc.core.deviceId));
    for (const pc of north.pcs) expect(originsIn(pc.core).every((o) => northOrigins.has(o))).toBe(true);
    for (const pc of south.pcs) expect(originsIn(pc.core).every((o) => southOrigins.has(o))).toBe(true);
    expect(must(north.pc(1).core.call('clinician.list', {})).map((c) => c.name)).not.toContain('Dr South');
  }, 60_000);
});

describe('a folder that turns up twice', () => {
  it('a copy of a PC’s data folder opened as another PC takes a new device id: no fork, no alarm, both PCs’ records everywhere', async () => {
    const p = await practiceOf(2, ['Reception 1', 'Reception 2']);
    const [a, b] = p.pcs as [Practice['pcs'][number], Practice['pcs'][number]];
    const ada = must(a.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    await waitUntil(() => countOf(b.core, ada) === 0, 10_000, () => 'B never saw the clinician');
    must(b.core.call('contact.record', { clinicianId: ada }));
    await waitUntil(() => countOf(a.core, ada) === 1, 10_000, () => 'A never saw B’s contact');
    const oldId = b.core.deviceId;
    await p.stop(1);
    const copy = p.copyFolder(1);
    p.reopen(1);
    // The copy starts as a third PC.
    const port = await freePort();
    const c = p.open(copy, port);
    const closeCopy = () => c.close();
    must(c.call('network.configure', { addresses: [`127.0.0.1:${a.port}`] }));
    await waitUntil(() => c.deviceId !== oldId, 15_000, () => 'the copy kept the old device id');
    expect(readdirSync(copy).some((name) => name.startsWith('replication.moved-aside-'))).toBe(true);
    const notice = must(c.call('system.status', {})).notices.find((n) => n.kind === 'network_identity');
    expect(notice?.message).toMatch(/copied from another PC or restored, so this PC now has a new identity.*Nothing recorded is lost/);
    must(c.call('contact.record', { clinicianId: ada }));
    must(p.pc(1).core.call('contact.record', { clinicianId: ada }));
    await waitUntil(() => countOf(a.core, ada) === 3 && countOf(c, ada) === 3 && countOf(p.pc(1).core, ada) === 3, 20_000, () => `A=${countOf(a.core, ada)} B=${countOf(p.pc(1).core, ada)} copy=${countOf(c, ada)}`);
    for (const core of [a.core, p.pc(1).core, c]) {
      expect(core.db.prepare('SELECT count(*) AS n FROM network_alarms').pluck().get()).toBe(0);
      expect(core.db.prepare('SELECT count(*) AS n FROM network_set_aside').pluck().get()).toBe(0);
    }
    expect(p.pc(1).core.deviceId).toBe(oldId);
    closeCopy();
  }, 60_000);

  it('a database restored from an older backup, its replication store intact, takes a new id and gets back what it recorded since', async () => {
    const p = await practiceOf(2);
    const [a, b] = p.pcs as [Practice['pcs'][number], Practice['pcs'][number]];
    const ada = must(b.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    await waitUntil(() => countOf(a.core, ada) === 0, 10_000, () => 'A never saw the clinician');
    await p.stop(1);
    const backup = p.copyFolder(1);
    p.reopen(1);
    must(p.pc(1).core.call('contact.record', { clinicianId: ada }));
    must(p.pc(1).core.call('contact.record', { clinicianId: ada }));
    await waitUntil(() => countOf(a.core, ada) === 2, 10_000, () => 'A never saw B’s contacts');
    const oldId = p.pc(1).core.deviceId;
    await p.stop(1);
    // Only the database comes back from the backup.
    const { copyFileSync, rmSync } = await import('node:fs');
    for (const file of ['contactcap.db-wal', 'contactcap.db-shm']) rmSync(path.join(b.dir, file), { force: true });
    const dbFile = 'contactcap.db';
    copyFileSync(path.join(backup, dbFile), path.join(b.dir, dbFile));
    for (const extra of ['-wal', '-shm']) if (existsSync(path.join(backup, dbFile + extra))) copyFileSync(path.join(backup, dbFile + extra), path.join(b.dir, dbFile + extra));
    p.reopen(1);
    const restored = p.pc(1).core;
    expect(countOf(restored, ada)).toBe(0);
    await waitUntil(() => restored.deviceId !== oldId && countOf(restored, ada) === 2, 15_000, () => `id ${restored.deviceId}, count ${countOf(restored, ada)}`);
    must(restored.call('contact.record', { clinicianId: ada }));
    await waitUntil(() => countOf(a.core, ada) === 3, 10_000, () => `A=${countOf(a.core, ada)}`);
    for (const core of [a.core, restored]) expect(core.db.prepare('SELECT count(*) FROM network_alarms').pluck().get()).toBe(0);
    expect(eventCount(a.core)).toBe(eventCount(restored));
  }, 60_000);
});

describe('removing a PC', () => {
  it('keeps its past records and accepts nothing new from it', async () => {
    const p = await practiceOf(3, ['Reception 1', 'Reception 2', 'Old laptop']);
    const [a, b, c] = p.pcs as [Practice['pcs'][number], Practice['pcs'][number], Practice['pcs'][number]];
    const ada = must(a.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    await waitUntil(() => countOf(c.core, ada) === 0, 10_000, () => 'C never saw the clinician');
    must(c.core.call('contact.record', { clinicianId: ada }));
    await waitUntil(() => countOf(a.core, ada) === 1 && countOf(b.core, ada) === 1, 10_000, () => 'C’s contact did not arrive');
    must(a.core.call('network.remove', { deviceId: c.core.deviceId }));
    await waitUntil(
      () => must(b.core.call('network.status', {})).members.some((m) => m.deviceId === c.core.deviceId && m.removed),
      10_000,
      () => 'B never heard of the removal',
    );
    must(c.core.call('contact.record', { clinicianId: ada }));
    await sleep(2500);
    expect(countOf(a.core, ada)).toBe(1);
    expect(countOf(b.core, ada)).toBe(1);
    expect(countOf(c.core, ada)).toBe(2);
    const again = a.core.invoke('network.remove', { deviceId: c.core.deviceId });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  }, 45_000);
});
