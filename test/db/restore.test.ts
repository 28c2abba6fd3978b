import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupStatus } from '../../shared/backups.ts';
import { FakeClock, must, openTestCore, tempDirs } from '../helpers/fixtures.ts';

/**
 * Issue 10 §3: a backup restored. Asked for while ContactCap runs, done at the
 * next start; the database as it was is kept; the restored one takes a new
 * device id; a damaged backup or another practice's is refused, changing nothing.
 */
const dirs = tempDirs();
afterEach(() => dirs.removeAll());

type Opened = ReturnType<typeof openTestCore>;
const status = (core: Opened): BackupStatus => must(core.call('backup.status', {}));
const contacts = (core: Opened): number => core.db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;

/** A desk with Dr Ada Patel and `count` contacts, a backup made after them. */
async function deskWithBackup(dir: string, count: number): Promise<{ core: Opened; ada: string; backup: string; clock: FakeClock }> {
  const clock = new FakeClock('2026-11-23T09:00:00Z');
  const core = openTestCore(dir, { clock });
  must(core.call('device.update', { deviceName: 'Reception 1', staffName: 'JB' }));
  const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 100 })).id;
  for (let i = 0; i < count; i++) must(core.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
  const backup = must(await core.call('backup.now', {})).backups[0]?.name ?? '';
  clock.advance(3600_000);
  return { core, ada, backup, clock };
}

describe('restoring a backup', () => {
  it('is done at the next start: the backup’s records, a new device id, and the database as it was kept beside it', async () => {
    const dir = dirs.make();
    const { core, ada, backup } = await deskWithBackup(dir, 3);
    must(core.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
    must(core.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
    const oldId = core.deviceId;
    const asked = must(await core.call('backup.restore', { name: backup }));
    expect(asked.restorePending).toEqual({ name: backup, createdAt: '2026-11-23T09:00:00.000Z' });
    // Nothing changes until the next start.
    expect(contacts(core)).toBe(5);
    core.close();

    // A morning clock: a contact recorded in the evening would find the clinician finished for today.
    const restored = openTestCore(dir, { clock: new FakeClock('2026-11-23T10:00:00Z') });
    try {
      expect(contacts(restored)).toBe(3);
      expect(restored.deviceId).not.toBe(oldId);
      expect(restored.deviceId).toMatch(/^[0-9a-f]{16}$/);
      const notice = must(restored.call('system.status', {})).notices.find((each) => each.kind === 'database_restored');
      expect(notice?.message).toMatch(/^The backup of 23 Nov 2026, 09:00 was restored, and this PC now has a new identity.*kept, not deleted, at ".*contactcap\.db\.before-restore-.*"/);
      expect(status(restored).restorePending).toBeNull();
      // The database as it was: all five contacts, under the old device id.
      const aside = readdirSync(dir).find((name) => /^contactcap\.db\.before-restore-[^-]/.test(name) && !/-(wal|shm)$/.test(name)) ?? '';
      const kept = new Database(path.join(dir, aside), { readonly: true });
      expect(kept.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(5);
      expect(kept.prepare('SELECT device_id FROM device').pluck().get()).toBe(oldId);
      kept.close();
      // New records start the new device id's own sequence; the old id's stay as they were.
      must(restored.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
      expect(restored.db.prepare('SELECT seq FROM events WHERE origin = ?').pluck().all(restored.deviceId)).toEqual([1]);
      expect(restored.db.prepare('SELECT count(*) FROM events WHERE origin = ?').pluck().get(oldId)).toBeGreaterThan(3);
    } finally {
      restored.close();
    }
    // Only once.
    const again = openTestCore(dir);
    try {
      expect(contacts(again)).toBe(4);
    } finally {
      again.close();
    }
  });

  it('taken back before the next start, restores nothing', async () => {
    const dir = dirs.make();
    const { core, ada, backup } = await deskWithBackup(dir, 2);
    must(core.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
    must(await core.call('backup.restore', { name: backup }));
    expect(must(core.call('backup.cancelRestore', {})).restorePending).toBeNull();
    const id = core.deviceId;
    core.close();
    const reopened = openTestCore(dir);
    try {
      expect(contacts(reopened)).toBe(3);
      expect(reopened.deviceId).toBe(id);
    } finally {
      reopened.close();
    }
  });

  it('refuses a backup from another practice, saying so, and asks for nothing', async () => {
    const dir = dirs.make();
    const { core } = await deskWithBackup(dir, 2);
    const elsewhere = dirs.make();
    const other = await deskWithBackup(elsewhere, 4);
    other.core.close();
    // Someone copies the other practice's backup (and its description) into this PC's backups folder.
    for (const file of [other.backup, `${other.backup}.json`]) cpSync(path.join(elsewhere, 'backups', file), path.join(dir, 'backups', file));
    try {
      const answer = await core.invoke('backup.restore', { name: other.backup });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
      expect(JSON.stringify(answer)).toContain('That backup is from another practice’s ContactCap: none of its records are in this PC’s. It cannot be restored here. Nothing was changed.');
      expect(status(core).restorePending).toBeNull();
      expect(existsSync(path.join(dir, 'restore-pending.json'))).toBe(false);
    } finally {
      core.close();
    }
  });

  it('refuses a backup damaged since it was made, and one that is no longer there', async () => {
    const dir = dirs.make();
    const { core, backup } = await deskWithBackup(dir, 2);
    try {
      const file = path.join(dir, 'backups', backup);
      const db = new Database(file);
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX contacts_by_day_clinician ON contacts (clinician_id, practice_day, order_key, hlc)' WHERE name = 'contacts_by_day_clinician'").run();
      db.close();
      const damaged = await core.invoke('backup.restore', { name: backup });
      expect(JSON.stringify(damaged)).toContain('That backup does not pass its check any more');
      const missing = await core.invoke('backup.restore', { name: 'contactcap-backup-2026-01-01-090000-daily.db' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', field: 'name' } });
      expect(status(core).restorePending).toBeNull();
    } finally {
      core.close();
    }
  });

  it('a backup gone by the next start: said in words, and the database carries on as it was', async () => {
    const dir = dirs.make();
    const { core, backup } = await deskWithBackup(dir, 2);
    must(await core.call('backup.restore', { name: backup }));
    const id = core.deviceId;
    core.close();
    rmSync(path.join(dir, 'backups', backup));
    const reopened = openTestCore(dir);
    try {
      expect(contacts(reopened)).toBe(2);
      expect(reopened.deviceId).toBe(id);
      expect(must(reopened.call('system.status', {})).notices.map((notice) => notice.message)).toEqual([
        'A restore was asked for, but that backup is no longer in the backups folder, so nothing was restored. This PC carries on with its database as it was.',
      ]);
    } finally {
      reopened.close();
    }
  });
});
