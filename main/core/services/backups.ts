import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import type { BackupStatus } from '../../../shared/backups.ts';
import { write, type CoreContext } from '../context.ts';
import { BACKUP_FOLDER, explainBackupError, listBackups, makeBackup, pruneBackups, removeBackupLeftovers, type BackupInfo, type BackupKind } from '../db/backups.ts';
import { CacheSlot } from '../db/caches.ts';
import { checkIntegrityInBackground } from '../db/integrityCheck.ts';
import { cancelRestore, pendingRestore, requestRestore } from '../db/restore.ts';
import { DomainError } from '../errors.ts';
import { getDeviceSetting, setDeviceSetting } from '../repos/deviceRepo.ts';
import { assertWritableFolder } from './exports.ts';

/**
 * This PC's backups: one a day (the first chance after the practice day
 * starts), one on a clean close, one before each update, and by hand; kept on
 * a schedule (7 daily, 4 weekly, 12 monthly); optionally copied to a second
 * folder (another disk or a network share). The desk never waits for one.
 */

interface BackupConfig {
  /** A second folder each backup is also copied to, or null. */
  secondFolder: string | null;
}

interface BackupState {
  lastError: { at: string; message: string } | null;
  secondFolderError: { at: string; message: string } | null;
}


/** The second folder backups are also copied to, or null. */
export function secondBackupFolder(ctx: CoreContext): string | null {
  return readConfig(ctx).secondFolder;
}

function readConfig(ctx: CoreContext): BackupConfig {
  return { secondFolder: null, ...(getDeviceSetting(ctx, 'backups') as Partial<BackupConfig> | undefined) };
}

function readState(ctx: CoreContext): BackupState {
  return { lastError: null, secondFolderError: null, ...(getDeviceSetting(ctx, 'backupState') as Partial<BackupState> | undefined) };
}

function saveState(ctx: CoreContext, state: BackupState): void {
  write(ctx, () => setDeviceSetting(ctx, 'backupState', state));
}

/** Whether a backup is being made now: one at a time for each core. */
const RUN = new CacheSlot<{ running: Promise<BackupInfo> | null }>('backup run', [], () => ({ running: null }));

export function backupFolderOf(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), BACKUP_FOLDER);
}

export function backupStatus(ctx: CoreContext, databaseFile: string): BackupStatus {
  const folder = backupFolderOf(databaseFile);
  const state = readState(ctx);
  const backups = listBackups(folder);
  return {
    folder,
    secondFolder: readConfig(ctx).secondFolder,
    backups: backups.map((backup) => ({ name: backup.name, kind: backup.kind, createdAt: backup.createdAt, bytes: backup.bytes, counts: backup.counts, lastEventAt: backup.lastEventAt })),
    lastError: state.lastError,
    secondFolderError: state.secondFolderError,
    dueToday: !backups.some((backup) => practiceDayOf(Date.parse(backup.createdAt)) === practiceDayOf(ctx.clock.now())),
    restorePending: pendingOf(databaseFile),
  };
}

function pendingOf(databaseFile: string): BackupStatus['restorePending'] {
  const request = pendingRestore(path.dirname(databaseFile));
  return request ? { name: request.backup, createdAt: request.createdAt } : null;
}

/** What a database file holds, read through its own read-only connection: its schema, and the first records of each PC in it. */
function firstRecordsOf(file: string): { schemaVersion: number; first: { origin: string; seq: number; hash: string }[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      first: db.prepare('SELECT origin, seq, hash FROM events WHERE seq <= 3').all() as { origin: string; seq: number; hash: string }[],
    };
  } finally {
    db.close();
  }
}

/**
 * Asks for a backup to be restored at the next start, once it has passed its
 * check again and is shown to be this practice's: it must share records with
 * this PC's database (a backup from another practice shares none).
 */
export async function requestBackupRestore(ctx: CoreContext, databaseFile: string, input: ParsedInputOf<'backup.restore'>): Promise<BackupStatus> {
  const folder = backupFolderOf(databaseFile);
  const backup = listBackups(folder).find((each) => each.name === input.name);
  if (!backup) throw new DomainError('not_found', 'That backup is no longer in the backups folder. Look at the list again and choose another.', 'name');
  const file = path.join(folder, backup.name);
  const checked = await checkIntegrityInBackground(file, true).result;
  if (checked.status !== 'ok') {
    throw new DomainError('invalid_input', 'That backup does not pass its check any more (the file has been damaged since it was made), so it cannot be restored. Choose an earlier one.', 'name');
  }
  const theirs = firstRecordsOf(file);
  const ours = ctx.db.pragma('user_version', { simple: true }) as number;
  if (theirs.schemaVersion > ours) throw new DomainError('invalid_input', 'That backup was made by a newer version of ContactCap. Install that version on this PC first. Nothing was changed.', 'name');
  const held = ctx.db.prepare('SELECT hash FROM events WHERE origin = ? AND seq = ?');
  const ownRecords = ctx.db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined;
  const shared = theirs.first.some((event) => (held.pluck().get(event.origin, event.seq) as string | undefined) === event.hash);
  if (ownRecords && theirs.first.length > 0 && !shared) {
    throw new DomainError('invalid_input', 'That backup is from another practice’s ContactCap: none of its records are in this PC’s. It cannot be restored here. Nothing was changed.', 'name');
  }
  requestRestore(path.dirname(databaseFile), { backup: backup.name, createdAt: backup.createdAt, requestedAt: new Date(ctx.clock.now()).toISOString() });
  return backupStatus(ctx, databaseFile);
}

export function cancelBackupRestore(ctx: CoreContext, databaseFile: string): BackupStatus {
  cancelRestore(path.dirname(databaseFile));
  return backupStatus(ctx, databaseFile);
}

/** Copies a finished backup (and its description) to the second folder, under a temporary name first. */
function copyToSecondFolder(from: string, to: string, info: BackupInfo): void {
  mkdirSync(to, { recursive: true });
  for (const name of [info.name, `${info.name}.json`]) {
    const temp = path.join(to, `.${name}.copying`);
    try {
      copyFileSync(path.join(from, name), temp);
      renameSync(temp, path.join(to, name));
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
  // The second folder keeps the same schedule.
  pruneBackups(to);
}

/** Makes a backup now (waiting for one already under way instead of starting a second). Throws a DomainError in words. */
export async function backUp(ctx: CoreContext, databaseFile: string, kind: BackupKind): Promise<BackupInfo> {
  const run = ctx.caches.slot(RUN);
  if (run.running) return run.running;
  const folder = backupFolderOf(databaseFile);
  const state = readState(ctx);
  const making = (async () => {
    removeBackupLeftovers(folder);
    try {
      const info = await makeBackup({ source: databaseFile, folder, kind, now: ctx.clock.now() });
      state.lastError = null;
      pruneBackups(folder);
      const second = readConfig(ctx).secondFolder;
      if (second) {
        try {
          copyToSecondFolder(folder, second, info);
          state.secondFolderError = null;
        } catch (error) {
          state.secondFolderError = { at: new Date(ctx.clock.now()).toISOString(), message: explainBackupError(error, second).message };
        }
      }
      return info;
    } catch (error) {
      state.lastError = { at: new Date(ctx.clock.now()).toISOString(), message: explainBackupError(error, folder).message };
      throw explainBackupError(error, folder);
    } finally {
      saveState(ctx, state);
    }
  })();
  run.running = making;
  try {
    return await making;
  } finally {
    run.running = null;
  }
}

/** The timer's look: today's backup, if this practice day has none yet. Never throws: a failure is kept for the Backups page. */
export async function backUpIfDue(ctx: CoreContext, databaseFile: string): Promise<void> {
  if (!backupStatus(ctx, databaseFile).dueToday) return;
  try {
    await backUp(ctx, databaseFile, 'daily');
  } catch {
    // Recorded in the state by backUp; tried again at the next look.
  }
}

export function configureBackups(ctx: CoreContext, databaseFile: string, input: ParsedInputOf<'backup.configure'>): BackupStatus {
  const secondFolder = input.secondFolder === undefined || input.secondFolder.trim() === '' ? null : input.secondFolder.trim();
  if (secondFolder !== null) {
    if (path.resolve(secondFolder) === path.resolve(backupFolderOf(databaseFile))) {
      throw new DomainError('invalid_input', 'That is the folder the backups already go to. Choose another disk or a network share.', 'secondFolder');
    }
    try {
      assertWritableFolder(secondFolder);
    } catch (error) {
      throw error instanceof DomainError ? new DomainError(error.code, error.message, 'secondFolder') : error;
    }
  }
  write(ctx, () => setDeviceSetting(ctx, 'backups', { secondFolder } satisfies BackupConfig));
  return backupStatus(ctx, databaseFile);
}
