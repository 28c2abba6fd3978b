import { existsSync, readdirSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { practiceKeys } from '../../main/core/network/supervisor.ts';
import { Replicator } from '../../main/replication/replicator.ts';
import { readJoinCode } from '../../shared/network.ts';
import type { FromReplicator } from '../../shared/replication.ts';
import { must, tempDirs } from '../helpers/fixtures.ts';
import { freePort } from '../helpers/host.ts';
import { countOf, eventCount, Practice, seedHistory, sleep, waitUntil } from './cluster.ts';

/** What the practice manager is told when joining or sharing goes wrong, and that nothing recorded is lost. */
let practice: Practice | null = null;
const dirs = tempDirs();
afterEach(async () => {
  await practice?.close();
  practice = null;
  dirs.removeAll();
});

function problemsOf(core: Practice['pcs'][number]['core']): string {
  return must(core.call('network.status', {})).problems.join(' | ');
}

function messageOf(answer: unknown): string {
  const envelope = answer as { ok: boolean; error?: { message: string } };
  return envelope.ok ? '(it succeeded)' : (envelope.error?.message ?? '');
}

describe('joining', () => {
  it('a mistyped join code is refused with what to check, and nothing is joined or kept', async () => {
    practice = new Practice();
    const dir = practice.newDir();
    const core = practice.open(dir, await freePort());
    const code = must(core.call('network.create', {})).joinCode;
    must(core.call('network.leave', {}));
    // One character changed.
    const typo = code.slice(0, 2) + (code[2] === 'A' ? 'B' : 'A') + code.slice(3);
    const answer = core.invoke('network.join', { code: typo });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'code' } });
    expect(messageOf(answer)).toMatch(/mistake in it.*Nothing was changed/);
    expect(messageOf(core.invoke('network.join', { code: code.slice(0, 10) }))).toMatch(/17 letters and digits.*this one has 8/);
    expect(must(core.call('network.status', {})).state).toBe('not_joined');
    expect(existsSync(path.join(dir, 'practice-network.key'))).toBe(false);
    expect(core.replicationProcessId()).toBeNull();
    core.close();
  });

  it('a join code typed in lower case with spaces joins the same practice', async () => {
    practice = await new Practice().start(1);
    const code = practice.joinCode;
    const reading = readJoinCode(code.toLowerCase().replaceAll('-', ' '));
    expect(reading.ok && reading.code).toBe(code);
  });
});

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('listening', () => {
  it('a PC that has not joined listens on nothing; once joined it listens on its port; after leaving, on nothing again', async () => {
    practice = new Practice();
    const port = await freePort();
    const dir = practice.newDir();
    const core = practice.open(dir, port);
    try {
      expect(await answers(port)).toBe(false);
      expect(core.replicationProcessId()).toBeNull();
      must(core.call('network.create', {}));
      // The practice secret, in the browser host, is a file only its owner can read.
      const secretFile = path.join(dir, 'practice-network.key');
      if (process.platform !== 'win32') expect(statSync(secretFile).mode & 0o777).toBe(0o600);
      await waitUntil(() => must(core.call('network.status', {})).state === 'running', 15_000, () => must(core.call('network.status', {})).state);
      expect(await answers(port)).toBe(true);
      // The replication process makes its store for this account alone: every folder in it 0700, every file 0600.
      if (process.platform !== 'win32') {
        const store = readdirSync(path.join(dir, 'replication'), { recursive: true, withFileTypes: true });
        expect(store.filter((entry) => entry.isFile()).length).toBeGreaterThan(0);
        const modes = new Set(store.map((entry) => `${entry.isDirectory() ? 'folder' : 'file'} ${(statSync(path.join(entry.parentPath, entry.name)).mode & 0o777).toString(8)}`));
        expect([...modes].sort()).toEqual(store.some((entry) => entry.isDirectory()) ? ['file 600', 'folder 700'] : ['file 600']);
        expect(statSync(path.join(dir, 'replication')).mode & 0o777).toBe(0o700);
      }
      must(core.call('network.leave', {}));
      await waitUntil(() => core.replicationProcessId() === null, 5_000, () => 'still running');
      await sleep(500);
      expect(await answers(port)).toBe(false);
    } finally {
      core.close();
    }
  }, 30_000);
});

describe('the port', () => {
  it('held by another program: said in words; once it is free this PC listens and the words go', async () => {
    practice = new Practice();
    const port = await freePort();
    const blocker = createServer(() => undefined);
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    const core = practice.open(practice.newDir(), port);
    try {
      must(core.call('network.create', {}));
      await waitUntil(() => problemsOf(core).includes(`Port ${port} on this PC is already in use by another program`), 15_000, () => problemsOf(core), 100);
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      await waitUntil(() => !problemsOf(core).includes('already in use'), 20_000, () => problemsOf(core), 100);
      expect(await answers(port)).toBe(true);
    } finally {
      core.close();
    }
  }, 45_000);
});

describe('sharing', () => {
  it('an address that does not answer is said in words, and the words go once it answers', async () => {
    practice = await new Practice({ restartBackoffMs: [200, 1000] }).start(1);
    const a = practice.pc(0);
    const silentPort = await freePort();
    must(a.core.call('network.configure', { addresses: [`127.0.0.1:${silentPort}`] }));
    await waitUntil(() => problemsOf(a.core).includes(`Nothing answered at 127.0.0.1:${silentPort}`), 20_000, () => problemsOf(a.core), 100);
    expect(problemsOf(a.core)).toMatch(/ContactCap is not listening there.*keeps trying/);
    // A PC of the practice starts on that port.
    const b = practice.open(practice.newDir(), silentPort);
    try {
      must(b.call('network.join', { code: practice.joinCode }));
      await waitUntil(() => must(a.core.call('network.status', {})).members.some((m) => m.connected), 40_000, () => problemsOf(a.core), 100);
      await waitUntil(() => !problemsOf(a.core).includes('Nothing answered'), 5_000, () => problemsOf(a.core));
    } finally {
      b.close();
    }
  }, 90_000);

  it('a PC on an incompatible version is named, and nothing moves between them', async () => {
    practice = await new Practice().start(1, ['Reception 1']);
    const a = practice.pc(0);
    const reading = readJoinCode(practice.joinCode);
    if (!reading.ok) throw new Error(reading.message);
    const { key, tag } = practiceKeys(reading.secret);
    const heard: FromReplicator[] = [];
    const future = new Replicator((message) => heard.push(message), () => Date.now(), 99);
    await future.handle({
      kind: 'start',
      storeDir: path.join(practice.newDir(), 'replication'),
      practiceKey: key,
      practiceTag: tag,
      deviceId: 'f0f0f0f0f0f0f0f0',
      pcName: 'Room 9 (newer version)',
      port: await freePort(),
      listen: ['127.0.0.1'],
      addresses: [`127.0.0.1:${a.port}`],
      discovery: false,
      members: [],
      removed: [],
      applied: {},
      batchSize: 100,
    });
    try {
      await waitUntil(() => problemsOf(a.core).includes('Room 9 (newer version) runs a version of ContactCap that cannot share with this one'), 15_000, () => problemsOf(a.core), 100);
      expect(must(a.core.call('network.status', {})).members).toEqual([]);
      expect(heard.some((m) => m.kind === 'blocks' || m.kind === 'member')).toBe(false);
    } finally {
      await future.close();
    }
  }, 30_000);

  it('a full disk during a catch-up: a clear message, nothing already recorded is touched, and it finishes once there is room', async () => {
    const seeded = dirs.make();
    seedHistory(seeded, 3000);
    practice = await new Practice({ dirs: { 0: seeded } }).start(1);
    const total = eventCount(practice.pc(0).core);
    const newcomerDir = practice.newDir();
    const port = await freePort();
    const first = practice.open(newcomerDir, port);
    const doctor = must(first.call('clinician.create', { name: 'Dr Already Here', role: 'gp_partner' })).id;
    must(first.call('contact.record', { clinicianId: doctor }));
    first.close();
    const newcomer = await practice.add('New PC', newcomerDir);
    const held = eventCount(newcomer.core);
    // The database may grow by only a few pages: as good as a full disk, to SQLite.
    const pages = newcomer.core.db.pragma('page_count', { simple: true }) as number;
    newcomer.core.db.pragma(`max_page_count = ${pages + 2}`);
    await waitUntil(() => problemsOf(newcomer.core).includes('The disk on this PC is full'), 30_000, () => problemsOf(newcomer.core), 100);
    expect(problemsOf(newcomer.core)).toMatch(/Records from another PC could not be saved here: The disk on this PC is full/);
    expect(countOf(newcomer.core, doctor)).toBe(1);
    expect(eventCount(newcomer.core)).toBeLessThan(total + held);
    expect(newcomer.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    newcomer.core.db.pragma('max_page_count = 1073741823');
    await waitUntil(() => eventCount(newcomer.core) === total + held, 60_000, () => `${eventCount(newcomer.core)} of ${total + held}`, 100);
    await sleep(100);
    expect(countOf(newcomer.core, doctor)).toBe(1);
  }, 120_000);
});
