import { statSync } from 'node:fs';
import path from 'node:path';
import { write, type CoreContext } from '../context.ts';
import { getDeviceSetting, setDeviceSetting } from '../repos/deviceRepo.ts';
import { scrubKeysUnder, type ErasedKeys } from '../db/keyScrub.ts';
import { RECOVERY_FOLDER } from '../db/recovery.ts';
import { erasedKeyHashes, hashOfKey, takeErasedKeys } from '../repos/identifiersRepo.ts';
import { backupFolderOf, secondBackupFolder } from './backups.ts';

/**
 * What follows an erasure, after its commit: the write-ahead log is emptied,
 * so no earlier copy of a page with the key stays in it, and the erased keys
 * are overwritten in every other copy of the database this PC keeps (backups
 * here and in the second folder, and the files kept aside after damage or an
 * unclean stop in the recovery folder). The Hypercores hold only sealed
 * text, which no key now opens.
 *
 * The keys themselves are gone once erased, so what is kept is their hashes
 * (identifier_erasures.key_hash): at every start, and every ten minutes for
 * copies made since, the copies are searched for any stored key whose hash is
 * an erased one. A follow-up cut short by a close or a crash, or a backup that
 * was being made while an erasure ran, is so caught up with.
 */
export interface ErasureFollowUp {
  /** After any commit: erased keys, if any, are followed up in the background. */
  afterCommit(): void;
  /**
   * The copies searched for erased keys: at start every one if keys were
   * erased since the last whole search finished (else those changed since),
   * and every ten minutes those changed since the last search.
   */
  sweep(which: 'start' | 'new'): void;
  /** Resolves once every follow-up asked for so far is done. */
  settled(): Promise<void>;
}

const CHECKPOINT_TRIES = 20;
const CHECKPOINT_WAIT_MS = 500;
const BACKUP_FILE = /^contactcap-backup-.*\.db$/;
/** This PC's device setting: how many erased keys the last whole search looked for, and when it started. */
const SWEPT = 'identifierSweep';

export function createErasureFollowUp(ctx: CoreContext, databaseFile: string, dataDir: string): ErasureFollowUp {
  let chain: Promise<void> = Promise.resolve();
  let logToEmpty = false;
  let lastSweepAt = 0;
  const backups = path.resolve(backupFolderOf(databaseFile));
  const recovery = path.resolve(dataDir, RECOVERY_FOLDER);

  /** The folders copies are kept in, read while the database is open (ContactCap may close before the follow-up runs). */
  const copiesIn = (): { roots: string[]; second: string | null } => {
    const second = secondBackupFolder(ctx);
    return { roots: [backups, recovery, ...(second ? [path.resolve(second)] : [])], second: second ? path.resolve(second) : null };
  };
  /** Only copies: backups by their names (the second folder may hold anything else), and whatever a recovery kept. */
  const notACopy = (second: string | null, changedSince: number) => (file: string) => {
    const full = path.resolve(file);
    const inRecovery = full.startsWith(recovery + path.sep);
    const inBackups = path.dirname(full) === backups || (second !== null && path.dirname(full) === second);
    if (!inRecovery && !(inBackups && BACKUP_FILE.test(path.basename(full)))) return true;
    if (changedSince === 0) return false;
    try {
      return statSync(full).mtimeMs < changedSince;
    } catch {
      return true;
    }
  };

  const followUp = async (keys: ErasedKeys, where: { roots: string[]; second: string | null }, changedSince: number) => {
    await emptyTheLog();
    const outcome = await scrubKeysUnder(where.roots, keys, notACopy(where.second, changedSince));
    for (const failed of outcome.failed) console.error(`ContactCap: ${failed.file}: ${failed.reason}`);
  };

  /** Checkpoints and truncates the write-ahead log, waiting a little for readers that hold it; else tried again at the next sweep. */
  const emptyTheLog = async (): Promise<void> => {
    logToEmpty = true;
    for (let attempt = 1; attempt <= CHECKPOINT_TRIES; attempt++) {
      // Closed meanwhile: a clean close empties the log itself.
      if (!ctx.db.open) return;
      try {
        const [result] = ctx.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        if (result && result.busy === 0) {
          logToEmpty = false;
          return;
        }
      } catch {
        // Busy: tried again below.
      }
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_WAIT_MS));
    }
    console.error('ContactCap: the write-ahead log could not be emptied after an erasure; trying again in ten minutes, and at close');
  };

  const afterCommit = () => {
    let keys: Buffer[];
    let where: { roots: string[]; second: string | null };
    try {
      keys = takeErasedKeys(ctx);
      if (keys.length === 0) return;
      where = copiesIn();
    } catch {
      return;
    }
    chain = chain.then(() => followUp(keys, where, 0)).catch((error: unknown) => console.error('ContactCap: the follow-up of an erasure failed', error));
  };

  return {
    afterCommit,
    sweep(which) {
      let hashes: Set<string>;
      let where: { roots: string[]; second: string | null };
      try {
        hashes = erasedKeyHashes(ctx);
        where = copiesIn();
      } catch {
        return;
      }
      if (hashes.size === 0) return;
      const done = getDeviceSetting(ctx, SWEPT) as { hashes?: number; at?: number } | undefined;
      const whole = which === 'start' && (done?.hashes ?? 0) < hashes.size;
      const since = whole ? 0 : which === 'start' ? (done?.at ?? 0) : lastSweepAt;
      const startedAt = Date.now();
      lastSweepAt = startedAt;
      const erased = (key: Buffer) => hashes.has(hashOfKey(key).toString('hex'));
      chain = chain
        .then(async () => {
          if (logToEmpty) await emptyTheLog();
          const outcome = await scrubKeysUnder(where.roots, erased, notACopy(where.second, since));
          for (const failed of outcome.failed) console.error(`ContactCap: ${failed.file}: ${failed.reason}`);
          // Remembered only once every copy was done: a search cut short is done again whole at the next start.
          if (outcome.failed.length === 0 && ctx.db.open) write(ctx, () => setDeviceSetting(ctx, SWEPT, { hashes: hashes.size, at: startedAt }));
        })
        .catch((error: unknown) => console.error('ContactCap: the copies could not be searched for erased identifiers', error));
    },
    settled() {
      // An erasure from another PC whose commit no window has been told of yet is followed up too.
      afterCommit();
      return chain;
    },
  };
}
