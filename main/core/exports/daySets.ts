import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DomainError, errorCodeOf, isDiskFull, isReadOnly } from '../errors.ts';
import { syncFolder, writeNewFile } from '../files.ts';

/**
 * One practice day's end-of-day files, kept together in a folder of their own
 * inside the export folder: written in full under a temporary name, then the
 * whole folder renamed into place, so the set appears complete or not at all.
 * A later revision of the same day (contacts entered after the export time)
 * goes in a new folder beside the first, never over it.
 */

/** What each set folder says about itself, in `contactcap-set.json`. */
export interface SetManifest {
  kind: 'contactcap-day-set';
  day: string;
  revision: number;
  writtenBy: { deviceId: string; name: string };
  writtenAt: string;
  /** Whether the PC that wrote it was in a practice network (then the set stands for the whole practice). */
  practiceNetwork: boolean;
  /** What that PC held when it wrote the set: each PC's highest record number. */
  held: Record<string, number>;
  /** SHA-256 over the day's CSV files, in name order: two sets with the same digest hold the same figures. */
  digest: string;
  files: string[];
}

export interface ExistingSet {
  name: string;
  revision: number;
  /** Null when the folder has no readable manifest (someone edited it): it is never compared with, only never written over. */
  manifest: SetManifest | null;
}

export const MANIFEST_FILE = 'contactcap-set.json';
/** This PC's sets being written: `.contactcap-writing-<device id>-<random>`. The words say what it is on Windows, where the dot hides nothing. */
const WRITING_PREFIX = '.contactcap-writing-';
/** Files the version before day folders left when stopped mid-write: `.contactcap-….part-<hex>`. */
const OLD_PART = /^\.contactcap-.*\.part-[0-9a-f]{8}$/;
/** No export takes this long: an old-style temporary file this old is a leftover, whichever PC left it. */
const OLD_PART_AGE_MS = 60 * 60_000;

/** A PC's name as it can stand in a folder name on Windows (no \ / : * ? " < > |, no trailing dot or space). */
export function nameForFolder(pcName: string): string {
  const safe = pcName
    .replace(/[\\/:*?"<>|]/g, '-')
    // Control characters, which no folder name may hold.
    .replace(/\p{Cc}/gu, '-')
    .replace(/[. ]+$/, '')
    .trim();
  return safe === '' ? 'PC' : safe.slice(0, 60);
}

/**
 * `2026-12-01` (a networked practice's set), `2026-12-01 Reception 1` (a PC on
 * its own); a revision adds ` revision 2`, ` revision 3`… The highest revision
 * of a day is the final word.
 */
export function setFolderName(day: string, revision: number, pcName: string | null): string {
  const base = pcName === null ? day : `${day} ${nameForFolder(pcName)}`;
  return revision <= 1 ? base : `${base} revision ${revision}`;
}

/** The sets already in the folder for this day (and this PC's name, when it is on its own), lowest revision first. */
export function existingSets(folder: string, day: string, pcName: string | null): ExistingSet[] {
  const base = pcName === null ? day : `${day} ${nameForFolder(pcName)}`;
  const sets: ExistingSet[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let revision: number | null = null;
    if (entry.name === base) revision = 1;
    else if (entry.name.startsWith(`${base} revision `)) {
      const number = Number(entry.name.slice(`${base} revision `.length));
      if (Number.isInteger(number) && number >= 2) revision = number;
    }
    if (revision === null) continue;
    sets.push({ name: entry.name, revision, manifest: readManifest(path.join(folder, entry.name), day) });
  }
  return sets.sort((a, b) => a.revision - b.revision);
}

function readManifest(setFolder: string, day: string): SetManifest | null {
  try {
    const value = JSON.parse(readFileSync(path.join(setFolder, MANIFEST_FILE), 'utf8')) as { [key in keyof SetManifest]?: unknown };
    if (value.kind !== 'contactcap-day-set' || value.day !== day || typeof value.digest !== 'string' || typeof value.held !== 'object' || value.held === null) return null;
    return value as unknown as SetManifest;
  } catch {
    return null;
  }
}

/**
 * Removes what an export of this PC left when it was stopped part-way (its own
 * temporary folders, never another PC's, which may be writing now), and the
 * old-style temporary files of the version before day folders once an hour old.
 */
export function removeLeftovers(folder: string, deviceId: string, now: number): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    // The folder itself is the problem: the write that follows says so.
    return removed;
  }
  for (const name of names) {
    const full = path.join(folder, name);
    try {
      const mine = name.startsWith(`${WRITING_PREFIX}${deviceId}-`);
      const oldPart = OLD_PART.test(name) && now - statSync(full).mtimeMs > OLD_PART_AGE_MS;
      if (!mine && !oldPart) continue;
      rmSync(full, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Still held (a virus scanner, say): the next run tries again.
    }
  }
  return removed;
}

/** Removes a temporary folder, whatever state it is in; a failure here never hides the failure that led to it. */
function discard(temp: string): void {
  try {
    rmSync(temp, { recursive: true, force: true });
  } catch {
    // Left for removeLeftovers on the next run.
  }
}

export interface WriteSetOptions {
  folder: string;
  name: string;
  deviceId: string;
  files: readonly { fileName: string; bytes: Uint8Array }[];
  manifest: SetManifest;
  /** For the tests that stop a PC between writing and renaming. */
  beforeRename?: (() => void) | undefined;
}

/**
 * Writes the set under a temporary name, then renames the folder into place.
 * 'taken' when another PC placed a set of that name first (nothing of this
 * PC's is left); throws a DomainError in words for the practice manager.
 */
export function writeSet(options: WriteSetOptions): 'written' | 'taken' {
  const { folder, name, deviceId, files, manifest } = options;
  const temp = path.join(folder, `${WRITING_PREFIX}${deviceId}-${randomBytes(4).toString('hex')}`);
  const target = path.join(folder, name);
  try {
    mkdirSync(temp);
    for (const file of files) writeNewFile(path.join(temp, file.fileName), file.bytes);
    // The manifest last: a set with its manifest is a set with all its files.
    writeNewFile(path.join(temp, MANIFEST_FILE), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
    syncFolder(temp);
    options.beforeRename?.();
    if (existsSync(target)) {
      discard(temp);
      return 'taken';
    }
    renameSync(temp, target);
    syncFolder(folder);
    return 'written';
  } catch (error) {
    discard(temp);
    // Another PC's set arrived between the look and the rename.
    if (existsSync(target) && ['EEXIST', 'ENOTEMPTY', 'EPERM', 'EACCES'].includes(errorCodeOf(error))) return 'taken';
    throw explainFolderError(error, folder);
  }
}

/**
 * A folder failure as a sentence for the practice manager: what is wrong with
 * the folder and what to do. The day it was writing stays waiting.
 */
export function explainFolderError(error: unknown, folder: string): DomainError {
  if (error instanceof DomainError) return error;
  const code = errorCodeOf(error);
  if (code === 'ENOTDIR') {
    return new DomainError('invalid_input', `“${folder}” is not a folder: part of that path is a file. Choose a folder for the daily files in Settings.`, 'folder');
  }
  if (code === 'ENOENT') {
    return new DomainError('invalid_input', `The folder “${folder}” cannot be found. Check it exists and, if it is on a network drive, that the drive is connected.`, 'folder');
  }
  if (isDiskFull(code)) return new DomainError('storage_full', `The disk holding “${folder}” is full. Free some space there, or choose another folder.`, 'folder');
  if (isReadOnly(code)) return new DomainError('storage_read_only', `ContactCap is not allowed to save files in “${folder}”. Ask IT to let this PC write there, or choose another folder.`, 'folder');
  if (['EHOSTDOWN', 'EHOSTUNREACH', 'ENETDOWN', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EIO', 'ESTALE', 'EBADF', 'UNKNOWN'].includes(code)) {
    return new DomainError('internal', `The folder “${folder}” stopped answering: a network drive that has gone, or a disk fault. Check the drive is connected.`, 'folder');
  }
  if (code === 'EBUSY') return new DomainError('internal', `Something else is using the folder “${folder}” (another program or a virus scan). It will be tried again.`, 'folder');
  return new DomainError('internal', `The files could not be saved in “${folder}” (${code || (error instanceof Error ? error.message : String(error))}).`, 'folder');
}
