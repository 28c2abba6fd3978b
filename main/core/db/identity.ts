import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * Gives a database file that is no longer the one this PC has been writing
 * (a restored backup, or one rebuilt after damage) a new device id, so it
 * never hands out a sequence number the old id already used. In a practice
 * network the old id becomes a member, under `label`: whatever it recorded
 * comes back from its record, here or on the other PCs, as another PC's.
 * Runs in one transaction on a plain connection, before the core opens the file.
 */
export function giveNewDeviceId(db: Database.Database, now: number, label: string): { oldId: string | null; newId: string } {
  const newId = randomBytes(8).toString('hex');
  const old = (db.prepare('SELECT device_id FROM device WHERE id = 1').pluck().get() as string | undefined) ?? null;
  const self = db.prepare('SELECT core_key AS coreKey, core_device_id AS coreDeviceId FROM network_self WHERE id = 1').get() as { coreKey: string | null; coreDeviceId: string | null } | undefined;
  db.transaction(() => {
    db.prepare('UPDATE device SET device_id = ? WHERE id = 1').run(newId);
    if (self?.coreKey && self.coreDeviceId && self.coreDeviceId === old) {
      db.prepare('INSERT OR IGNORE INTO network_members (device_id, core_key, name, first_seen) VALUES (?, ?, ?, ?)').run(old, self.coreKey, label, now);
      db.prepare('UPDATE network_self SET core_key = NULL, core_device_id = NULL WHERE id = 1').run();
    }
  })();
  return { oldId: old, newId };
}
