import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pageSizeOf } from './pageScan.ts';
import { keepFiles, pruneKept } from './recovery.ts';
import { readWal, walLosesFrames, type WalReading } from './wal.ts';

/**
 * A write-ahead log left beside the database means ContactCap did not stop
 * cleanly (a clean close empties it). Before SQLite opens the file and reads
 * the log into it, the log is copied aside and checked: that it belongs to
 * this database (a log put beside it from another copy would be read over
 * good data), and whether SQLite will leave part of it out (a damaged header
 * or checksum, or a frame cut short), so what it leaves out can be salvaged.
 */

export type LogVerdict = 'none' | 'ours' | 'foreign' | 'unchecked';

export interface LogCheck {
  verdict: LogVerdict;
  /** The folder holding the copy, when there was a log. */
  kept: string | null;
  reading: WalReading | null;
}

/** Unclean stops whose logs are kept. */
const KEEP_UNCLEAN = 5;

/** What identifies a database's history: its device id and each event's fingerprint, up to each origin's newest in `upTo` (or all). */
function fingerprintOf(file: string, upTo: Map<string, number> | null): { digest: string; newest: Map<string, number> } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const deviceId = db.prepare('SELECT device_id FROM device WHERE id = 1').pluck().get();
    hash.update(typeof deviceId === 'string' ? deviceId : '');
    const newest = new Map<string, number>();
    for (const row of db.prepare('SELECT origin, seq, hash FROM events ORDER BY origin, seq').iterate() as IterableIterator<{ origin: string; seq: number; hash: string }>) {
      if (upTo && !(row.seq <= (upTo.get(row.origin) ?? 0))) continue;
      hash.update(`${row.origin}|${row.seq}|${row.hash}\n`);
      newest.set(row.origin, row.seq);
    }
    if (upTo && db.pragma('quick_check', { simple: true }) !== 'ok') hash.update('damaged');
    return { digest: hash.digest('hex'), newest };
  } finally {
    db.close();
  }
}

function headerOf(file: string): Buffer {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  return header;
}

export function checkLeftoverLog(file: string, now: number): LogCheck {
  const wal = `${file}-wal`;
  if (!existsSync(wal) || statSync(wal).size === 0 || !existsSync(file)) return { verdict: 'none', kept: null, reading: null };
  const kept = keepFiles(file, 'unclean-stop', now, 'copy');
  pruneKept(path.dirname(file), 'unclean-stop', KEEP_UNCLEAN);
  const databasePageSize = pageSizeOf(headerOf(file));
  const reading = readWal(readFileSync(wal), databasePageSize);
  let verdict: LogVerdict;
  if (reading.headerOk && reading.pageSize !== databasePageSize) {
    verdict = 'foreign';
  } else {
    // The database on its own first, with the log out of the way; then with it, read-only so nothing is checkpointed.
    const held = `${wal}.checking`;
    renameSync(wal, held);
    rmSync(`${file}-shm`, { force: true });
    try {
      const base = fingerprintOf(file, null);
      renameSync(held, wal);
      verdict = fingerprintOf(file, base.newest).digest === base.digest ? 'ours' : 'foreign';
    } catch {
      verdict = 'unchecked';
    } finally {
      if (existsSync(held)) renameSync(held, wal);
    }
  }
  if (verdict === 'foreign') {
    // Never read into the database: the copy stays in the recovery folder.
    rmSync(wal, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
  return { verdict, kept, reading };
}

/** Whether SQLite will leave out part of a log that belongs to this database: then its copy is salvaged. */
export function logNeedsSalvage(check: LogCheck): boolean {
  return check.verdict === 'ours' && check.reading !== null && walLosesFrames(check.reading);
}
