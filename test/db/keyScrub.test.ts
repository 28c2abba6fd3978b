import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_BYTES, KEY_MARKER, scrubKeysInFile, scrubKeysUnder } from '../../main/core/db/keyScrub.ts';
import { loadMigrations, migrate } from '../../main/core/db/migrations.ts';
import { readWal } from '../../main/core/db/wal.ts';
import { MIGRATIONS_DIR, tempDirs } from '../helpers/fixtures.ts';

/**
 * Issue 10 §5: an erased key is overwritten with zeros in every copy of the
 * database (backups, kept files after damage or an unclean stop), found by the
 * marker it is stored behind, and nothing else in the copy changes.
 */
const dirs = tempDirs();
afterEach(() => dirs.removeAll());

const ZERO_KEY = Buffer.alloc(KEY_BYTES);
const STORED_SPAN = KEY_MARKER.length + KEY_BYTES;
const stored = (key: Buffer) => Buffer.concat([KEY_MARKER, key]);
const newKeys = (n: number) => Array.from({ length: n }, () => randomBytes(KEY_BYTES));
// Root opens any file whatever its mode, so a file it is refused cannot be made.
const isRoot = process.getuid?.() === 0;

/** The database's own schema (migrations to the head, identifier_keys among them) with one key per record. */
function databaseWithKeys(file: string, keys: readonly Buffer[], options: { wal?: boolean; commitEach?: boolean } = {}): Database.Database {
  const db = new Database(file);
  if (options.wal) {
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
  }
  migrate(db, loadMigrations(MIGRATIONS_DIR));
  const insert = db.prepare('INSERT INTO identifier_keys (record_id, key, practice_day) VALUES (?, ?, ?)');
  const insertAll = () => keys.forEach((key, i) => insert.run(`record-${i}`, stored(key), '2026-11-23'));
  // One commit per key leaves many frames in a log, each page written again after the one before.
  if (options.commitEach) insertAll();
  else db.transaction(insertAll)();
  return db;
}

/** How many times `needle` occurs in `bytes`. */
function occurrences(bytes: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) n++;
  return n;
}

function keysIn(file: string): Map<string, Buffer> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT record_id AS id, key FROM identifier_keys').all() as { id: string; key: Buffer }[];
    return new Map(rows.map((row) => [row.id, row.key]));
  } finally {
    db.close();
  }
}

/** Offsets of the bytes that differ between two buffers of the same length. */
function differences(a: Buffer, b: Buffer): number[] {
  const found: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) found.push(i);
  return found;
}

/** Where each stored key's 32 bytes start in `bytes`, searched by the test itself. */
function keyOffsets(bytes: Buffer, keys: readonly Buffer[]): number[] {
  return keys.map((key) => {
    const at = bytes.indexOf(stored(key));
    expect(at).toBeGreaterThanOrEqual(0);
    return at + KEY_MARKER.length;
  });
}

describe('scrubbing a backup', () => {
  it('overwrites only the erased keys: the backup still passes its check, keeps every row, and reads the other keys as they were', async () => {
    const dir = dirs.make();
    const keys = newKeys(50);
    const db = databaseWithKeys(path.join(dir, 'contactcap.db'), keys);
    const backup = path.join(dir, 'backup.db');
    await db.backup(backup);
    db.close();
    const erased = keys.slice(5, 15);
    const before = readFileSync(backup);
    const erasedAt = keyOffsets(before, erased);

    expect(await scrubKeysInFile(backup, erased)).toBe(10);

    const after = readFileSync(backup);
    expect(after.length).toBe(before.length);
    for (const key of erased) expect(after.indexOf(key)).toBe(-1);
    // Every byte that changed is one of the erased keys' bytes, and each of those is now zero: the pages around them are as they were.
    const changed = differences(before, after);
    expect(changed.length).toBeGreaterThan(0);
    for (const at of changed) expect(erasedAt.some((start) => at >= start && at < start + KEY_BYTES)).toBe(true);
    for (const start of erasedAt) expect(after.subarray(start, start + KEY_BYTES).equals(ZERO_KEY)).toBe(true);

    const check = new Database(backup, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const read = keysIn(backup);
    expect(read.size).toBe(50);
    keys.forEach((key, i) => {
      const expected = i >= 5 && i < 15 ? stored(ZERO_KEY) : stored(key);
      expect(read.get(`record-${i}`)?.equals(expected)).toBe(true);
    });
    // Done once: a second pass finds nothing left to erase.
    expect(await scrubKeysInFile(backup, erased)).toBe(0);
    expect(readFileSync(backup).equals(after)).toBe(true);
  });
});

describe('scrubbing a file in chunks', () => {
  it('finds a marker and key that straddle a chunk boundary, at every place the boundary can fall', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'copy.db');
    const chunk = 64;
    const bytes = randomBytes(chunk * 100);
    const keys = newKeys(STORED_SPAN - 1);
    const expected = Buffer.from(bytes);
    // The boundary falls j bytes into the 40 stored bytes: inside the marker, between marker and key, inside the key.
    keys.forEach((key, index) => {
      const j = index + 1;
      const start = chunk * 2 * (index + 1) - j;
      stored(key).copy(bytes, start);
      stored(ZERO_KEY).copy(expected, start);
    });
    for (const chunkBytes of [chunk, 1, 7, 40, 4096]) {
      writeFileSync(file, bytes);
      expect(await scrubKeysInFile(file, keys, { chunkBytes })).toBe(keys.length);
      expect(readFileSync(file).equals(expected)).toBe(true);
    }
  });

  it('leaves alone a marker followed by a key not being erased, and a key’s bytes with no marker before them', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'copy.db');
    const [erased, other] = newKeys(2) as [Buffer, Buffer];
    // Only stored keys are touched: the same 32 bytes without the marker are not where identifier_keys keeps a key, and
    // overwriting them could damage whatever they belong to.
    const bytes = Buffer.concat([randomBytes(100), stored(other), randomBytes(50), erased, randomBytes(50), Buffer.from('CCIDKEY2'), erased, randomBytes(30), stored(erased), randomBytes(20)]);
    writeFileSync(file, bytes);
    expect(await scrubKeysInFile(file, [erased], { chunkBytes: 64 })).toBe(1);
    const after = readFileSync(file);
    const changed = differences(bytes, after);
    const keyAt = bytes.length - 20 - KEY_BYTES;
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((at) => at >= keyAt && at < keyAt + KEY_BYTES)).toBe(true);
    expect(after.subarray(keyAt, keyAt + KEY_BYTES).equals(ZERO_KEY)).toBe(true);
    expect(after.indexOf(stored(other))).toBe(100);
    expect(after.indexOf(erased)).toBe(100 + 40 + 50);
  });

  it('leaves alone a marker cut short by the end of the file, whatever the bytes read before it were', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'cut-short.db');
    const [key] = newKeys(1) as [Buffer];
    // The key's bytes over and over with no marker, then a marker with nothing after it: 352 bytes, so that in
    // 64-byte chunks the last read is short and the buffer still holds key bytes from the read before where the
    // missing key would be.
    const bytes = Buffer.concat([...Array.from({ length: 11 }, () => key)]);
    KEY_MARKER.copy(bytes, bytes.length - KEY_MARKER.length);
    for (const chunkBytes of [64, 1, 7, 40, 4096]) {
      writeFileSync(file, bytes);
      expect(await scrubKeysInFile(file, [key], { chunkBytes })).toBe(0);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    }
  });

  it('answers 0 for a file that is not there, and says so when the path cannot be read as a file', async () => {
    const dir = dirs.make();
    const [key] = newKeys(1) as [Buffer];
    expect(await scrubKeysInFile(path.join(dir, 'gone.db'), [key])).toBe(0);
    await expect(scrubKeysInFile(dir, [key])).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('scrubbing a write-ahead log', () => {
  it('overwrites the erased keys in a kept -wal and writes the frames’ checksums again, so SQLite still reads every frame', async () => {
    const dir = dirs.make();
    const keys = newKeys(50);
    const live = path.join(dir, 'contactcap.db');
    const db = databaseWithKeys(live, keys, { wal: true, commitEach: true });
    const kept = path.join(dir, 'recovery', 'kept');
    mkdirSync(kept, { recursive: true });
    // Copied as keepFiles copies them while a connection still has them open.
    for (const suffix of ['', '-wal']) copyFileSync(`${live}${suffix}`, path.join(kept, `contactcap.db${suffix}`));
    db.close();
    const wal = path.join(kept, 'contactcap.db-wal');
    const before = readFileSync(wal);
    const reading = readWal(before, 4096);
    expect(reading.framesUsed).toBeGreaterThan(50);
    expect(reading.framesUsed).toBe(reading.frames.length);
    const erased = keys.slice(0, 10);
    const copies = erased.reduce((sum, key) => sum + occurrences(before, stored(key)), 0);
    expect(copies).toBeGreaterThan(10);

    expect(await scrubKeysInFile(wal, erased, { chunkBytes: 3 * 4120 })).toBe(copies);

    const after = readFileSync(wal);
    expect(after.length).toBe(before.length);
    for (const key of erased) expect(after.indexOf(key)).toBe(-1);
    for (const key of keys.slice(10)) expect(after.indexOf(stored(key))).toBeGreaterThan(0);
    expect(readWal(after, 4096)).toEqual(reading);
    const read = keysIn(path.join(kept, 'contactcap.db'));
    expect(read.size).toBe(50);
    keys.forEach((key, i) => expect(read.get(`record-${i}`)?.equals(i < 10 ? stored(ZERO_KEY) : stored(key))).toBe(true));
  });

  it('leaves frames past a broken checksum past it, and still overwrites their keys and a frame cut short', async () => {
    const dir = dirs.make();
    const keys = newKeys(30);
    const live = path.join(dir, 'contactcap.db');
    const db = databaseWithKeys(live, keys, { wal: true, commitEach: true });
    const wal = path.join(dir, 'kept-wal');
    copyFileSync(`${live}-wal`, wal);
    db.close();
    const bytes = readFileSync(wal);
    const frames = readWal(bytes, 4096).frames;
    // Break the chain at the frame that first holds key 20: the frames from there on are ones SQLite leaves out.
    const breakAt = frames.find((frame) => bytes.subarray(frame.offset, frame.offset + 4096).includes(stored(keys[20] ?? ZERO_KEY)));
    if (!breakAt) throw new Error('no frame holds key 20');
    bytes.writeUInt32BE((bytes.readUInt32BE(breakAt.offset - 8) ^ 1) >>> 0, breakAt.offset - 8);
    const [cutShort] = newKeys(1) as [Buffer];
    const tail = Buffer.concat([randomBytes(30), stored(cutShort), randomBytes(10)]);
    const broken = Buffer.concat([bytes, tail]);
    writeFileSync(wal, broken);
    const reading = readWal(broken, 4096);
    expect(reading.framesIgnored).toBeGreaterThan(0);
    expect(reading.partialBytes).toBe(tail.length);

    const erased = [keys[2], keys[25], cutShort].filter((key) => key !== undefined);
    const copies = erased.reduce((sum, key) => sum + occurrences(broken, stored(key)), 0);
    expect(await scrubKeysInFile(wal, erased)).toBe(copies);

    const after = readFileSync(wal);
    for (const key of erased) expect(after.indexOf(key)).toBe(-1);
    expect(readWal(after, 4096)).toEqual(reading);
  });
});

describe('scrubbing the folders that hold copies', () => {
  it('goes through nested folders, leaves skipped files and linked files as they were, and is fine with a folder that is not there', async () => {
    const dir = dirs.make();
    const keys = newKeys(4);
    const holding = (n: number) => Buffer.concat([randomBytes(200), stored(keys[n % 4] ?? ZERO_KEY), randomBytes(200)]);
    const backups = path.join(dir, 'backups');
    const deep = path.join(dir, 'recovery', '20261123T090000Z-unclean', 'more');
    mkdirSync(backups, { recursive: true });
    mkdirSync(deep, { recursive: true });
    const files = [path.join(backups, 'a.db'), path.join(dir, 'recovery', '20261123T090000Z-unclean', 'contactcap.db-wal'), path.join(deep, 'b.db')];
    files.forEach((file, n) => writeFileSync(file, holding(n)));
    const skipped = path.join(dir, 'contactcap.db');
    const skippedBytes = holding(3);
    writeFileSync(skipped, skippedBytes);
    const outside = path.join(dirs.make(), 'elsewhere.db');
    const outsideBytes = holding(0);
    writeFileSync(outside, outsideBytes);
    symlinkSync(outside, path.join(backups, 'link.db'));

    const report = await scrubKeysUnder([dir, path.join(dir, 'no-such-folder'), backups], keys, (file) => file === skipped);

    expect(report).toEqual({ files: 3, scrubbed: 3, failed: [] });
    for (const file of files) {
      const after = readFileSync(file);
      expect(after.includes(stored(ZERO_KEY))).toBe(true);
      for (const key of keys) expect(after.includes(key)).toBe(false);
    }
    expect(readFileSync(skipped).equals(skippedBytes)).toBe(true);
    expect(readFileSync(outside).equals(outsideBytes)).toBe(true);
  });

  it.skipIf(isRoot)('lists a file it may not read, and one it may only read that holds a key, and scrubs the others', async () => {
    const dir = dirs.make();
    const [key] = newKeys(1) as [Buffer];
    const holding = Buffer.concat([randomBytes(100), stored(key), randomBytes(100)]);
    const unreadable = path.join(dir, 'a-unreadable.db');
    const readOnly = path.join(dir, 'b-read-only.db');
    const readOnlyClean = path.join(dir, 'c-read-only-no-key.db');
    const fine = path.join(dir, 'd-fine.db');
    for (const file of [unreadable, readOnly, fine]) writeFileSync(file, holding);
    writeFileSync(readOnlyClean, randomBytes(300));
    chmodSync(unreadable, 0o000);
    chmodSync(readOnly, 0o400);
    chmodSync(readOnlyClean, 0o400);
    try {
      const report = await scrubKeysUnder([dir], [key], () => false);
      expect(report.files).toBe(4);
      expect(report.scrubbed).toBe(1);
      expect(report.failed).toEqual([
        {
          file: unreadable,
          reason: 'ContactCap is not allowed to read this file, so an erased patient’s NHS number and note may still be in it. Ask IT support to let ContactCap change it, or delete the file.',
        },
        {
          file: readOnly,
          reason: 'This file is read-only, so ContactCap could not remove an erased patient’s NHS number and note from it. Ask IT support to let ContactCap change it, or delete the file.',
        },
      ]);
      expect(readFileSync(fine).includes(key)).toBe(false);
      expect(readFileSync(readOnly).equals(holding)).toBe(true);
    } finally {
      chmodSync(unreadable, 0o600);
    }
  });
});

/** How the follow-up after a restart knows erased keys: by their SHA-256 alone. */
const sha256 = (key: Buffer) => createHash('sha256').update(key).digest('hex');
const byHash = (keys: readonly Buffer[]) => {
  const hashes = new Set(keys.map(sha256));
  return (key: Buffer) => hashes.has(sha256(key));
};

describe('scrubbing keys known only by their hashes', () => {
  it('overwrites exactly the keys the test accepts, in a backup and in a kept -wal, and leaves every other key as it was', async () => {
    const dir = dirs.make();
    const keys = newKeys(30);
    const live = path.join(dir, 'contactcap.db');
    const db = databaseWithKeys(live, keys, { wal: true, commitEach: true });
    const backup = path.join(dir, 'backup.db');
    await db.backup(backup);
    const kept = path.join(dir, 'kept');
    mkdirSync(kept);
    for (const suffix of ['', '-wal']) copyFileSync(`${live}${suffix}`, path.join(kept, `contactcap.db${suffix}`));
    db.close();
    const wal = path.join(kept, 'contactcap.db-wal');
    const erased = keys.slice(3, 10);
    const backupBefore = readFileSync(backup);
    const walBefore = readFileSync(wal);
    const reading = readWal(walBefore, 4096);
    const walCopies = erased.reduce((sum, key) => sum + occurrences(walBefore, stored(key)), 0);
    expect(walCopies).toBeGreaterThan(7);

    expect(await scrubKeysInFile(backup, byHash(erased))).toBe(7);
    expect(await scrubKeysInFile(wal, byHash(erased), { chunkBytes: 3 * 4120 })).toBe(walCopies);

    const backupAfter = readFileSync(backup);
    const erasedAt = keyOffsets(backupBefore, erased);
    for (const at of differences(backupBefore, backupAfter)) expect(erasedAt.some((start) => at >= start && at < start + KEY_BYTES)).toBe(true);
    const walAfter = readFileSync(wal);
    expect(readWal(walAfter, 4096)).toEqual(reading);
    for (const [i, key] of keys.entries()) {
      const isErased = i >= 3 && i < 10;
      for (const bytes of [backupAfter, walAfter]) expect(bytes.includes(key)).toBe(!isErased);
    }
    for (const file of [backup, path.join(kept, 'contactcap.db')]) {
      const read = keysIn(file);
      expect(read.size).toBe(30);
      keys.forEach((key, i) => expect(read.get(`record-${i}`)?.equals(i >= 3 && i < 10 ? stored(ZERO_KEY) : stored(key))).toBe(true));
    }
  });

  it('never counts or asks about a key of zeros, even when the test would accept any key', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'copy.db');
    const [key] = newKeys(1) as [Buffer];
    const bytes = Buffer.concat([randomBytes(100), stored(ZERO_KEY), randomBytes(50), stored(key), randomBytes(50)]);
    writeFileSync(file, bytes);
    const asked: Buffer[] = [];
    const anyKey = (found: Buffer) => {
      asked.push(found);
      return true;
    };

    expect(await scrubKeysInFile(file, anyKey)).toBe(1);
    expect(await scrubKeysInFile(file, anyKey)).toBe(0);

    expect(asked.length).toBe(1);
    expect(asked[0]?.equals(key)).toBe(true);
    expect(readFileSync(file).equals(Buffer.concat([bytes.subarray(0, 190), stored(ZERO_KEY), bytes.subarray(230)]))).toBe(true);
  });
});

describe('scrubbing a write-ahead log whole', () => {
  /** A kept -wal holding every key, with its database beside it. */
  function keptLog(keys: readonly Buffer[]): { kept: string; wal: string } {
    const dir = dirs.make();
    const live = path.join(dir, 'contactcap.db');
    const db = databaseWithKeys(live, keys, { wal: true, commitEach: true });
    const kept = path.join(dir, 'kept');
    mkdirSync(kept);
    for (const suffix of ['', '-wal']) copyFileSync(`${live}${suffix}`, path.join(kept, `contactcap.db${suffix}`));
    db.close();
    return { kept, wal: path.join(kept, 'contactcap.db-wal') };
  }

  it('writes the scrubbed log to a new file and renames it over the old, leaving no temporary file and the same permissions', async () => {
    const keys = newKeys(20);
    const { kept, wal } = keptLog(keys);
    // Group-writable, which the usual umask would take away from a new file.
    chmodSync(wal, 0o664);
    const before = statSync(wal);
    const reading = readWal(readFileSync(wal), 4096);

    expect(await scrubKeysInFile(wal, keys.slice(0, 2), { chunkBytes: 2 * 4120 })).toBeGreaterThan(0);

    const after = statSync(wal);
    // A new inode: the old log was never written into, only replaced once its successor was whole.
    expect(after.ino).not.toBe(before.ino);
    expect(after.size).toBe(before.size);
    expect(after.mode & 0o777).toBe(0o664);
    expect(readdirSync(kept).sort()).toEqual(['contactcap.db', 'contactcap.db-wal']);
    expect(readWal(readFileSync(wal), 4096)).toEqual(reading);
    expect(keysIn(path.join(kept, 'contactcap.db')).get('record-1')?.equals(stored(ZERO_KEY))).toBe(true);
  });

  it('leaves a log with nothing to erase as it was: same inode, same bytes, same time of change', async () => {
    const keys = newKeys(20);
    const { kept, wal } = keptLog(keys);
    const before = statSync(wal);
    const bytes = readFileSync(wal);
    const others = newKeys(3);

    expect(await scrubKeysInFile(wal, others, { chunkBytes: 2 * 4120 })).toBe(0);
    expect(await scrubKeysInFile(wal, byHash(others))).toBe(0);

    const after = statSync(wal);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(readFileSync(wal).equals(bytes)).toBe(true);
    expect(readdirSync(kept).sort()).toEqual(['contactcap.db', 'contactcap.db-wal']);
  });
  it.skipIf(isRoot)('leaves the log whole and says why when its scrubbed copy cannot be put beside it', async () => {
    const keys = newKeys(20);
    const { kept, wal } = keptLog(keys);
    const before = statSync(wal);
    const bytes = readFileSync(wal);
    expect(bytes.includes(stored(keys[0] ?? ZERO_KEY))).toBe(true);
    // The log itself may be changed, but no file may be made or renamed in its folder.
    chmodSync(kept, 0o555);
    try {
      const report = await scrubKeysUnder([kept], keys.slice(0, 1), () => false);
      expect(report.failed).toEqual([
        {
          file: wal,
          reason:
            'ContactCap is not allowed to change the folder this file is in, so it could not remove an erased patient’s NHS number and note from the file. Ask IT support to let ContactCap change the folder, or delete the file.',
        },
      ]);
    } finally {
      chmodSync(kept, 0o755);
    }
    expect(statSync(wal).ino).toBe(before.ino);
    expect(readFileSync(wal).equals(bytes)).toBe(true);
    expect(readdirSync(kept).sort()).toEqual(['contactcap.db', 'contactcap.db-wal']);
  });
});

describe('files under the roots that are not copies', () => {
  it('never opens a lock file, a journal, shared memory or a temporary file, nor reports them, and searches the copy beside them', async () => {
    const dir = dirs.make();
    const [key] = newKeys(1) as [Buffer];
    const holding = Buffer.concat([randomBytes(100), stored(key), randomBytes(100)]);
    const names = [
      'contactcap.lock',
      'contactcap.db-journal',
      'contactcap.db-shm',
      '.contactcap-backup-20261123T090000Z.db.part-1a2b3c4d',
      '.contactcap-backup-20261123T090000Z.db.copying',
      '.contactcap.db-wal.scrub-0123456789abcdef',
    ];
    const untouchable = names.map((name) => path.join(dir, name));
    const copy = path.join(dir, 'contactcap-backup-20261123T090000Z.db');
    const longAgo = new Date('2001-01-01T00:00:00Z');
    for (const file of [...untouchable, copy]) {
      writeFileSync(file, holding);
      // Read at all, a file's time of last reading moves on from here.
      utimesSync(file, longAgo, new Date());
    }
    const times = new Map(untouchable.map((file) => [file, statSync(file)]));
    // Not readable at all, to any user but root: opened even to read, each would be listed as failed.
    for (const file of untouchable) chmodSync(file, 0o000);
    const asked: string[] = [];
    try {
      const report = await scrubKeysUnder([dir], [key], (file) => {
        asked.push(path.basename(file));
        return false;
      });

      expect(report).toEqual({ files: 1, scrubbed: 1, failed: [] });
      expect(asked).toEqual([path.basename(copy)]);
    } finally {
      for (const file of untouchable) chmodSync(file, 0o600);
    }
    // The copy beside them was read (its time of reading moved on, so the check below means something) and scrubbed.
    expect(statSync(copy).atimeMs).toBeGreaterThan(longAgo.getTime());
    expect(readFileSync(copy).includes(key)).toBe(false);
    for (const file of untouchable) {
      const now = statSync(file);
      const then = times.get(file);
      expect(now.atimeMs).toBe(then?.atimeMs);
      expect(now.mtimeMs).toBe(then?.mtimeMs);
      expect(readFileSync(file).equals(holding)).toBe(true);
    }
  });
});
