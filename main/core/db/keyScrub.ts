import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
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

/** The keys to look for, by their hex; a key of zeros is what an overwritten one reads as, so there is nothing to do for it. */
function wantedSet(keys: readonly Buffer[]): Set<string> {
  const wanted = new Set<string>();
  for (const key of keys) {
    if (key.length !== KEY_BYTES) throw new RangeError(`A key to erase is ${KEY_BYTES} bytes, not ${key.length}.`);
    if (!key.equals(ZEROS)) wanted.add(key.toString('hex'));
  }
  return wanted;
}

/**
 * Overwrites in `buf` every wanted key whose marker starts at or after `from`
 * and which ends by `to`, and answers where each key started. A marker that
 * runs past `to` is left for the caller's next read.
 */
function scrubIn(buf: Buffer, from: number, to: number, wanted: ReadonlySet<string>): number[] {
  // A view that ends at `to`, so that the search never runs on into bytes that belong to the next read.
  const view = buf.subarray(0, to);
  const found: number[] = [];
  for (let at = view.indexOf(KEY_MARKER, from); at !== -1 && at + STORED_BYTES <= to; at = view.indexOf(KEY_MARKER, at + 1)) {
    const key = at + KEY_MARKER.length;
    if (!wanted.has(buf.toString('hex', key, key + KEY_BYTES))) continue;
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

async function writeAt(target: Target, bytes: Buffer, start: number, length: number, position: number): Promise<void> {
  if (target.readOnly) {
    throw Object.assign(new Error(`${target.file} holds an erased key but could only be opened to read.`), { code: READ_ONLY_WITH_KEY });
  }
  for (let done = 0; done < length; ) done += (await target.handle.write(bytes, start + done, length - done, position + done)).bytesWritten;
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
async function scrubBytes(target: Target, wanted: ReadonlySet<string>, chunkBytes: number): Promise<number> {
  const carry = STORED_BYTES - 1;
  const buf = Buffer.allocUnsafe(carry + chunkBytes);
  let base = 0;
  let held = 0;
  let count = 0;
  for (;;) {
    const { bytesRead } = await target.handle.read(buf, held, chunkBytes, base + held);
    if (bytesRead === 0) return count;
    const end = held + bytesRead;
    for (const key of scrubIn(buf, 0, end, wanted)) {
      await writeAt(target, ZEROS, 0, KEY_BYTES, base + key);
      count++;
    }
    // The last 39 bytes may begin a marker and key that the next read completes.
    held = Math.min(end, carry);
    buf.copy(buf, 0, end - held, end);
    base += end - held;
  }
}

/**
 * A write-ahead log, frame by frame. SQLite reads frames only while each
 * one's checksum, carried on from the one before, holds: so a frame whose
 * page loses a key gets its checksum written again, and so does every frame
 * after it, as far as the chain held before. Frames past a break stay past it.
 */
async function scrubLog(target: Target, header: WalHeader, wanted: ReadonlySet<string>, chunkBytes: number): Promise<number> {
  const frameBytes = WAL_FRAME_HEADER_BYTES + header.pageSize;
  const buf = Buffer.allocUnsafe(frameBytes * Math.max(1, Math.floor(chunkBytes / frameBytes)));
  const { bigEndian, salts } = header;
  let before = header.seed;
  let after = header.seed;
  let chainHolds = true;
  // Until a frame changes, the chain after scrubbing is the chain before it.
  let diverged = false;
  let count = 0;
  for (let position = WAL_HEADER_BYTES; ; position += buf.length) {
    const got = await readFull(target.handle, buf, 0, position);
    const whole = Math.floor(got / frameBytes);
    let firstChanged = -1;
    let lastChanged = -1;
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
      const found = scrubIn(buf, page, end, wanted).length;
      count += found;
      diverged ||= found > 0;
      let changed = found > 0;
      if (holds) {
        after = diverged ? walChecksum(buf, page, end, bigEndian, walChecksum(buf, at, at + 8, bigEndian, after)) : before;
        if (after[0] !== buf.readUInt32BE(at + 16) || after[1] !== buf.readUInt32BE(at + 20)) {
          buf.writeUInt32BE(after[0], at + 16);
          buf.writeUInt32BE(after[1], at + 20);
          changed = true;
        }
      }
      if (changed) {
        if (firstChanged < 0) firstChanged = frame;
        lastChanged = frame;
      }
    }
    // One write for the read's changed frames: past the first change, every frame of the chain has a new checksum.
    if (firstChanged >= 0) await writeAt(target, buf, firstChanged * frameBytes, (lastChanged + 1 - firstChanged) * frameBytes, position + firstChanged * frameBytes);
    if (got < buf.length) {
      // A frame cut short at the end: SQLite never reads it, but its bytes are still there to read.
      for (const key of scrubIn(buf, whole * frameBytes, got, wanted)) {
        await writeAt(target, ZEROS, 0, KEY_BYTES, position + key);
        count++;
      }
      return count;
    }
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
 * Overwrites with zeros, in place, each of `keys` that follows KEY_MARKER in
 * `file` (the marker stays, the size does not change), flushes the file to
 * disk if anything changed, and answers how many were overwritten. A key's
 * bytes with no marker before them are not a stored key and are left alone.
 * A file that is gone answers 0.
 */
export async function scrubKeysInFile(file: string, keys: readonly Buffer[], options: ScrubOptions = {}): Promise<number> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`chunkBytes must be a whole number of bytes, not ${chunkBytes}.`);
  const wanted = wantedSet(keys);
  if (wanted.size === 0) return 0;
  const target = await openTarget(file);
  if (!target) return 0;
  try {
    const head = Buffer.alloc(WAL_HEADER_BYTES);
    const header = walHeaderOf(head.subarray(0, await readFull(target.handle, head, 0, 0)));
    // A log whose header fails is one SQLite reads none of: its bytes are scrubbed as any file's.
    const count = header ? await scrubLog(target, header, wanted, chunkBytes) : await scrubBytes(target, wanted, chunkBytes);
    if (count > 0) await target.handle.sync();
    return count;
  } finally {
    await target.handle.close();
  }
}

/** Why a file or folder could not be scrubbed, for the practice manager. */
function reasonFor(error: unknown, what: 'file' | 'folder'): string {
  const code = errorCodeOf(error);
  switch (code) {
    case READ_ONLY_WITH_KEY:
      return 'This file still holds an erased key, but it is read-only, so ContactCap could not overwrite it.';
    case 'EACCES':
    case 'EPERM':
      return what === 'file' ? 'ContactCap is not allowed to read this file.' : 'ContactCap is not allowed to look inside this folder.';
    case 'EBUSY':
      return `Another program has this ${what} open.`;
    case 'EIO':
      return `The disk holding this ${what} could not be read.`;
    default:
      return `This ${what} could not be read or changed (${code || (error instanceof Error ? error.message : String(error))}).`;
  }
}

/**
 * Scrubs every file under `roots` for which `skip` is false (the live
 * database and its -wal, which SQLite owns, erase there with secure_delete).
 * A root that does not exist is fine; a root is followed as named, but links
 * below it are not, so nothing outside the roots is changed. A file or folder
 * that cannot be read or changed is listed with its reason and the rest go on.
 */
export async function scrubKeysUnder(roots: readonly string[], keys: readonly Buffer[], skip: (file: string) => boolean): Promise<ScrubReport> {
  wantedSet(keys);
  const report: ScrubReport = { files: 0, scrubbed: 0, failed: [] };
  // Roots may overlap (a backup folder inside the data folder): each file once.
  const seen = new Set<string>();
  const scrubFile = async (file: string) => {
    const resolved = path.resolve(file);
    if (seen.has(resolved) || skip(file)) return;
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
