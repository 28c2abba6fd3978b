import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { errorCodeOf } from '../errors.ts';
import { DATABASE_FILE } from './dataDir.ts';

/**
 * On Linux and macOS the data folder and ContactCap's files in it are for the
 * account that runs ContactCap alone: the folder 0700, the files 0600. Windows
 * has no modes (its folder's access list does this: docs/security.md), so
 * nothing here runs there.
 */
export const OWNER_ONLY_FOLDER = 0o700;
export const OWNER_ONLY_FILE = 0o600;

/** What ContactCap keeps directly in its data folder: the database and its -wal and -shm, copies set aside, the lock, the practice key, the replication store. */
const OWN_ENTRY = /^(contactcap\.|practice-network\.|replication)/;

/** Makes the data folder (its parents as usual, the folder itself owner-only) and says whether it was new. */
export function makeDataFolder(dir: string, platform: NodeJS.Platform = process.platform): boolean {
  mkdirSync(path.dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, platform === 'win32' ? {} : { mode: OWNER_ONLY_FOLDER });
    return true;
  } catch (error) {
    if (errorCodeOf(error) === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Creates a file owner-only from its first byte if it is not there yet (SQLite
 * would make it 0644, and gives a database's -wal and -shm the database's own
 * mode). An existing file is left for tightenDataFolder.
 */
export function createOwnerOnly(file: string): void {
  try {
    closeSync(openSync(file, 'wx', OWNER_ONLY_FILE));
  } catch (error) {
    if (errorCodeOf(error) !== 'EEXIST') throw error;
  }
}

/**
 * Takes group and other access away from a data folder made before files were
 * owner-only (0755 and 0644 then), and from ContactCap's own files in it. The
 * folder is changed only if ContactCap just made it, or it is empty, or it holds
 * ContactCap's database: a folder of other things named with --data-dir is left
 * as it is. A change the system refuses never stops ContactCap starting: it says
 * so on the console and carries on.
 */
export function tightenDataFolder(dir: string, createdNow: boolean, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    console.warn(`ContactCap: could not read the data folder "${dir}" to check who may open it (${errorCodeOf(error)}). It carries on.`);
    return;
  }
  if (createdNow || entries.length === 0 || entries.includes(DATABASE_FILE)) tighten(dir);
  else {
    console.warn(
      `ContactCap: the data folder "${dir}" holds other files as well as ContactCap's, so its permissions were left as they are; ContactCap's own files in it are readable only by this account.`,
    );
  }
  for (const entry of entries) if (OWN_ENTRY.test(entry)) tighten(path.join(dir, entry));
}

function tighten(target: string): void {
  try {
    const { mode } = statSync(target);
    if ((mode & 0o077) !== 0) chmodSync(target, mode & 0o700);
  } catch (error) {
    console.warn(
      `ContactCap: could not make "${target}" readable only by this account (${errorCodeOf(error)}); other accounts on this PC may be able to read it. ContactCap carries on. Ask IT to run: chmod go-rwx "${target}"`,
    );
  }
}
