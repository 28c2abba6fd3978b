import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/db/dataDir.ts';
import { FakeClock, must, openTestCore, startupFailure, tempDir } from '../helpers/fixtures.ts';
import { folderFingerprint, sha256File } from '../helpers/dbInspect.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function workspace(): string {
  const temp = tempDir();
  cleanups.push(temp.remove);
  return temp.dir;
}


function seed(dataDir: string, contacts = 3): void {
  const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-23T09:00:00Z') });
  // Not capped, so a long day of contacts needs no urgent reasons.
  const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', capped: false }));
  for (let i = 0; i < contacts; i++) must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
  core.close();
}

function holdInAnotherProcess(dataDir: string, holdMs?: number): Promise<ChildProcess> {
  const script = path.join(import.meta.dirname, '..', 'helpers', 'holdDatabase.ts');
  const child = spawn(process.execPath, [script, dataDir, ...(holdMs === undefined ? [] : [String(holdMs)])], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('holding')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`holder exited early (${String(code)}): ${errors}`)));
  });
}

const isRoot = process.getuid?.() === 0;

function mountTmpfs(dir: string, options: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  cleanups.push(() => execFileSync('umount', ['-l', dir]));
}

describe('start-up with a damaged file', () => {
  it('keeps a file that is not a database untouched in the recovery folder and starts a new one', () => {
    const dataDir = workspace();
    const file = path.join(dataDir, DATABASE_FILE);
    writeFileSync(file, 'This is a spreadsheet someone saved over the database.\n'.repeat(200));
    const original = sha256File(file);

    const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-23T08:05:00Z') });
    const status = must(core.call('system.status', {}));
    expect(status.notices).toHaveLength(1);
    const notice = status.notices[0];
    expect(notice?.kind).toBe('database_rebuilt');
    expect(notice?.file).toBe(path.join(dataDir, 'recovery', '20261123T080500Z-damaged'));
    expect(notice?.message).toContain('kept, untouched');
    expect(notice?.message).toContain('holds 0 contacts');
    expect(sha256File(path.join(notice?.file ?? '', DATABASE_FILE))).toBe(original);
    // The new database works.
    must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' }));
    core.close();
  });

  it('keeps, byte for byte, a database whose damage shows while starting, and rebuilds every contact from its pages', () => {
    const dataDir = workspace();
    seed(dataDir, 400);
    const file = path.join(dataDir, DATABASE_FILE);
    // Scribble over the top pages of the contacts table and of the events' clock index: pages the start-up reads go
    // through, holding nothing the events do not (the interior pages of events itself hold events: test/db/damagePages.test.ts).
    const raw = new Database(file, { readonly: true });
    const tops = raw.prepare("SELECT pageno FROM dbstat WHERE name IN ('contacts', 'events_by_hlc') AND pagetype = 'internal' ORDER BY pageno").pluck().all() as number[];
    raw.close();
    expect(tops.length).toBeGreaterThanOrEqual(2);
    scribble(file, tops);
    const damaged = sha256File(file);

    const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-23T08:05:00Z') });
    const [notice] = must(core.call('system.status', {})).notices;
    expect(notice?.kind).toBe('database_rebuilt');
    expect(notice?.file).toBe(path.join(dataDir, 'recovery', '20261123T080500Z-damaged'));
    expect(sha256File(path.join(notice?.file ?? '', DATABASE_FILE))).toBe(damaged);
    expect(must(core.call('board.today', {})).rows[0]?.used).toBe(400);
    expect(notice?.message).toContain('No record is known to be missing');
    core.close();
  });

  it('finds damage that only a full check can see in the background, keeps the files as they were and rebuilds at once, with every contact', async () => {
    const dataDir = workspace();
    seed(dataDir, 400);
    const file = path.join(dataDir, DATABASE_FILE);
    const raw = new Database(file, { readonly: true });
    const leaves = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'contacts' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    raw.close();
    expect(leaves.length).toBeGreaterThan(3);
    // A page of contact rows in the middle: nothing reads it at start-up.
    scribble(file, [leaves[Math.floor(leaves.length / 2)] ?? 0]);
    const damaged = sha256File(file);

    const pushed: string[] = [];
    const running = openTestCore(dataDir, { clock: new FakeClock('2026-11-23T08:05:00Z'), integrityCheck: 'background' });
    expect(must(running.call('system.status', {})).notices).toEqual([]);
    running.subscribe((_event, payload) => pushed.push(...payload.topics));
    const result = await running.integrity;
    expect(result.status).toBe('damaged');
    const [notice] = must(running.call('system.status', {})).notices;
    expect(notice?.kind).toBe('database_rebuilt');
    expect(notice?.message).toContain('found while ContactCap was running');
    expect(notice?.file).toBe(path.join(dataDir, 'recovery', '20261123T080500Z-damaged'));
    expect(sha256File(path.join(notice?.file ?? '', DATABASE_FILE))).toBe(damaged);
    expect(pushed).toContain('system');
    // The desk records on, into the rebuilt database.
    const ada = must(running.call('clinician.list', {}))[0]?.id ?? '';
    must(running.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
    expect(must(running.call('board.today', {})).rows[0]?.used).toBe(401);
    running.close();

    const restarted = openTestCore(dataDir, { clock: new FakeClock('2026-11-23T08:10:00Z'), integrityCheck: 'background' });
    expect(must(restarted.call('system.status', {})).notices).toEqual([]);
    expect(must(restarted.call('board.today', {})).rows[0]?.used).toBe(401);
    expect((await restarted.integrity).status).toBe('ok');
    restarted.close();
  });

  it('never overwrites an earlier file kept at the same second', () => {
    const dataDir = workspace();
    const file = path.join(dataDir, DATABASE_FILE);
    const first = path.join(dataDir, 'recovery', '20261123T080500Z-damaged');
    mkdirSync(first, { recursive: true });
    writeFileSync(path.join(first, DATABASE_FILE), 'the first damaged file');
    writeFileSync(file, 'the second damaged file, not a database at all'.repeat(100));
    const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-23T08:05:00Z') });
    const [notice] = must(core.call('system.status', {})).notices;
    expect(notice?.file).toBe(`${first}-2`);
    expect(readFileSync(path.join(first, DATABASE_FILE), 'utf8')).toBe('the first damaged file');
    core.close();
  });
});

describe('start-up when another copy holds the database', () => {
  it('retries, then says another copy is running, and changes nothing', async () => {
    const dataDir = workspace();
    seed(dataDir);
    const holder = await holdInAnotherProcess(dataDir);
    const before = sha256File(path.join(dataDir, DATABASE_FILE));

    const started = Date.now();
    const failure = startupFailure(() => openTestCore(dataDir, { lockAttempts: 3, lockWaitMs: 150 }));
    const waited = Date.now() - started;
    expect(failure.failure).toBe('locked');
    expect(failure.message).toContain('Another copy of ContactCap is running');
    expect(waited).toBeGreaterThanOrEqual(3 * 150 - 20);
    expect(sha256File(path.join(dataDir, DATABASE_FILE))).toBe(before);
    holder.kill('SIGTERM');
  });

  it('starts once the other copy lets go during the retries', async () => {
    const dataDir = workspace();
    seed(dataDir);
    await holdInAnotherProcess(dataDir, 400);
    const core = openTestCore(dataDir, { lockAttempts: 20, lockWaitMs: 200 });
    expect(must(core.call('board.today', {})).rows.map((row) => row.name)).toEqual(['Dr Ada Patel']);
    core.close();
  });
});

describe('background integrity check', () => {
  it('passes a healthy database without holding up the start', async () => {
    const dataDir = workspace();
    seed(dataDir, 50);
    const core = openTestCore(dataDir, { integrityCheck: 'background' });
    expect(must(core.call('board.today', {})).rows).toHaveLength(1);
    expect(await core.integrity).toEqual({ status: 'ok' });
    expect(must(core.call('system.status', {})).notices).toEqual([]);
    core.close();
  });
});

describe('start-up on a network path', () => {
  it('refuses a UNC path with advice, before touching it', () => {
    const failure = startupFailure(() => openTestCore('\\\\practice-server\\shared\\ContactCap'));
    expect(failure.failure).toBe('network_path');
    expect(failure.message).toContain('local disk');
    expect(existsSync('\\\\practice-server\\shared\\ContactCap')).toBe(false);
  });
});

describe.runIf(isRoot)('start-up on a read-only or full disk (needs root to mount a small disk)', () => {
  it('explains a read-only folder and leaves the database untouched', () => {
    const mountPoint = workspace();
    mountTmpfs(mountPoint, 'size=4m');
    const dataDir = path.join(mountPoint, 'ContactCap');
    seed(dataDir);
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const before = folderFingerprint(dataDir);

    const failure = startupFailure(() => openTestCore(dataDir));
    expect(failure.failure).toBe('read_only');
    expect(failure.message).toContain('cannot write to its data folder');
    expect(failure.message).toContain('Nothing has been changed');
    expect(folderFingerprint(dataDir)).toEqual(before);
  });

  it('explains a full disk at start-up and leaves the database untouched', () => {
    const mountPoint = workspace();
    mountTmpfs(mountPoint, 'size=1m');
    const dataDir = path.join(mountPoint, 'ContactCap');
    seed(dataDir);
    fillDisk(mountPoint);
    const before = folderFingerprint(dataDir);

    const failure = startupFailure(() => openTestCore(dataDir));
    expect(failure.failure).toBe('disk_full');
    expect(failure.message).toContain('is full');
    expect(folderFingerprint(dataDir)).toEqual(before);
  });

  it('refuses a write when the disk fills while running, keeps everything saved before, and carries on once there is space', () => {
    const mountPoint = workspace();
    mountTmpfs(mountPoint, 'size=1m');
    const dataDir = path.join(mountPoint, 'ContactCap');
    const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-23T09:00:00Z') });
    const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' }));
    const filler = fillDisk(mountPoint);

    const saved: string[] = [];
    let refusal: { code: string; message: string } | null = null;
    for (let i = 0; i < 5000 && refusal === null; i++) {
      const result = core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' });
      if (result.ok) saved.push(result.value.id);
      else refusal = result.error;
    }
    expect(refusal?.code).toBe('storage_full');
    expect(refusal?.message).toContain('disk on this PC is full');
    expect(must(core.call('contact.listForDay', {})).map((contact) => contact.id).sort()).toEqual([...saved].sort());

    execFileSync('rm', ['-f', filler]);
    must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
    expect(must(core.call('board.today', {})).rows[0]?.used).toBe(saved.length + 1);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    core.close();
  });
});

/** Overwrites whole pages (numbered from 1) with a fixed pattern, as a failing disk might. */
function scribble(file: string, pages: number[], pageSize = 4096): void {
  const fd = openSync(file, 'r+');
  for (const page of pages) writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

/** Fills the mounted disk with a filler file and returns its path. */
function fillDisk(mountPoint: string): string {
  const filler = path.join(mountPoint, 'filler.bin');
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch {
    // ENOSPC: the disk is full.
  } finally {
    closeSync(fd);
  }
  expect(readdirSync(mountPoint)).toContain('filler.bin');
  return filler;
}
