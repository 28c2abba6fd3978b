import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { errorCodeOf, isDiskFull, isReadOnly } from './errors.ts';
import { DomainError } from './errors.ts';

/**
 * Writes a file in full under a temporary name in the same folder, flushes it
 * to disk, then renames it into place: a reader never sees half a file, and a
 * failure leaves nothing behind.
 */
export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  writeFilesTogether([{ target, data }]);
}

/** A file-system failure in words for the person saving the file. */
export function explainFileError(error: unknown, folder: string): Error {
  if (error instanceof DomainError) return error;
  const code = errorCodeOf(error);
  if (code === 'ENOTDIR') {
    return new DomainError('invalid_input', `“${folder}” is not a folder: part of that path is a file. Choose another folder.`, 'folder');
  }
  if (code === 'ENOENT') {
    return new DomainError('invalid_input', `The folder “${folder}” cannot be found. Check it exists (and that the network drive is connected), or choose another.`, 'folder');
  }
  if (isDiskFull(code)) return new DomainError('storage_full', `The disk holding “${folder}” is full, so the file was not saved. Nothing was left behind.`, 'folder');
  if (isReadOnly(code)) return new DomainError('storage_read_only', `ContactCap cannot write to “${folder}”. Choose a folder you can save files in, or ask IT.`, 'folder');
  return new DomainError('internal', `The file could not be saved in “${folder}”: ${error instanceof Error ? error.message : String(error)}. Nothing was left behind.`, 'folder');
}

/**
 * Several files that belong together (a day's exports): all are written to
 * temporary names first and only then renamed into place, so a full disk part
 * of the way through leaves none of them, not some.
 */
export function writeFilesTogether(files: readonly { target: string; data: Uint8Array | string }[]): void {
  const staged: { temp: string; target: string }[] = [];
  const placed: string[] = [];
  try {
    for (const file of files) {
      const temp = path.join(path.dirname(file.target), `.${path.basename(file.target)}.part-${randomBytes(4).toString('hex')}`);
      staged.push({ temp, target: file.target });
      const fd = openSync(temp, 'wx');
      try {
        const bytes = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const { temp, target } of staged) {
      renameSync(temp, target);
      placed.push(target);
    }
  } catch (error) {
    // The clean-up must never hide the failure: in a folder that is not there, removing throws too.
    for (const file of [...staged.map((each) => each.temp), ...placed]) {
      try {
        rmSync(file, { force: true });
      } catch {
        // Nothing of it can be there, or it is left for the next run to find.
      }
    }
    throw explainFileError(error, path.dirname(files[0]?.target ?? '.'));
  }
}

/** Creates `file` (it must not exist yet), writes all of `data` and flushes it to disk. */
export function writeNewFile(file: string, data: Uint8Array | string): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(file, 'wx');
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's own entries (a rename into it), where the system allows it: not on Windows, where a folder cannot be opened so. */
export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not possible here: each rename is still all or nothing.
  }
}

/** The names in a folder, or none when it is missing or a file stands in its place (whatever writes there next says so). */
export function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
