import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../main/core/db/dataDir.ts';
import type { Core } from '../../main/core/createCore.ts';
import { FakeClock, must, openTestCore } from './fixtures.ts';

/** The day every damage test records on, and reopens on. */
export const DAY = '2026-11-23T09:00:00Z';

/** Records `count` contacts for one uncapped clinician and answers their ids: each one acknowledged by the core. */
export function recordContacts(core: Core, count: number): string[] {
  const clinicianId = must(core.call('clinician.list', {})).find((each) => each.name === 'Dr Ada Patel')?.id ?? must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', capped: false })).id;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(must(core.call('contact.record', { clinicianId, typeId: 'telephone' })).id);
  return ids;
}

/** Copies a data folder (the database's files and the backups) as it stands: a running core's copy is what a PC stopped dead leaves. */
export function copyFolder(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name.endsWith('.lock') || entry.name === 'instance.lock') continue;
    if (entry.isDirectory()) copyFolder(path.join(from, entry.name), path.join(to, entry.name));
    else copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

export function databaseIn(dir: string): string {
  return path.join(dir, DATABASE_FILE);
}

/**
 * Opens the folder as the next start would, lets the background check run
 * (damage it finds is rebuilt while running), and answers how many of
 * `acknowledged` are missing, with the notices shown.
 */
export async function reopenAndCount(dir: string, acknowledged: readonly string[]): Promise<{ lost: number; notices: { kind: string; message: string; file: string }[]; core: Core }> {
  const core = openTestCore(dir, { clock: new FakeClock(DAY), integrityCheck: 'background' });
  await core.integrity;
  const held = new Set((core.db.prepare('SELECT id FROM contacts').pluck().all() as string[]));
  const lost = acknowledged.filter((id) => !held.has(id)).length;
  return { lost, notices: must(core.call('system.status', {})).notices, core };
}

export function exists(file: string): boolean {
  return existsSync(file);
}
