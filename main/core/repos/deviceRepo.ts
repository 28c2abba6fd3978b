import type Database from 'better-sqlite3';
import { statement } from '../db/statements.ts';

/** This PC's own settings, kept outside the event log: they are not practice data and are never synced. */
export function getDeviceSetting(db: Database.Database, key: string): unknown {
  const value = statement(db, 'SELECT value FROM device_settings WHERE key = ?').pluck().get(key) as string | undefined;
  return value === undefined ? undefined : (JSON.parse(value) as unknown);
}

export function setDeviceSetting(db: Database.Database, key: string, value: unknown): void {
  statement(db, 'INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function pendingMaintenance(db: Database.Database): string[] {
  return statement(db, 'SELECT task FROM maintenance ORDER BY task').pluck().all() as string[];
}

export function finishMaintenance(db: Database.Database, task: string): void {
  statement(db, 'DELETE FROM maintenance WHERE task = ?').run(task);
}
