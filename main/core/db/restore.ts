import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StartupNotice } from '../../../shared/domain.ts';
import { writeFileAtomic } from '../files.ts';
import { BACKUP_FOLDER } from './backups.ts';
import { giveNewDeviceId } from './identity.ts';

/**
 * Restoring a backup: asked for while ContactCap runs (a marker file in the
 * data folder), done at the next start before the database is opened. The
 * database as it was is moved aside, never deleted; the restored one takes a
 * new device id, so this PC never reuses a sequence number it already gave out.
 */

export const RESTORE_MARKER = 'restore-pending.json';

export interface RestoreRequest {
  /** The backup's file name in the backups folder. */
  backup: string;
  /** When the backup was made. */
  createdAt: string;
  requestedAt: string;
}

export function pendingRestore(dataDir: string): RestoreRequest | null {
  try {
    const value = JSON.parse(readFileSync(path.join(dataDir, RESTORE_MARKER), 'utf8')) as Partial<RestoreRequest>;
    return typeof value.backup === 'string' && typeof value.createdAt === 'string' && typeof value.requestedAt === 'string' ? (value as RestoreRequest) : null;
  } catch {
    return null;
  }
}

export function requestRestore(dataDir: string, request: RestoreRequest): void {
  writeFileAtomic(path.join(dataDir, RESTORE_MARKER), `${JSON.stringify(request, null, 2)}\n`);
}

export function cancelRestore(dataDir: string): void {
  rmSync(path.join(dataDir, RESTORE_MARKER), { force: true });
}

const SIDE_FILES = ['', '-wal', '-shm'];

function stampOf(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

/**
 * Does a restore that was asked for, if any: the current database (with its
 * write-ahead log) moved aside as `contactcap.db.before-restore-<time>`, the
 * backup copied into place, and a new device id given to it. Answers the
 * notice to show; on any failure the database is put back as it was.
 */
export function applyPendingRestore(dataDir: string, file: string, now: number): StartupNotice | null {
  const request = pendingRestore(dataDir);
  if (!existsSync(path.join(dataDir, RESTORE_MARKER))) return null;
  cancelRestore(dataDir);
  const when = request ? new Date(request.createdAt).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }) : '';
  const source = request ? path.join(dataDir, BACKUP_FOLDER, request.backup) : '';
  if (!request || !existsSync(source)) {
    return { kind: 'backup_failed', file, message: 'A restore was asked for, but that backup is no longer in the backups folder, so nothing was restored. This PC carries on with its database as it was.' };
  }
  const aside = `${file}.before-restore-${stampOf(now)}`;
  const moved: string[] = [];
  const restoring = `${file}.restoring`;
  try {
    for (const suffix of SIDE_FILES) {
      if (!existsSync(`${file}${suffix}`)) continue;
      renameSync(`${file}${suffix}`, `${aside}${suffix}`);
      moved.push(suffix);
    }
    copyFileSync(source, restoring);
    const db = new Database(restoring);
    try {
      db.pragma('journal_mode = DELETE');
      giveNewDeviceId(db, now, 'This PC before its restore');
    } finally {
      db.close();
    }
    renameSync(restoring, file);
  } catch (error) {
    rmSync(restoring, { force: true });
    for (const suffix of moved) renameSync(`${aside}${suffix}`, `${file}${suffix}`);
    return {
      kind: 'backup_failed',
      file,
      message: `The backup of ${when} could not be restored (${error instanceof Error ? error.message : String(error)}), so this PC carries on with its database as it was. Nothing was lost.`,
    };
  }
  return {
    kind: 'database_restored',
    file: aside,
    message: `The backup of ${when} was restored, and this PC now has a new identity in the practice's records. The database as it was is kept, not deleted, at "${aside}". Anything recorded on this PC since that backup is in that copy; in a practice network it comes back from the other PCs.`,
  };
}
