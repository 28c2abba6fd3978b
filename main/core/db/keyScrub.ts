import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { errorCodeOf } from '../errors.ts';
import { WAL_FRAME_HEADER_BYTES, WAL_HEADER_BYTES, walChecksum, walHeaderOf, type WalHeader } from './wal.ts';

/**
 * Erasing a record's identifiers deletes its key from the live database
 * (issue 10 §5), but backups and the copies kept after damage or an unclean
 * stop still hold it. Every stored key is the marker followed by the key
 * (migrations/0006_sealed_identifiers.sql), so an erased key is found in any
 * copy by its marker and overwritten with zeros where it lies. Only the blob's
 * bytes change: a database page stays a valid page, and a write-ahead log's
 * frames get their checksums written again, so SQLite reads every frame it
 * read before.
 */

export const KEY_MARKER = Buffer.from('CCIDKEY1', 'ascii');
export const KEY_BYTES = 32;

/**
 * The keys to overwrite: as a list, or as a test of each key found behind the
 * marker (after a restart only the erased keys' hashes are known). A key of
 * zeros is what an overwritten one reads as, so it is never one to overwrite.
 */
export type ErasedKeys = readonly Buffer[] | ((key: Buffer) => boolean);

const STORED_BYTES = KEY_MARKER.length + KEY_BYTES;
const ZEROS = Buffer.alloc(KEY_BYTES);
const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export interface ScrubOptions {
  /** How much of the file is read at a time. */
  chunkBytes?: number;
}

export interface ScrubReport {
  /** Files looked at (those skipped are not counted). */
  files: number;
  /** Keys overwritten, in all of them. */
  scrubbed: number;
  /** Files and folders that could not be read or changed, each with a reason in words. */
  failed: { file: string; reason: string }[];
}

/** A file that holds an erased key but could be opened only to read. */
const READ_ONLY_WITH_KEY = 'KEY_IN_READ_ONLY_FILE';
/** A log that holds an erased key but whose scrubbed copy could not be written beside it or put in its place. */
const NOT_REPLACED = 'KEY_IN_LOG_NOT_REPLACED';

/** Whether the 32 bytes at buf[at] are a key to overwrite. */
type Matcher = (buf: Buffer, at: number) => boolean;

/** The test for `keys`, or null when there is nothing to look for. */
function matcherOf(keys: ErasedKeys): Matcher | null {
  if (typeof keys === 'function') {
    return (buf, at) => {
      const key = buf.subarray(at, at + KEY_BYTES);
      // A copy: the caller is never left holding bytes that are about to become zeros.
      return !key.equals(ZEROS) && keys(Buffer.from(key));
    };
  }
  const wanted = new Set<string>();
  for (const key of keys) {
    if (key.length !== KEY_BYTES) throw new RangeError(`A key to erase is ${KEY_BYTES} bytes, not ${key.length}.`);
    if (!key.equals(ZEROS)) wanted.add(key.toString('hex'));
  }
  return wanted.size === 0 ? null : (buf, at) => wanted.has(buf.toString('hex', at, at + KEY_BYTES));
}

/**
 * Overwrites in `buf` every wanted key whose marker starts at or after `from`
 * and which ends by `to`, and answers where each key started. A marker that
 * runs past `to` is left for the caller's next read.
 */
function scrubIn(buf: Buffer, from: number, to: number, matches: Matcher): number[] {
  // A view that ends at `to`, so that the search never runs on into bytes that belong to the next read.
  const view = buf.subarray(0, to);
  const found: number[] = [];
  for (let at = view.indexOf(KEY_MARKER, from); at !== -1 && at + STORED_BYTES <= to; at = view.indexOf(KEY_MARKER, at + 1)) {
    const key = at + KEY_MARKER.length;
    if (!matches(buf, key)) continue;
    buf.fill(0, key, key + KEY_BYTES);
    found.push(key);
  }
  return found;
}

interface Target {
  handle: FileHandle;
  /** Opened for reading only: finding a key in it is a failure. */
  readOnly: boolean;
  file: string;
}

function refuseReadOnly(target: Target): void {
  if (target.readOnly) {
    throw Object.assign(new Error(`${target.file} holds an erased key but could only be opened to read.`), { code: READ_ONLY_WITH_KEY });
  }
}

async function writeFull(handle: FileHandle, bytes: Buffer, start: number, length: number, position: number): Promise<void> {
  for (let done = 0; done < length; ) done += (await handle.write(bytes, start + done, length - done, position + done)).bytesWritten;
}

async function writeAt(target: Target, bytes: Buffer, start: number, length: number, position: number): Promise<void> {
  refuseReadOnly(target);
  await writeFull(target.handle, bytes, start, length, position);
}

/** Reads into buf from `start` until it is full or the file ends; answers how many bytes came. */
async function readFull(handle: FileHandle, buf: Buffer, start: number, position: number): Promise<number> {
  let got = 0;
  while (start + got < buf.length) {
    const { bytesRead } = await handle.read(buf, start + got, buf.length - start - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** Any file but a log: read in chunks, each after the last bytes of the one before, so a key across two reads is found. */
async function scrubBytes(target: Target, matches: Matcher, chunkBytes: number): Promise<number> {
  const carry = STORED_BYTES - 1;
  const buf = Buffer.allocUnsafe(carry + chunkBytes);
  let base = 0;
  let held = 0;
  let count = 0;
  for (;;) {
    const { bytesRead } = await target.handle.read(buf, held, chunkBytes, base + held);
    if (bytesRead === 0) return count;
    const end = held + bytesRead;
    for (const key of scrubIn(buf, 0, end, matches)) {
      await writeAt(target, ZEROS, 0, KEY_BYTES, base + key);
      count++;
    }
    // The last 39 bytes may begin a marker and key that the next read completes.
    held = Math.min(end, carry);
    buf.copy(buf, 0, end - held, end);
    base += end - held;
  }
}

/** Marks a failure to write the scrubbed copy of a log or to put it in place, keeping what the system said. */
function notReplaced(error: unknown): Error {
  const code = errorCodeOf(error);
  if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') return error instanceof Error ? error : new Error(String(error));
  return Object.assign(new Error(`The scrubbed log could not be put in place (${code}).`, { cause: error }), { code: NOT_REPLACED });
}

/**
 * Where a log's scrubbed bytes go: a new file beside it, so that a stop
 * half-way leaves the log whole. Made at the first change, with the bytes
 * before it copied as they are.
 */
async function startReplacement(target: Target, upTo: number, chunkBytes: number): Promise<{ handle: FileHandle; temp: string }> {
  refuseReadOnly(target);
  const temp = path.join(path.dirname(target.file), `.${path.basename(target.file)}.scrub-${randomBytes(8).toString('hex')}`);
  const mode = (await target.handle.stat()).mode & 0o777;
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx', mode);
  } catch (error) {
    throw notReplaced(error);
  }
  try {
    // Past the umask, as the log was; a disk that keeps no modes is no reason to fail.
    await handle.chmod(mode).catch(() => undefined);
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(upTo, chunkBytes)));
    for (let position = 0; position < upTo; ) {
      const got = await readFull(target.handle, buf.subarray(0, Math.min(buf.length, upTo - position)), 0, position);
      if (got === 0) break;
      await writeFull(handle, buf, 0, got, position);
      position += got;
    }
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  return { handle, temp };
}

/** Flushes a folder, so that a rename in it lasts; Windows cannot open or flush a folder, and the rename there lasts without. */
async function syncFolder(folder: string): Promise<void> {
  const unsupported = (error: unknown) => {
    const code = errorCodeOf(error);
    // EINVAL: a file system (some network shares) that does not flush folders.
    return code === 'EINVAL' || (process.platform === 'win32' && (code === 'EISDIR' || code === 'EPERM'));
  };
  let handle: FileHandle;
  try {
    handle = await open(folder, 'r');
  } catch (error) {
    if (unsupported(error)) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!unsupported(error)) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * A write-ahead log, frame by frame, into a scrubbed copy beside it (answered
 * as `temp`, flushed and closed, for the caller to put in its place; null when
 * nothing changed, and the log is then not written at all). SQLite reads
 * frames only while each one's checksum, carried on from the one before,
 * holds: so a frame whose page loses a key gets its checksum written again,
 * and so does every frame after it, as far as the chain held before. Frames
 * past a break stay past it.
 */
async function scrubLog(target: Target, header: WalHeader, matches: Matcher, chunkBytes: number): Promise<{ count: number; temp: string | null }> {
  const frameBytes = WAL_FRAME_HEADER_BYTES + header.pageSize;
  const buf = Buffer.allocUnsafe(frameBytes * Math.max(1, Math.floor(chunkBytes / frameBytes)));
  const { bigEndian, salts } = header;
  let before = header.seed;
  let after = header.seed;
  let chainHolds = true;
  // Until a frame changes, the chain after scrubbing is the chain before it.
  let diverged = false;
  let count = 0;
  let out: { handle: FileHandle; temp: string } | null = null;
  try {
    for (let position = WAL_HEADER_BYTES; ; position += buf.length) {
      const got = await readFull(target.handle, buf, 0, position);
      const whole = Math.floor(got / frameBytes);
      let changed = false;
      for (let frame = 0; frame < whole; frame++) {
        const at = frame * frameBytes;
        const page = at + WAL_FRAME_HEADER_BYTES;
        const end = at + frameBytes;
        let holds = false;
        if (chainHolds) {
          before = walChecksum(buf, page, end, bigEndian, walChecksum(buf, at, at + 8, bigEndian, before));
          holds = buf.readUInt32BE(at + 8) === salts[0] && buf.readUInt32BE(at + 12) === salts[1] && before[0] === buf.readUInt32BE(at + 16) && before[1] === buf.readUInt32BE(at + 20);
          chainHolds = holds;
        }
        const found = scrubIn(buf, page, end, matches).length;
        count += found;
        diverged ||= found > 0;
        changed ||= found > 0;
        if (holds) {
          after = diverged ? walChecksum(buf, page, end, bigEndian, walChecksum(buf, at, at + 8, bigEndian, after)) : before;
          if (after[0] !== buf.readUInt32BE(at + 16) || after[1] !== buf.readUInt32BE(at + 20)) {
            buf.writeUInt32BE(after[0], at + 16);
            buf.writeUInt32BE(after[1], at + 20);
            changed = true;
          }
        }
      }
      // A frame cut short at the end: SQLite never reads it, but its bytes are still there to read.
      if (got < buf.length) {
        const found = scrubIn(buf, whole * frameBytes, got, matches).length;
        count += found;
        changed ||= found > 0;
      }
      if (changed && !out) out = await startReplacement(target, position, chunkBytes);
      // Past the first change every read goes to the copy, changed or not.
      if (out) await writeFull(out.handle, buf, 0, got, position);
      if (got < buf.length) break;
    }
    if (!out) return { count, temp: null };
    await out.handle.sync();
    const { handle, temp } = out;
    out = null;
    try {
      await handle.close();
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { count, temp };
  } catch (error) {
    if (out) {
      await out.handle.close().catch(() => undefined);
      await rm(out.temp, { force: true });
    }
    throw error;
  }
}

/** Opened to change if it may be, else to read (a file with no erased key in it is then no failure). */
async function openTarget(file: string): Promise<Target | null> {
  try {
    return { handle: await open(file, 'r+'), readOnly: false, file };
  } catch (error) {
    const code = errorCodeOf(error);
    if (code === 'ENOENT') return null;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw error;
  }
  try {
    return { handle: await open(file, 'r'), readOnly: true, file };
  } catch (error) {
    if (errorCodeOf(error) === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Overwrites with zeros each of `keys` that follows KEY_MARKER in `file` (the
 * marker stays, the size does not change), flushes it to disk if anything
 * changed, and answers how many were overwritten. Any file but a log is
 * changed in place: each key lies inside one page, which stays a valid page
 * at every moment. A log's frames are chained by checksums that are written
 * again from the first change on, so a log is written whole beside itself and
 * renamed over itself; a stop half-way leaves it as it was. A key's bytes with
 * no marker before them are not a stored key and are left alone. A file that
 * is gone answers 0.
 */
export async function scrubKeysInFile(file: string, keys: ErasedKeys, options: ScrubOptions = {}): Promise<number> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`chunkBytes must be a whole number of bytes, not ${chunkBytes}.`);
  const matches = matcherOf(keys);
  if (!matches) return 0;
  const target = await openTarget(file);
  if (!target) return 0;
  let count: number;
  let temp: string | null = null;
  try {
    const head = Buffer.alloc(WAL_HEADER_BYTES);
    const header = walHeaderOf(head.subarray(0, await readFull(target.handle, head, 0, 0)));
    // A log whose header fails is one SQLite reads none of: its bytes are scrubbed as any file's.
    if (header) {
      ({ count, temp } = await scrubLog(target, header, matches, chunkBytes));
    } else {
      count = await scrubBytes(target, matches, chunkBytes);
      if (count > 0) await target.handle.sync();
    }
  } catch (error) {
    await target.handle.close().catch(() => undefined);
    throw error;
  }
  try {
    // Closed first: Windows may refuse to rename over a file this process has open.
    await target.handle.close();
    if (temp) await rename(temp, file).catch((error: unknown) => Promise.reject(notReplaced(error)));
  } catch (error) {
    if (temp) await rm(temp, { force: true });
    throw error;
  }
  if (temp) await syncFolder(path.dirname(file));
  return count;
}

/**
 * Files that are never copies, so never opened, not even to read. On Linux and
 * macOS closing any handle to a file drops the POSIX record locks this process
 * holds on it: opening ContactCap's lock file (or SQLite's -shm, where it
 * keeps a log's locks) would silently let a second ContactCap in. Temporary
 * files (a backup's .part- and .copying, a scrub's own) are still being
 * written, and the file they become is searched once it is there.
 */
function neverOpened(file: string): boolean {
  const name = path.basename(file).toLowerCase();
  return (
    name.endsWith('.lock') ||
    name.endsWith('-journal') ||
    name.endsWith('-shm') ||
    name.includes('.part-') ||
    name.endsWith('.copying') ||
    (name.startsWith('.') && name.includes('.scrub-'))
  );
}

const ASK_IT = 'Ask IT support to let ContactCap change it, or delete the file.';

/** Why a file or folder could not be scrubbed, for the practice manager. */
function reasonFor(error: unknown, what: 'file' | 'folder'): string {
  const code = errorCodeOf(error);
  const mayBeIn = what === 'file' ? 'an erased patient’s NHS number and note may still be in it' : 'an erased patient’s NHS number and note may still be in a copy kept there';
  switch (code) {
    case READ_ONLY_WITH_KEY:
      return `This file is read-only, so ContactCap could not remove an erased patient’s NHS number and note from it. ${ASK_IT}`;
    case NOT_REPLACED:
      return `ContactCap is not allowed to change the folder this file is in, so it could not remove an erased patient’s NHS number and note from the file. Ask IT support to let ContactCap change the folder, or delete the file.`;
    case 'EACCES':
    case 'EPERM':
      return what === 'file'
        ? `ContactCap is not allowed to read this file, so ${mayBeIn}. ${ASK_IT}`
        : `ContactCap is not allowed to look inside this folder, so ${mayBeIn}. Ask IT support to let ContactCap open the folder.`;
    case 'EBUSY':
      return `Another program has this ${what} open, so ${mayBeIn}. Close the other program, or ask IT support to.`;
    case 'ENOSPC':
      return `The disk is full, so ContactCap could not remove an erased patient’s NHS number and note from this ${what}. Free some space on the disk, or delete the file.`;
    case 'EIO':
      return `The disk holding this ${what} could not be read, so ${mayBeIn}. Ask IT support to check the disk.`;
    default:
      return `ContactCap could not read or change this ${what}, so ${mayBeIn}. Ask IT support to look at it (for IT: ${code || (error instanceof Error ? error.message : String(error))}).`;
  }
}

/**
 * Scrubs every file under `roots` for which `skip` is false (the live
 * database and its -wal, which SQLite owns, erase there with secure_delete)
 * and which is a copy at all (see neverOpened). A root that does not exist is
 * fine; a root is followed as named, but links below it are not, so nothing
 * outside the roots is changed. A file or folder that cannot be read or
 * changed is listed with its reason and the rest go on.
 */
export async function scrubKeysUnder(roots: readonly string[], keys: ErasedKeys, skip: (file: string) => boolean): Promise<ScrubReport> {
  matcherOf(keys);
  const report: ScrubReport = { files: 0, scrubbed: 0, failed: [] };
  // Roots may overlap (a backup folder inside the data folder): each file once.
  const seen = new Set<string>();
  const scrubFile = async (file: string) => {
    const resolved = path.resolve(file);
    if (seen.has(resolved) || neverOpened(file) || skip(file)) return;
    seen.add(resolved);
    report.files++;
    try {
      report.scrubbed += await scrubKeysInFile(file, keys);
    } catch (error) {
      report.failed.push({ file, reason: reasonFor(error, 'file') });
    }
  };
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (errorCodeOf(error) !== 'ENOENT') report.failed.push({ file: folder, reason: reasonFor(error, 'folder') });
      return;
    }
    // In name order, so that a report lists its files the same way each time.
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const where = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(where);
      else if (entry.isFile()) await scrubFile(where);
    }
  };
  for (const root of roots) {
    let found;
    try {
      found = await stat(root);
    } catch (error) {
      const code = errorCodeOf(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') report.failed.push({ file: root, reason: reasonFor(error, 'folder') });
      continue;
    }
    if (found.isDirectory()) await walk(root);
    else if (found.isFile()) await scrubFile(root);
  }
  return report;
}
