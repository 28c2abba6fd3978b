import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import type { BackupStatus } from '../../../shared/backups.ts';
import { write, type CoreContext } from '../context.ts';
import { BACKUP_FOLDER, explainBackupError, listBackups, makeBackup, pruneBackups, removeBackupLeftovers, type BackupInfo, type BackupKind } from '../db/backups.ts';
import { CacheSlot } from '../db/caches.ts';
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
  };
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
