import path from 'node:path';
import Database from 'better-sqlite3';
import { StartupError, errorCodeOf, isBusy } from '../errors.ts';
import { createOwnerOnly } from './ownerOnly.ts';

export const LOCK_FILE = 'contactcap.lock';

export interface InstanceLock {
  release(): void;
}

/**
 * One ContactCap per data folder. The lock is an exclusive SQLite lock on a tiny
 * file beside the database, held until the app closes; the operating system
 * drops it if the app crashes, so a stale lock never blocks a restart.
 */
export function acquireInstanceLock(dataDir: string, attempts: number, waitMs: number): InstanceLock {
  const file = path.join(dataDir, LOCK_FILE);
  createOwnerOnly(file);
  const lockDb = new Database(file, { timeout: waitMs });
  try {
    lockDb.pragma('locking_mode = EXCLUSIVE');
    for (let attempt = 1; ; attempt++) {
      try {
        // Nothing is ever written to the lock file, so it needs no journal beside it. (Reading
        // the file to set this waits for the lock too, so it belongs inside the retries.)
        lockDb.pragma('journal_mode = OFF');
        // In EXCLUSIVE locking mode the lock BEGIN EXCLUSIVE takes is kept until close; nothing is written.
        lockDb.exec('BEGIN EXCLUSIVE; COMMIT');
        break;
      } catch (error) {
        if (lockDb.inTransaction) lockDb.exec('ROLLBACK');
        if (isBusy(errorCodeOf(error)) && attempt < attempts) continue;
        throw error;
      }
    }
  } catch (error) {
    lockDb.close();
    if (isBusy(errorCodeOf(error))) {
      throw new StartupError(
        'locked',
        `Another copy of ContactCap is running on this PC and is using the data in "${dataDir}". ` +
          `Switch to that window (check the taskbar), or close it and start ContactCap again.`,
        { cause: error },
      );
    }
    throw error;
  }
  return { release: () => lockDb.close() };
}
