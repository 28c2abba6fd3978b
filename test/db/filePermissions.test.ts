import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeDataFolder, tightenDataFolder } from '../../main/core/db/ownerOnly.ts';
import { FakeClock, must, openTestCore, tempDir } from '../helpers/fixtures.ts';

/**
 * Who may open the data folder on Linux and macOS. (These tests often run as
 * root, who can open anything whatever the mode: so they check the modes
 * themselves, which are set and read back the same for root.)
 */
const modeOf = (file: string) => statSync(file).mode & 0o777;
const modesIn = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, modeOf(path.join(dir, name))]));

const cleanups: (() => void)[] = [];
let warnings: string[];
beforeEach(() => {
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((message: unknown) => {
    warnings.push(String(message));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** The files of a running ContactCap, each as it must be: owner read and write only. */
const OPEN_FILES = { 'contactcap.db': 0o600, 'contactcap.db-wal': 0o600, 'contactcap.db-shm': 0o600, 'contactcap.lock': 0o600 };

function workspace(): string {
  const temp = tempDir('contactcap-modes-');
  cleanups.push(temp.remove);
  return temp.dir;
}

function recordOne(dataDir: string): void {
  const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-23T09:00:00Z') });
  const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', capped: false }));
  must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
  core.close();
}

/** A data folder as ContactCap left it before files were owner-only: the folder 0755, every file 0644. */
function asBefore(dataDir: string): void {
  recordOne(dataDir);
  writeFileSync(path.join(dataDir, 'contactcap.db.damaged-20261120T081500Z'), 'a copy set aside once');
  mkdirSync(path.join(dataDir, 'replication'));
  writeFileSync(path.join(dataDir, 'replication', 'CORESTORE'), 'the store');
  chmodSync(path.join(dataDir, 'replication'), 0o755);
  for (const name of readdirSync(dataDir)) if (name !== 'replication') chmodSync(path.join(dataDir, name), 0o644);
  chmodSync(dataDir, 0o755);
}

describe.skipIf(process.platform === 'win32')('the data folder is for the account running ContactCap alone', () => {
  it('a first start makes the folder 0700 and the database, its -wal and -shm, and the lock 0600', () => {
    const parent = path.join(workspace(), 'share');
    const dataDir = path.join(parent, 'contactcap');
    const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-23T09:00:00Z') });
    try {
      must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' }));
      expect(modeOf(dataDir)).toBe(0o700);
      // SQLite gives the lock's journal (made once, while the new lock file is first locked) the lock file's mode.
      expect(modesIn(dataDir)).toEqual({ ...OPEN_FILES, 'contactcap.lock-journal': 0o600 });
      // Only ContactCap's own folder: the parents it made are as the system makes any folder.
      expect(modeOf(parent)).not.toBe(0o700);
    } finally {
      core.close();
    }
    expect(warnings).toEqual([]);
  });

  it('the -wal and -shm made again at the next start are 0600 too', () => {
    const dataDir = path.join(workspace(), 'contactcap');
    recordOne(dataDir);
    const core = openTestCore(dataDir);
    try {
      expect(modesIn(dataDir)).toEqual(OPEN_FILES);
    } finally {
      core.close();
    }
  });

  it('a folder left 0755 with files 0644 by an earlier version is made owner-only at start, -wal and -shm left open included, and nothing in it is lost', () => {
    const dataDir = path.join(workspace(), 'contactcap');
    asBefore(dataDir);
    // Another program reading the old database keeps its -wal and -shm, made 0644 from the file's mode, open across the start.
    const reader = new Database(path.join(dataDir, 'contactcap.db'));
    cleanups.push(() => reader.close());
    reader.pragma('journal_mode = WAL');
    expect(reader.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 1 });
    expect(modesIn(dataDir)).toMatchObject({ 'contactcap.db': 0o644, 'contactcap.db-wal': 0o644, 'contactcap.db-shm': 0o644 });

    const core = openTestCore(dataDir);
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modesIn(dataDir)).toEqual({ ...OPEN_FILES, 'contactcap.db.damaged-20261120T081500Z': 0o600, replication: 0o700 });
      expect(must(core.call('clinician.list', {})).map((clinician) => clinician.name)).toEqual(['Dr Ada Patel']);
    } finally {
      core.close();
    }
    expect(warnings).toEqual([]);
  });

  it('an empty folder made beforehand (by IT, say) at 0755 is made 0700', () => {
    const dataDir = path.join(workspace(), 'ContactCap');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    openTestCore(dataDir).close();
    expect(modeOf(dataDir)).toBe(0o700);
  });

  it('a folder of other things given with --data-dir keeps its own permissions and says so; ContactCap’s files in it are still 0600', () => {
    const dataDir = workspace();
    writeFileSync(path.join(dataDir, 'rota.xlsx'), 'the practice rota');
    chmodSync(path.join(dataDir, 'rota.xlsx'), 0o644);
    chmodSync(dataDir, 0o755);
    openTestCore(dataDir).close();
    expect(modeOf(dataDir)).toBe(0o755);
    expect(modesIn(dataDir)).toEqual({ 'rota.xlsx': 0o644, 'contactcap.db': 0o600, 'contactcap.lock': 0o600 });
    expect(warnings).toEqual([
      `ContactCap: the data folder "${dataDir}" holds other files as well as ContactCap's, so its permissions were left as they are; ContactCap's own files in it are readable only by this account.`,
    ]);
  });

  it('a change the system refuses never stops ContactCap starting: it is said on the console, and the rest is made owner-only', (context) => {
    const dataDir = path.join(workspace(), 'contactcap');
    asBefore(dataDir);
    const stuck = path.join(dataDir, 'contactcap.db.damaged-20261120T081500Z');
    // An immutable file: not even root may change its mode. Where chattr is not allowed, this cannot be set up.
    try {
      execFileSync('chattr', ['+i', stuck], { stdio: 'ignore' });
    } catch {
      context.skip('chattr +i is not allowed here, so no file can be made that refuses a change of mode');
    }
    cleanups.push(() => execFileSync('chattr', ['-i', stuck]));

    const core = openTestCore(dataDir);
    try {
      expect(must(core.call('clinician.list', {}))).toHaveLength(1);
    } finally {
      core.close();
    }
    expect(modeOf(stuck)).toBe(0o644);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'contactcap.db'))).toBe(0o600);
    expect(warnings).toEqual([
      `ContactCap: could not make "${stuck}" readable only by this account (EPERM); other accounts on this PC may be able to read it. ContactCap carries on. Ask IT to run: chmod go-rwx "${stuck}"`,
    ]);
  });
});

describe('on Windows, where files have no modes', () => {
  it('changes no mode: the folder’s access list keeps others out (docs/security.md)', () => {
    const dataDir = path.join(workspace(), 'ContactCap');
    expect(makeDataFolder(dataDir, 'win32')).toBe(true);
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, 'contactcap.db'), '');
    chmodSync(path.join(dataDir, 'contactcap.db'), 0o644);
    tightenDataFolder(dataDir, true, 'win32');
    expect(modesIn(dataDir)).toEqual({ 'contactcap.db': 0o644 });
    expect(modeOf(dataDir)).toBe(0o755);
    expect(makeDataFolder(dataDir, 'win32')).toBe(false);
  });
});
