import type Database from 'better-sqlite3';
import { statement } from '../db/statements.ts';

const cache = new WeakMap<Database.Database, Map<string, unknown>>();

/** This PC's own settings, kept outside the event log: they are not practice data and are never synced. */
export function getDeviceSetting(db: Database.Database, key: string): unknown {
  let values = cache.get(db);
  if (!values) {
    const rows = statement(db, 'SELECT key, value FROM device_settings').all() as { key: string; value: string }[];
    values = new Map(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
    cache.set(db, values);
  }
  return values.get(key);
}

export function setDeviceSetting(db: Database.Database, key: string, value: unknown): void {
  touchDevice(db);
  statement(db, 'INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

/** Drops the cached settings (after a change, or a transaction that rolled back). */
export function touchDevice(db: Database.Database): void {
  cache.delete(db);
}

export function pendingMaintenance(db: Database.Database): string[] {
  return statement(db, 'SELECT task FROM maintenance ORDER BY task').pluck().all() as string[];
}

export function finishMaintenance(db: Database.Database, task: string): void {
  statement(db, 'DELETE FROM maintenance WHERE task = ?').run(task);
}
