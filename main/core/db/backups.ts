import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DomainError, errorCodeOf, isDiskFull, isReadOnly } from '../errors.ts';
import { namesIn, syncFolder, writeNewFile } from '../files.ts';
import { driverPath } from './integrityCheck.ts';

/**
 * Backups of this PC's database: copies made with SQLite's online backup API
 * while the desk carries on, each checked with integrity_check before it
 * counts, then renamed into place with a small description beside it. A copy
 * that fails its check, or a PC stopped part-way, never replaces anything: the
 * earlier backups and the database stay exactly as they were.
 */

export type BackupKind = 'daily' | 'close' | 'before-update' | 'by-hand';

/** The backups' folder inside the data folder. */
export const BACKUP_FOLDER = 'backups';

export interface BackupInfo {
  /** The backup file's name in its folder: contactcap-backup-2026-12-02-0705-daily.db */
  name: string;
  kind: BackupKind;
  createdAt: string;
  bytes: number;
  schemaVersion: number;
  /** The device id in the copy (a restore takes a new one). */
  deviceId: string | null;
  practiceName: string | null;
  counts: { events: number; contacts: number; clinicians: number };
  /** When the newest event in it was recorded. */
  lastEventAt: string | null;
}

const DESCRIPTION = '.json';
const PART = /^\.contactcap-backup-.*\.part-[0-9a-f]{8}$/;

export function backupName(kind: BackupKind, at: number): string {
  const when = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  // UTC in the name keeps names in order across the clock change; the description holds the instant.
  const stamp = `${when.getUTCFullYear()}-${pad(when.getUTCMonth() + 1)}-${pad(when.getUTCDate())}-${pad(when.getUTCHours())}${pad(when.getUTCMinutes())}${pad(when.getUTCSeconds())}`;
  return `contactcap-backup-${stamp}-${kind}.db`;
}

/** What is in a backup (or any ContactCap database file), read through its own read-only connection. */
const DESCRIBE_SQL = {
  events: 'SELECT count(*) FROM events',
  contacts: 'SELECT count(*) FROM contacts',
  clinicians: "SELECT count(*) FROM config WHERE entity = 'clinician'",
  lastEvent: 'SELECT max(wall_time) FROM events',
  deviceId: 'SELECT device_id FROM device WHERE id = 1',
  practiceName: "SELECT json_extract(data, '$.practiceName') FROM config WHERE entity = 'settings'",
};

// Plain CommonJS in a worker thread: the copy and its check read the whole
// database, which on five years' history takes seconds the desk must not wait.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
async function run() {
  const source = new Database(workerData.source, { readonly: true, fileMustExist: true, timeout: 10000 });
  try {
    await source.backup(workerData.temp);
  } finally {
    source.close();
  }
  // The copy stands on its own: no write-ahead log beside it.
  const copy = new Database(workerData.temp, { fileMustExist: true });
  let described;
  try {
    copy.pragma('journal_mode = DELETE');
    const rows = copy.pragma('integrity_check(20)');
    const problems = rows.map((row) => Object.values(row)[0]).filter((line) => line !== 'ok');
    if (problems.length > 0) throw Object.assign(new Error(problems.join('; ')), { code: 'BACKUP_CHECK_FAILED' });
    const one = (sql) => { try { return copy.prepare(sql).pluck().get(); } catch { return null; } };
    described = {
      schemaVersion: copy.pragma('user_version', { simple: true }),
      events: one(workerData.sql.events) ?? 0,
      contacts: one(workerData.sql.contacts) ?? 0,
      clinicians: one(workerData.sql.clinicians) ?? 0,
      lastEvent: one(workerData.sql.lastEvent),
      deviceId: one(workerData.sql.deviceId),
      practiceName: one(workerData.sql.practiceName),
    };
  } finally {
    copy.close();
  }
  const fd = fs.openSync(workerData.temp, 'r+');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  return described;
}
run().then(
  (described) => parentPort.postMessage({ ok: true, described }),
  (error) => parentPort.postMessage({ ok: false, code: String((error && error.code) || ''), message: String((error && error.message) || error) }),
);
`;

interface Described {
  schemaVersion: number;
  events: number;
  contacts: number;
  clinicians: number;
  lastEvent: number | null;
  deviceId: string | null;
  practiceName: string | null;
}

function infoFrom(name: string, kind: BackupKind, at: number, bytes: number, described: Described): BackupInfo {
  return {
    name,
    kind,
    createdAt: new Date(at).toISOString(),
    bytes,
    schemaVersion: described.schemaVersion,
    deviceId: described.deviceId,
    practiceName: described.practiceName,
    counts: { events: described.events, contacts: described.contacts, clinicians: described.clinicians },
    lastEventAt: described.lastEvent === null ? null : new Date(described.lastEvent).toISOString(),
  };
}

/** Puts a checked copy and its description in place: the description last, so a backup with one is complete. */
function place(folder: string, temp: string, info: BackupInfo): void {
  const target = path.join(folder, info.name);
  renameSync(temp, target);
  const describedTemp = `${temp}${DESCRIPTION}`;
  writeNewFile(describedTemp, `${JSON.stringify(info, null, 2)}\n`);
  renameSync(describedTemp, `${target}${DESCRIPTION}`);
  syncFolder(folder);
}

function tempIn(folder: string, name: string): string {
  return path.join(folder, `.${name}.part-${randomBytes(4).toString('hex')}`);
}

function discard(temp: string): void {
  for (const file of [temp, `${temp}${DESCRIPTION}`, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) {
    try {
      rmSync(file, { force: true });
    } catch {
      // Left for removeBackupLeftovers.
    }
  }
}

/** A backup failure as a sentence for the practice manager. */
export function explainBackupError(error: unknown, folder: string): DomainError {
  if (error instanceof DomainError) return error;
  const code = errorCodeOf(error);
  if (code === 'BACKUP_CHECK_FAILED' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new DomainError('internal', 'The backup copy failed its check, so it was thrown away and the earlier backups were kept. Tell IT support: the database itself may need looking at.');
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new DomainError('invalid_input', `“${folder}” is not a folder: a file stands where the backups should go. Move the file away, or choose another folder.`, 'folder');
  }
  if (code === 'ENOENT') return new DomainError('invalid_input', `The backup folder “${folder}” cannot be found. Check it exists and, if it is on another disk or a network drive, that it is connected.`, 'folder');
  if (isDiskFull(code) || code === 'SQLITE_FULL') return new DomainError('storage_full', `The disk holding the backup folder “${folder}” is full. Free some space there, or choose another folder. The earlier backups were kept.`, 'folder');
  if (isReadOnly(code) || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return new DomainError('storage_read_only', `ContactCap is not allowed to save backups in “${folder}”. Ask IT to let this PC write there, or choose another folder.`, 'folder');
  }
  return new DomainError('internal', `The backup could not be made in “${folder}” (${code || (error instanceof Error ? error.message : String(error))}). The earlier backups were kept.`, 'folder');
}

export interface BackupOptions {
  /** The live database file. */
  source: string;
  folder: string;
  kind: BackupKind;
  now: number;
}

/** Copies the database with the online backup API in a worker thread, checks the copy, and puts it in place. */
export function makeBackup(options: BackupOptions): Promise<BackupInfo> {
  const { folder, kind, now } = options;
  const name = backupName(kind, now);
  let temp = '';
  return new Promise<BackupInfo>((resolve, reject) => {
    try {
      mkdirSync(folder, { recursive: true });
      temp = tempIn(folder, name);
    } catch (error) {
      reject(explainBackupError(error, folder));
      return;
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source: options.source, temp, driver: driverPath(), sql: DESCRIBE_SQL } });
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      discard(temp);
      reject(explainBackupError(error, folder));
    };
    worker.once('message', (message: { ok: true; described: Described } | { ok: false; code: string; message: string }) => {
      if (!message.ok) {
        fail(Object.assign(new Error(message.message), { code: message.code }));
        return;
      }
      try {
        const info = infoFrom(name, kind, now, statSync(temp).size, message.described);
        place(folder, temp, info);
        settled = true;
        resolve(info);
      } catch (error) {
        fail(error);
      }
    });
    worker.once('error', fail);
    worker.once('exit', () => fail(new Error('the backup stopped before it finished')));
  });
}

/**
 * A copy made at start-up before the database is updated to a new version:
 * the desk is not open yet, so it runs here, with VACUUM INTO, and is checked
 * before the update goes ahead.
 */
export function backupBeforeUpdate(db: Database.Database, folder: string, now: number): BackupInfo {
  const name = backupName('before-update', now);
  mkdirSync(folder, { recursive: true });
  const temp = tempIn(folder, name);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    const copy = new Database(temp, { fileMustExist: true });
    let described: Described;
    try {
      copy.pragma('journal_mode = DELETE');
      const problems = (copy.pragma('quick_check(20)') as Record<string, string>[]).map((row) => Object.values(row)[0]).filter((line) => line !== 'ok');
      if (problems.length > 0) throw Object.assign(new Error(problems.join('; ')), { code: 'BACKUP_CHECK_FAILED' });
      const one = (sql: string): unknown => {
        try {
          return copy.prepare(sql).pluck().get();
        } catch {
          return null;
        }
      };
      described = {
        schemaVersion: copy.pragma('user_version', { simple: true }) as number,
        events: (one(DESCRIBE_SQL.events) as number | null) ?? 0,
        contacts: (one(DESCRIBE_SQL.contacts) as number | null) ?? 0,
        clinicians: (one(DESCRIBE_SQL.clinicians) as number | null) ?? 0,
        lastEvent: one(DESCRIBE_SQL.lastEvent) as number | null,
        deviceId: one(DESCRIBE_SQL.deviceId) as string | null,
        practiceName: one(DESCRIBE_SQL.practiceName) as string | null,
      };
    } finally {
      copy.close();
    }
    const info = infoFrom(name, 'before-update', now, statSync(temp).size, described);
    place(folder, temp, info);
    return info;
  } catch (error) {
    discard(temp);
    throw explainBackupError(error, folder);
  }
}

/** The backups in a folder with their descriptions, newest first; a file without one is not a finished backup and is not listed. */
export function listBackups(folder: string): BackupInfo[] {
  const found: BackupInfo[] = [];
  for (const name of namesIn(folder)) {
    if (!name.startsWith('contactcap-backup-') || !name.endsWith('.db')) continue;
    try {
      const info = JSON.parse(readFileSync(path.join(folder, `${name}${DESCRIPTION}`), 'utf8')) as BackupInfo;
      if (info.name === name && existsSync(path.join(folder, name))) found.push(info);
    } catch {
      // No description: a copy stopped before it was finished, or not ours.
    }
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Removes what a backup stopped part-way left behind: its temporary files only, never a finished backup. */
export function removeBackupLeftovers(folder: string): string[] {
  const removed: string[] = [];
  for (const name of namesIn(folder)) {
    const base = name.endsWith(DESCRIPTION) ? name.slice(0, -DESCRIPTION.length) : name.replace(/-(journal|wal|shm)$/, '');
    if (!PART.test(base)) continue;
    try {
      rmSync(path.join(folder, name), { force: true });
      removed.push(name);
    } catch {
      // Still held: the next run tries again.
    }
  }
  return removed;
}

/** Kept: every backup of the last 24 hours, then 7 daily, 4 weekly and 12 monthly, and the 3 newest made before an update. */
export const KEEP = { recentMs: 24 * 3600_000, days: 7, weeks: 4, months: 12, beforeUpdate: 3 };

/** Monday of the UTC week holding `at`, as yyyy-mm-dd. */
function weekOf(at: number): string {
  const day = new Date(at);
  const monday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - ((day.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * Which backups to keep: every one made within 24 hours of the newest; the
 * newest of each of the last 7 days that have one, of the last 4 weeks and of
 * the last 12 months; the 3 newest made before an update; and always the
 * newest of all. Everything else may go.
 */
export function backupsToKeep(backups: readonly BackupInfo[]): Set<string> {
  const keep = new Set<string>();
  const regular = backups.filter((backup) => backup.kind !== 'before-update').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const newestPer = (key: (at: number) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of regular) {
      const bucket = key(Date.parse(backup.createdAt));
      if (seen.has(bucket)) continue;
      if (seen.size >= count) break;
      seen.add(bucket);
      keep.add(backup.name);
    }
  };
  newestPer((at) => new Date(at).toISOString().slice(0, 10), KEEP.days);
  newestPer(weekOf, KEEP.weeks);
  newestPer((at) => new Date(at).toISOString().slice(0, 7), KEEP.months);
  for (const backup of backups.filter((each) => each.kind === 'before-update').sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, KEEP.beforeUpdate)) keep.add(backup.name);
  const newest = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (newest) {
    const since = Date.parse(newest.createdAt) - KEEP.recentMs;
    for (const backup of backups) if (Date.parse(backup.createdAt) >= since) keep.add(backup.name);
  }
  return keep;
}

/** Deletes the backups the schedule no longer keeps; answers their names. */
export function pruneBackups(folder: string): string[] {
  const backups = listBackups(folder);
  const keep = backupsToKeep(backups);
  const removed: string[] = [];
  for (const backup of backups) {
    if (keep.has(backup.name)) continue;
    try {
      rmSync(path.join(folder, backup.name), { force: true });
      rmSync(path.join(folder, `${backup.name}${DESCRIPTION}`), { force: true });
      removed.push(backup.name);
    } catch {
      // Kept for now: the next prune tries again.
    }
  }
  return removed;
}
