import Database from 'better-sqlite3';
import path from 'node:path';
import type { CoreContext } from '../context.ts';
import { scrubKeysUnder } from '../db/keyScrub.ts';
import { erasedRecords, takeErasedKeys } from '../repos/identifiersRepo.ts';
import { listBackups } from '../db/backups.ts';
import { keyOfStored } from '../db/sealedIdentifiers.ts';
import { backupFolderOf, secondBackupFolder } from './backups.ts';

/**
 * What follows an erasure, after its commit: the write-ahead log is emptied,
 * so no earlier copy of a page with the key stays in it, and the erased keys
 * are overwritten in every other copy of the database this PC keeps (backups
 * here and in the second folder, files kept aside after damage). The
 * Hypercores hold only sealed text, which no key now opens.
 */
export interface ErasureFollowUp {
  /** After any commit: erased keys, if any, are followed up in the background. */
  afterCommit(): void;
  /**
   * Erased keys that backups still hold, read from the backups themselves: a
   * follow-up that ContactCap closed or stopped before finishing is done at the next start.
   */
  sweepBackups(): void;
  /** Resolves once every erasure committed so far has been followed up. */
  settled(): Promise<void>;
}

const CHECKPOINT_TRIES = 20;
const CHECKPOINT_WAIT_MS = 500;

export function createErasureFollowUp(ctx: CoreContext, databaseFile: string, dataDir: string): ErasureFollowUp {
  let chain: Promise<void> = Promise.resolve();
  const live = new Set([databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`].map((file) => path.resolve(file)));
  const replication = path.resolve(dataDir, 'replication') + path.sep;
  const skip = (file: string) => live.has(path.resolve(file)) || path.resolve(file).startsWith(replication);

  /** Where copies are kept, read while the database is open (ContactCap may close before the follow-up runs). */
  const copiesIn = (): string[] => {
    const second = secondBackupFolder(ctx);
    return [dataDir, ...(second ? [second] : [])];
  };
  const followUp = async (keys: Buffer[], roots: string[]) => {
    await emptyTheLog(ctx);
    const outcome = await scrubKeysUnder(roots, keys, skip);
    for (const failed of outcome.failed) console.error(`ContactCap: an erased identifier key could not be overwritten in ${failed.file}: ${failed.reason}`);
  };

  const afterCommit = () => {
    let keys: Buffer[];
    let roots: string[];
    try {
      keys = takeErasedKeys(ctx);
      if (keys.length === 0) return;
      roots = copiesIn();
    } catch {
      return;
    }
    chain = chain.then(() => followUp(keys, roots)).catch((error: unknown) => console.error('ContactCap: the follow-up of an erasure failed', error));
  };

  return {
    afterCommit,
    sweepBackups() {
      const erased = erasedRecords(ctx);
      if (erased.size === 0) return;
      const roots = copiesIn();
      const second = secondBackupFolder(ctx);
      chain = chain
        .then(async () => {
          const keys = erasedKeysIn([backupFolderOf(databaseFile), ...(second ? [second] : [])], erased);
          if (keys.length > 0) await followUp(keys, roots);
        })
        .catch((error: unknown) => console.error('ContactCap: the backups could not be checked for erased identifiers', error));
    },
    settled() {
      // An erasure from another PC whose commit no window has been told of yet is followed up too.
      afterCommit();
      return chain;
    },
  };
}

/** The keys of erased records that the backups in these folders still hold. */
function erasedKeysIn(folders: readonly string[], erased: ReadonlySet<string>): Buffer[] {
  if (erased.size === 0) return [];
  const keys: Buffer[] = [];
  for (const folder of folders) {
    for (const backup of listBackups(folder)) {
      let db: Database.Database | null = null;
      try {
        db = new Database(path.join(folder, backup.name), { readonly: true, fileMustExist: true });
        const hasKeys = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'identifier_keys'").get() !== undefined;
        if (!hasKeys) continue;
        for (const row of db.prepare('SELECT record_id AS recordId, key FROM identifier_keys').iterate() as IterableIterator<{ recordId: string; key: Buffer }>) {
          const key = erased.has(row.recordId) ? keyOfStored(row.key) : null;
          if (key) keys.push(key);
        }
      } catch (error) {
        console.error(`ContactCap: the backup ${backup.name} could not be checked for erased identifiers`, error);
      } finally {
        db?.close();
      }
    }
  }
  return keys;
}

/** Checkpoints and truncates the write-ahead log, waiting a little for readers that hold it. */
async function emptyTheLog(ctx: CoreContext): Promise<void> {
  for (let attempt = 1; attempt <= CHECKPOINT_TRIES; attempt++) {
    // Closed meanwhile: a clean close empties the log itself.
    if (!ctx.db.open) return;
    try {
      const [result] = ctx.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
      if (result && result.busy === 0) return;
    } catch {
      // Closed or busy: tried again below.
    }
    await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_WAIT_MS));
  }
  console.error('ContactCap: the write-ahead log could not be emptied after an erasure; it is emptied when ContactCap closes');
}
