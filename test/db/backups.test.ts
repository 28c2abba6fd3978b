import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsToKeep, makeBackup, type BackupInfo } from '../../main/core/db/backups.ts';
import type { BackupStatus } from '../../shared/backups.ts';
import { FakeClock, must, openTestCore, tempDirs } from '../helpers/fixtures.ts';
import { seedHistory } from '../network/cluster.ts';

/**
 * Issue 10 §3: backups made with SQLite's online backup API while the desk
 * carries on, checked before they count, kept on a schedule, optionally copied
 * to a second folder; a copy that fails its check or a PC stopped part-way
 * never replaces anything.
 */
const dirs = tempDirs();
afterEach(() => dirs.removeAll());

const status = (core: ReturnType<typeof openTestCore>): BackupStatus => must(core.call('backup.status', {}));
const contactsIn = (file: string): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
  } finally {
    db.close();
  }
};

function deskWithContacts(dir: string, count: number, at = '2026-11-23T09:00:00Z') {
  const clock = new FakeClock(at);
  const core = openTestCore(dir, { clock });
  const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 200 })).id;
  for (let i = 0; i < count; i++) {
    must(core.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
    clock.advance(60_000);
  }
  return { core, clock, ada };
}

describe('a backup made by hand', () => {
  it('is a checked copy in the data folder’s backups folder, with its date and counts, listed newest first', async () => {
    const dir = dirs.make();
    const { core, clock, ada } = deskWithContacts(dir, 5);
    try {
      expect(status(core)).toMatchObject({ folder: path.join(dir, 'backups'), backups: [], lastError: null, dueToday: true });
      const first = must(await core.call('backup.now', {}));
      expect(first.backups).toHaveLength(1);
      expect(first.backups[0]).toMatchObject({ kind: 'by-hand', createdAt: '2026-11-23T09:05:00.000Z', counts: { contacts: 5, clinicians: 1 } });
      expect(first.dueToday).toBe(false);
      const file = path.join(dir, 'backups', first.backups[0]?.name ?? '');
      expect(contactsIn(file)).toBe(5);
      const copy = new Database(file, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
      // The desk carries on; the next backup has the new contact, and the first is kept as it was.
      must(core.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
      clock.advance(3600_000);
      const before = readFileSync(file);
      const second = must(await core.call('backup.now', {}));
      expect(second.backups.map((backup) => backup.counts.contacts)).toEqual([6, 5]);
      expect(readFileSync(file).equals(before)).toBe(true);
      // Nothing but finished backups and their descriptions in the folder.
      expect(readdirSync(path.join(dir, 'backups')).filter((name) => !/^contactcap-backup-.*\.db(\.json)?$/.test(name))).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('a clean close leaves the .db file complete on its own, and makes a close backup unless one is under an hour old', async () => {
    const dir = dirs.make();
    const { core, clock } = deskWithContacts(dir, 3);
    must(await core.call('backup.now', {}));
    clock.advance(30 * 60_000);
    await core.backUpBeforeClose();
    expect(status(core).backups.map((backup) => backup.kind)).toEqual(['by-hand']);
    clock.advance(31 * 60_000);
    await core.backUpBeforeClose();
    expect(status(core).backups.map((backup) => backup.kind)).toEqual(['close', 'by-hand']);
    core.close();
    const wal = path.join(dir, 'contactcap.db-wal');
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    // The .db alone holds all three contacts.
    const alone = dirs.make();
    cpSync(path.join(dir, 'contactcap.db'), path.join(alone, 'contactcap.db'));
    expect(contactsIn(path.join(alone, 'contactcap.db'))).toBe(3);
  });
});

describe('a copy that fails its check', () => {
  it('is thrown away with a message saying so, and the earlier backups stay', async () => {
    const dir = dirs.make();
    const { core } = deskWithContacts(dir, 40);
    const earlier = must(await core.call('backup.now', {})).backups;
    core.close();
    // A damaged database that still opens and answers: an index whose entries no longer match its table,
    // which only integrity_check finds (the index's definition changed under it, its entries left as they were).
    const damaged = path.join(dirs.make(), 'damaged.db');
    cpSync(path.join(dir, 'contactcap.db'), damaged);
    const db = new Database(damaged);
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX contacts_by_day_clinician ON contacts (clinician_id, practice_day, order_key, hlc)' WHERE name = 'contacts_by_day_clinician'").run();
    db.close();
    const reopened = new Database(damaged, { readonly: true });
    expect(reopened.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(40);
    expect(reopened.pragma('integrity_check', { simple: true })).not.toBe('ok');
    reopened.close();
    const folder = path.join(dir, 'backups');
    await expect(makeBackup({ source: damaged, folder, kind: 'daily', now: Date.parse('2026-11-24T09:00:00Z') })).rejects.toThrow(
      'The backup copy failed its check, so it was thrown away and the earlier backups were kept.',
    );
    const after = openTestCore(dir);
    try {
      expect(status(after).backups).toEqual(earlier);
      expect(readdirSync(folder).filter((name) => name.includes('.part-'))).toEqual([]);
    } finally {
      after.close();
    }
  });
});

describe('the schedule', () => {
  const info = (createdAt: string, kind: BackupInfo['kind'] = 'daily'): BackupInfo => ({
    name: `b-${createdAt}-${kind}`,
    kind,
    createdAt,
    bytes: 1,
    schemaVersion: 4,
    deviceId: null,
    practiceName: null,
    counts: { events: 0, contacts: 0, clinicians: 0 },
    lastEventAt: null,
  });

  it('keeps the newest of each of the last 7 days, 4 weeks and 12 months, and the 3 newest before an update', () => {
    // A backup at 19:00 every day from 28 October 2025 to Tuesday 1 December 2026, and five before updates.
    const backups: BackupInfo[] = [];
    for (let at = Date.parse('2025-10-28T19:00:00Z'); at <= Date.parse('2026-12-01T19:00:00Z'); at += 86_400_000) backups.push(info(new Date(at).toISOString()));
    const updates = ['2026-03-02T08:00:00.000Z', '2026-06-01T08:00:00.000Z', '2026-09-01T08:00:00.000Z', '2026-10-05T08:00:00.000Z', '2026-11-30T08:00:00.000Z'];
    for (const at of updates) backups.push(info(at, 'before-update'));
    const kept = [...backupsToKeep(backups)].sort();
    const days = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'];
    // Weeks start on Monday: 30 Nov (newest 1 Dec), 23 Nov (29th), 16 Nov (22nd), 9 Nov (15th).
    const weeks = ['2026-11-22', '2026-11-15'];
    // Months: December (1st), November (30th), then the last day of October back to January 2026.
    const months = ['2026-10-31', '2026-09-30', '2026-08-31', '2026-07-31', '2026-06-30', '2026-05-31', '2026-04-30', '2026-03-31', '2026-02-28', '2026-01-31'];
    const expected = [
      ...[...days, ...weeks, ...months].map((day) => `b-${day}T19:00:00.000Z-daily`),
      ...['2026-09-01T08:00:00.000Z', '2026-10-05T08:00:00.000Z', '2026-11-30T08:00:00.000Z'].map((at) => `b-${at}-before-update`),
    ].sort();
    expect(kept).toEqual(expected);
    expect(kept).toHaveLength(22);
  });

  it('always keeps the newest, even alone', () => {
    expect([...backupsToKeep([info('2026-12-01T07:00:00.000Z', 'before-update')])]).toEqual(['b-2026-12-01T07:00:00.000Z-before-update']);
  });

  it('prunes as it goes: ten days of daily backups leave seven', async () => {
    const dir = dirs.make();
    const { core, clock } = deskWithContacts(dir, 1, '2026-11-20T08:00:00Z');
    try {
      for (let day = 0; day < 10; day++) {
        must(await core.call('backup.now', {}));
        clock.advance(86_400_000);
      }
      const listed = status(core).backups;
      // The last 7 days (23 to 29 November), and the newest of the week before (Sunday 22nd); Friday 20 and Saturday 21 go.
      expect(listed.map((backup) => backup.createdAt.slice(0, 10))).toEqual(['2026-11-29', '2026-11-28', '2026-11-27', '2026-11-26', '2026-11-25', '2026-11-24', '2026-11-23', '2026-11-22']);
      expect(readdirSync(path.join(dir, 'backups'))).toHaveLength(listed.length * 2);
    } finally {
      core.close();
    }
  });
});

describe('a second folder', () => {
  it('gets a copy of each backup; one that is missing is refused when set, and one that goes later is said in words while the backup itself is still made', async () => {
    const dir = dirs.make();
    const second = dirs.make();
    const { core, clock } = deskWithContacts(dir, 2);
    try {
      const refused = core.invoke('backup.configure', { secondFolder: path.join(second, 'missing') });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'secondFolder' } });
      expect(JSON.stringify(refused)).toMatch(/cannot be found/);
      expect(status(core).secondFolder).toBeNull();
      expect(must(core.call('backup.configure', { secondFolder: second })).secondFolder).toBe(second);
      const made = must(await core.call('backup.now', {}));
      const name = made.backups[0]?.name ?? '';
      expect(readdirSync(second).sort()).toEqual([name, `${name}.json`]);
      expect(readFileSync(path.join(second, name)).equals(readFileSync(path.join(dir, 'backups', name)))).toBe(true);
      // The network share goes away.
      rmSync(second, { recursive: true });
      writeFileSync(second, 'not a folder any more');
      clock.advance(3600_000);
      const after = must(await core.call('backup.now', {}));
      expect(after.backups).toHaveLength(2);
      expect(after.lastError).toBeNull();
      expect(after.secondFolderError?.message).toMatch(/^“.*” is not a folder: a file stands where the backups should go\. Move the file away, or choose another folder\./);
    } finally {
      core.close();
    }
  });
});

describe('before an update to a new version', () => {
  it('a checked copy of the database as it was is made before the update, holding what was recorded', () => {
    const dir = dirs.make();
    // This PC ran the version before the practice network (schema 3): its database is made here, then the network's tables taken out.
    const before = openTestCore(dir, { clock: new FakeClock('2026-11-23T09:00:00Z') });
    const ada = must(before.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    for (let i = 0; i < 4; i++) must(before.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
    before.close();
    const raw = new Database(path.join(dir, 'contactcap.db'));
    for (const table of ['network_self', 'network_members', 'network_set_aside', 'network_alarms', 'unprojected_events', 'removed_pcs']) raw.exec(`DROP TABLE ${table}`);
    // And schema 5's event chain.
    raw.exec('DROP TRIGGER events_chain_head; DROP TABLE event_chains; ALTER TABLE events DROP COLUMN actor; ALTER TABLE events DROP COLUMN prev_hash;');
    // And schema 6's sealed identifiers.
    raw.exec('DROP TABLE identifier_keys; DROP TABLE identifier_erasures; ALTER TABLE redirections DROP COLUMN sealed; ALTER TABLE deferrals DROP COLUMN sealed;');
    raw.pragma('user_version = 3');
    raw.close();
    const updated = openTestCore(dir, { clock: new FakeClock('2026-11-24T08:00:00Z') });
    try {
      const [backup] = status(updated).backups;
      expect(backup).toMatchObject({ kind: 'before-update', createdAt: '2026-11-24T08:00:00.000Z', counts: { contacts: 4, clinicians: 1 } });
      const copy = new Database(path.join(dir, 'backups', backup?.name ?? ''), { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(3);
      copy.close();
      expect(must(updated.call('system.status', {})).notices).toEqual([]);
    } finally {
      updated.close();
    }
    // No update, no copy.
    const again = openTestCore(dir);
    try {
      expect(status(again).backups).toHaveLength(1);
    } finally {
      again.close();
    }
  });
});

describe('a PC stopped dead during a backup', () => {
  it('leaves the earlier backups and the database exactly as they were; the next backup clears what it left', async () => {
    const dir = dirs.make();
    seedHistory(dir, 60_000);
    const desk = openTestCore(dir);
    const earlier = must(await desk.call('backup.now', {})).backups;
    desk.close();
    const folder = path.join(dir, 'backups');
    const earlierBytes = earlier.map((backup) => readFileSync(path.join(folder, backup.name)));
    const databaseBefore = (() => {
      const db = new Database(path.join(dir, 'contactcap.db'), { readonly: true });
      try {
        return db.prepare('SELECT count(*) AS events, (SELECT count(*) FROM contacts) AS contacts FROM events').get();
      } finally {
        db.close();
      }
    })();

    // Killed as soon as its copy has started to be written.
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'backupChild.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const part = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const found = existsSync(folder) ? readdirSync(folder).find((name) => /\.part-[0-9a-f]{8}$/.test(name)) : undefined;
        if (found) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve(found);
        }
      }, 2);
      child.once('exit', () => {
        clearInterval(timer);
        reject(new Error(`the backup finished before it could be stopped: ${output}`));
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(output).not.toContain('backed up');
    expect(existsSync(path.join(folder, part))).toBe(true);
    earlier.forEach((backup, i) => expect(readFileSync(path.join(folder, backup.name)).equals(earlierBytes[i] ?? Buffer.alloc(0))).toBe(true));

    const after = openTestCore(dir);
    try {
      expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(after.db.prepare('SELECT count(*) AS events, (SELECT count(*) FROM contacts) AS contacts FROM events').get()).toEqual(databaseBefore);
      expect(status(after).backups).toEqual(earlier);
      const next = must(await after.call('backup.now', {}));
      expect(next.backups).toHaveLength(2);
      expect(readdirSync(folder).filter((name) => name.includes('.part-'))).toEqual([]);
    } finally {
      after.close();
    }
  }, 120_000);
});

describe('a backups folder that cannot be written', () => {
  it('says so in words, keeps nothing half-made, and leaves the database as it was', async () => {
    const dir = dirs.make();
    const { core } = deskWithContacts(dir, 2);
    try {
      // A file where the backups folder should be.
      writeFileSync(path.join(dir, 'backups'), 'in the way');
      const answer = await core.invoke('backup.now', {});
      expect(answer).toMatchObject({ ok: false });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^“.*backups” is not a folder: a file stands where the backups should go\./) as unknown } });
      expect(status(core).lastError?.message).toMatch(/is not a folder/);
      expect(must(core.call('contact.listForDay', {})).length).toBe(2);
      rmSync(path.join(dir, 'backups'));
      mkdirSync(path.join(dir, 'backups'));
      expect(must(await core.call('backup.now', {})).lastError).toBeNull();
    } finally {
      core.close();
    }
  });
});
