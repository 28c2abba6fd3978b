import { CacheSlot } from '../db/caches.ts';
import { statement, type Store } from '../db/store.ts';

/** This PC's settings as read, kept until one is set. */
const DEVICE_SETTINGS = new CacheSlot<{ values: Map<string, unknown> | null }>('device settings', ['device'], () => ({ values: null }));

/** This PC's own settings, kept outside the event log: they are not practice data and are never synced. */
export function getDeviceSetting(store: Store, key: string): unknown {
  const kept = store.caches.slot(DEVICE_SETTINGS);
  if (!kept.values) {
    const rows = statement(store, 'SELECT key, value FROM device_settings').all() as { key: string; value: string }[];
    kept.values = new Map(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  }
  return kept.values.get(key);
}

export function setDeviceSetting(store: Store, key: string, value: unknown): void {
  statement(store, 'INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  store.caches.changed({ kind: 'device' });
}

export function pendingMaintenance(store: Store): string[] {
  return statement(store, 'SELECT task FROM maintenance ORDER BY task').pluck().all() as string[];
}

export function finishMaintenance(store: Store, task: string): void {
  statement(store, 'DELETE FROM maintenance WHERE task = ?').run(task);
}
