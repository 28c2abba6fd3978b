/**
 * Reading a write-ahead log file as SQLite's file format describes it
 * (sqlite.org/fileformat2.html §4): a 32-byte header, then frames of a
 * 24-byte header and one page image each, chained by checksums. SQLite uses
 * the frames up to the last commit before the first one whose salt or
 * checksum fails, and silently ignores the rest: this says what it ignores.
 */

const MAGIC_LITTLE = 0x377f0682;
const MAGIC_BIG = 0x377f0683;
export const WAL_HEADER_BYTES = 32;
export const WAL_FRAME_HEADER_BYTES = 24;

/** What a log's header says, when its magic number, version and checksum all hold. */
export interface WalHeader {
  pageSize: number;
  bigEndian: boolean;
  salts: [number, number];
  /** The header's checksum: the first frame's checksum starts from it. */
  seed: [number, number];
}

export interface WalFrame {
  /** Where the page image starts in the file. */
  offset: number;
  pageNumber: number;
}

export interface WalReading {
  /** The header's magic number, version and checksum all hold. */
  headerOk: boolean;
  pageSize: number;
  /** Every whole frame in the file, used by SQLite or not. */
  frames: WalFrame[];
  /** How many of the first frames SQLite reads: up to the last commit of the run whose checksums hold. */
  framesUsed: number;
  /**
   * Frames of this log's own generation (their salts match its header) that
   * SQLite leaves out: after a checksum that fails, or after the last commit.
   * Frames with other salts are an earlier generation's, already in the database.
   */
  framesIgnored: number;
  /** Bytes after the last whole frame: a frame cut short. */
  partialBytes: number;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** SQLite's WAL checksum of buf[start, end), carried on from `seed`. */
export function walChecksum(buf: Buffer, start: number, end: number, bigEndian: boolean, seed: [number, number]): [number, number] {
  let [s0, s1] = seed;
  if (bigEndian !== LITTLE_ENDIAN_HOST && (buf.byteOffset + start) % 4 === 0) {
    // The log's byte order is this machine's: its words read straight from memory, several times faster over a large log.
    const words = new Uint32Array(buf.buffer, buf.byteOffset + start, Math.max(0, Math.floor((end - start) / 8)) * 2);
    for (let i = 0; i + 1 < words.length; i += 2) {
      s0 = (s0 + (words[i] ?? 0) + s1) >>> 0;
      s1 = (s1 + (words[i + 1] ?? 0) + s0) >>> 0;
    }
    return [s0, s1];
  }
  for (let at = start; at + 8 <= end; at += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(at) : buf.readUInt32LE(at);
    const x1 = bigEndian ? buf.readUInt32BE(at + 4) : buf.readUInt32LE(at + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

function validPageSize(size: number): boolean {
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
}

/** A log's header from its first 32 bytes, or null when it is not a log's or does not hold. */
export function walHeaderOf(bytes: Buffer): WalHeader | null {
  if (bytes.length < WAL_HEADER_BYTES) return null;
  const magic = bytes.readUInt32BE(0);
  const bigEndian = magic === MAGIC_BIG;
  const pageSize = bytes.readUInt32BE(8);
  const seed = walChecksum(bytes, 0, 24, bigEndian, [0, 0]);
  const holds =
    (magic === MAGIC_LITTLE || magic === MAGIC_BIG) &&
    bytes.readUInt32BE(4) === 3007000 &&
    validPageSize(pageSize) &&
    seed[0] === bytes.readUInt32BE(24) &&
    seed[1] === bytes.readUInt32BE(28);
  return holds ? { pageSize, bigEndian, salts: [bytes.readUInt32BE(16), bytes.readUInt32BE(20)], seed } : null;
}

/** Reads a WAL file's bytes. `databasePageSize` frames a log whose header is too damaged to say its own. */
export function readWal(bytes: Buffer, databasePageSize: number): WalReading {
  if (bytes.length < WAL_HEADER_BYTES) return { headerOk: false, pageSize: databasePageSize, frames: [], framesUsed: 0, framesIgnored: 0, partialBytes: bytes.length };
  const header = walHeaderOf(bytes);
  const headerOk = header !== null;
  const bigEndian = header?.bigEndian ?? false;
  const pageSize = header?.pageSize ?? databasePageSize;
  const frameBytes = WAL_FRAME_HEADER_BYTES + pageSize;
  const frames: WalFrame[] = [];
  let framesUsed = 0;
  let chainHolds = headerOk;
  let seed: [number, number] = header?.seed ?? [0, 0];
  const salt1 = bytes.readUInt32BE(16);
  const salt2 = bytes.readUInt32BE(20);
  let ownGeneration = 0;
  let at = WAL_HEADER_BYTES;
  for (; at + frameBytes <= bytes.length; at += frameBytes) {
    frames.push({ offset: at + WAL_FRAME_HEADER_BYTES, pageNumber: bytes.readUInt32BE(at) });
    const saltsMatch = bytes.readUInt32BE(at + 8) === salt1 && bytes.readUInt32BE(at + 12) === salt2;
    if (saltsMatch) ownGeneration = frames.length;
    if (!chainHolds) continue;
    seed = walChecksum(bytes, at, at + 8, bigEndian, seed);
    seed = walChecksum(bytes, at + WAL_FRAME_HEADER_BYTES, at + frameBytes, bigEndian, seed);
    if (!saltsMatch || seed[0] !== bytes.readUInt32BE(at + 16) || seed[1] !== bytes.readUInt32BE(at + 20)) {
      chainHolds = false;
      continue;
    }
    if (bytes.readUInt32BE(at + 4) !== 0) framesUsed = frames.length;
  }
  // With a damaged header no salt can be trusted: every frame is one SQLite leaves out.
  const framesIgnored = headerOk ? Math.max(0, ownGeneration - framesUsed) : frames.length;
  return { headerOk, pageSize, frames, framesUsed, framesIgnored, partialBytes: bytes.length - at };
}

/** Whether SQLite would leave out part of what this log holds. */
export function walLosesFrames(reading: WalReading): boolean {
  return reading.framesIgnored > 0 || reading.partialBytes > 0;
}
