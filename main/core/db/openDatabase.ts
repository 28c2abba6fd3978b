import { closeSync, existsSync, openSync, readSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StartupNotice } from '../../../shared/domain.ts';
import { StartupError, errorCodeOf, isBusy, isCorrupt, isDiskFull, isReadOnly } from '../errors.ts';
import { DATABASE_FILE, assertLocalDataDir } from './dataDir.ts';
import { acquireInstanceLock, type InstanceLock } from './instanceLock.ts';
import { migrate, schemaVersionOf, type Migration } from './migrations.ts';
import { BACKUP_FOLDER, backupBeforeUpdate } from './backups.ts';
import { OWNER_ONLY_FILE, createOwnerOnly, makeDataFolder, tightenDataFolder } from './ownerOnly.ts';
import { applyPendingRestore } from './restore.ts';
import { checkLeftoverLog, logNeedsSalvage } from './leftoverLog.ts';
import { keepFiles, rebuildDatabase, rebuiltNotice } from './recovery.ts';
import { salvageLog } from './logSalvage.ts';
import type { EventRules } from './salvage.ts';

export interface OpenOptions {
  dataDir: string;
  migrations: Migration[];
  /** How many times to try for the lock before saying another copy is running. */
  lockAttempts?: number;
  /** How long each attempt waits for the lock. */
  lockWaitMs?: number;
  /** Time source for naming files moved aside. */
  now: () => number;
  /** What rebuilding after damage needs from the event log. */
  eventRules: EventRules;
}

export interface OpenedDatabase {
  db: Database.Database;
  file: string;
  notices: StartupNotice[];
  lock: InstanceLock;
}

/** Busy timeout for normal work once the database is open (DESIGN.md §3). */
export const BUSY_TIMEOUT_MS = 5000;

/** Left by a background integrity check that found damage: the next start sets the file aside. */
export function recoveryMarkerOf(file: string): string {
  return `${file}.needs-recovery`;
}

/**
 * Opens (creating if needed) the one SQLite file in the data folder, with the
 * pragmas every connection needs, and migrates it. Each way this can fail is
 * explained by cause; nothing the practice saved is overwritten or deleted.
 */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  assertMinimumNodeApi();
  assertLocalDataDir(options.dataDir);
  tightenDataFolder(options.dataDir, prepareFolder(options.dataDir));
  const lock = acquireLock(options);
  try {
    const file = path.join(options.dataDir, DATABASE_FILE);
    const notices: StartupNotice[] = [];
    // A backup the practice manager chose to restore goes in now, before anything opens the database.
    const restored = applyPendingRestore(options.dataDir, file, options.now());
    if (restored) notices.push(restored);
    // Before SQLite reads a log left by an unclean stop into the database, it is copied aside and checked.
    const log = checkLeftoverLog(file, options.now());
    if (log.verdict === 'foreign' && log.kept) notices.push(foreignLogNotice(log.kept));
    const done = { rebuilt: false };
    const rebuild = (why: string) => {
      done.rebuilt = true;
      notices.push(rebuildAfterDamage(file, why, options, log.verdict !== 'foreign'));
    };

    if (existsSync(recoveryMarkerOf(file))) {
      rebuild('the last check found damage in it');
      rmSync(recoveryMarkerOf(file), { force: true });
    }
    let db = connect(file, options);
    if (db === 'damaged') {
      rebuild('it could not be read');
      db = connect(file, options);
      if (db === 'damaged') throw new StartupError('unreadable', `ContactCap could not create a new database in "${options.dataDir}". Contact your IT support.`);
    }
    try {
      configureForWork(db);
      backUpBeforeUpdating(db, options, file, notices);
      migrate(db, options.migrations);
    } catch (error) {
      db.close();
      if (!isCorrupt(errorCodeOf(error))) throw explainStorageError(error, options.dataDir);
      rebuild('it could not be updated to this version');
      db = connect(file, options);
      if (db === 'damaged') throw explainStorageError(error, options.dataDir);
      configureForWork(db);
      migrate(db, options.migrations);
    }
    if (!done.rebuilt && log.kept && logNeedsSalvage(log)) notices.push(salvageLog(db, log.kept, log.reading, options.eventRules, options.now()));
    return { db, file, notices, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Before a new version updates a database that holds records, a checked copy of it goes in the backups folder. */
function backUpBeforeUpdating(db: Database.Database, options: OpenOptions, file: string, notices: StartupNotice[]): void {
  const from = schemaVersionOf(db);
  const latest = options.migrations.at(-1)?.version ?? 0;
  if (from === 0 || from >= latest) return;
  try {
    backupBeforeUpdate(db, path.join(options.dataDir, BACKUP_FOLDER), options.now());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    notices.push({
      kind: 'backup_failed',
      file,
      message: `Before updating its database to this version, ContactCap could not make its safety copy: ${reason} The update went ahead and nothing recorded was lost, but there is no copy from before it.`,
    });
  }
}

function acquireLock(options: OpenOptions): InstanceLock {
  try {
    return acquireInstanceLock(options.dataDir, options.lockAttempts ?? 3, options.lockWaitMs ?? 1000);
  } catch (error) {
    throw explainStorageError(error, options.dataDir);
  }
}

/**
 * Damage found at start: the files are moved, untouched, into the recovery
 * folder and a new database is built in their place from them and the newest
 * good backup. Should that fail too, the desk starts on an empty database
 * rather than not at all, and the notice says where the files are.
 */
function rebuildAfterDamage(file: string, why: string, options: OpenOptions, walTrusted: boolean): StartupNotice {
  const kept = keepFiles(file, 'damaged', options.now(), 'move');
  try {
    return rebuiltNotice(rebuildDatabase({ kept, file, migrations: options.migrations, now: options.now(), walTrusted, rules: options.eventRules }), why, kept);
  } catch (error) {
    console.error('ContactCap: the rebuild after damage failed', error);
    return movedAsideNotice(kept, why.charAt(0).toUpperCase() + why.slice(1));
  }
}

function foreignLogNotice(kept: string): StartupNotice {
  return {
    kind: 'log_set_aside',
    file: kept,
    message:
      `ContactCap did not stop cleanly last time, and the log of recent changes beside its database does not belong to it (it was probably copied there from another PC or an old copy). ` +
      `It was not used, so nothing in the database was overwritten; a copy is kept in “${kept}”. Nothing recorded on this PC was lost. Tell IT support.`,
  };
}

function movedAsideNotice(movedTo: string, why: string): StartupNotice {
  return {
    kind: 'database_moved_aside',
    file: movedTo,
    message:
      `ContactCap's database on this PC was damaged. ${why}, so it has been moved aside, untouched, to ` +
      `"${movedTo}", and a new empty database has been started. Nothing has been deleted. ` +
      `Tell your practice manager or IT support today: they can restore the latest backup or send the damaged file for recovery.`,
  };
}

function assertMinimumNodeApi(): void {
  // better-sqlite3 13 needs Node-API 10; on older runtimes it crashes instead of failing cleanly.
  const napi = Number(process.versions.napi ?? 0);
  if (napi < 10) {
    throw new StartupError(
      'unsupported_runtime',
      `ContactCap needs Node.js 22.14 or newer (Node-API 10); this is Node.js ${process.versions.node}. Install Node.js 22 and try again.`,
    );
  }
}

/** Makes the folder if need be and checks it can be written to; true if it was made now. */
function prepareFolder(dir: string): boolean {
  const probe = path.join(dir, `.contactcap-write-test-${process.pid}`);
  try {
    const created = makeDataFolder(dir);
    writeFileSync(probe, 'ContactCap checks it can write here before opening its database.\n', { mode: OWNER_ONLY_FILE });
    unlinkSync(probe);
    return created;
  } catch (error) {
    try {
      // A probe that could be created but not written must not be left behind.
      rmSync(probe, { force: true });
    } catch {
      // The folder itself is unusable (for example a file stands where it should be): report the first error.
    }
    throw explainStorageError(error, dir);
  }
}

/**
 * Opens the file and reads its header and schema before anything is written to
 * it, so a file that is not a database can be moved aside exactly as it was
 * found. The full check of every page runs in the background once the app is up.
 */
function connect(file: string, options: OpenOptions): Database.Database | 'damaged' {
  let db: Database.Database;
  try {
    // Owner-only from the start: SQLite gives the -wal and -shm it makes the database file's mode.
    createOwnerOnly(file);
    db = new Database(file, { timeout: options.lockWaitMs ?? 1000 });
  } catch (error) {
    if (isCorrupt(errorCodeOf(error))) return 'damaged';
    throw explainStorageError(error, path.dirname(file));
  }
  try {
    // A header SQLite takes as "read-only" or "from a newer SQLite" would otherwise look like a folder permissions problem.
    if (headerProblem(file)) return closeAsDamaged(db);
    db.pragma('schema_version', { simple: true });
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_schema').all();
    if (versionProblem(schemaVersionOf(db), schema.length, options.migrations.at(-1)?.version ?? 0)) return closeAsDamaged(db);
    return db;
  } catch (error) {
    db.close();
    if (isCorrupt(errorCodeOf(error)) || unsupportedFormat(error)) return 'damaged';
    throw explainStorageError(error, path.dirname(file));
  }
}

/** A schema format number or text encoding in the header that SQLite does not know: a damaged header, not an old app. */
function unsupportedFormat(error: unknown): boolean {
  return error instanceof Error && /unsupported file format|unsupported encoding/i.test(error.message);
}

/**
 * The schema version (header bytes 60–63) read as no ContactCap ever wrote
 * it: below zero, far beyond this version (migrations are numbered one by
 * one), or zero in a file that has tables (the first migration sets it).
 */
function versionProblem(version: number, objects: number, latest: number): boolean {
  return version < 0 || version > latest + 100 || (version === 0 && objects > 0);
}

function closeAsDamaged(db: Database.Database): 'damaged' {
  db.close();
  return 'damaged';
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether the first 100 bytes break SQLite's file format in a way that would
 * not show as damage: bytes 18 and 19 (the write and read versions) above 2
 * make SQLite open the file read-only or not at all; bytes 21–23 are fixed.
 * An empty file (a new database) has no header yet.
 */
export function headerProblem(file: string): boolean {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) return false;
  if (read < 100 || !header.subarray(0, 16).equals(MAGIC)) return true;
  const version = (at: number) => header[at] === 1 || header[at] === 2;
  return !version(18) || !version(19) || header[21] !== 64 || header[22] !== 32 || header[23] !== 32;
}

export function configureForWork(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // better-sqlite3 reopens WAL databases at NORMAL: set FULL every time.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // What is deleted is overwritten, not left in free space: an erased identifier's key must not be readable afterwards.
  db.pragma('secure_delete = ON');
}

/** Turns a file-system or SQLite failure at start-up into advice for the person at the PC. */
export function explainStorageError(error: unknown, dir: string): Error {
  if (error instanceof StartupError) return error;
  const code = errorCodeOf(error);
  if (isDiskFull(code)) {
    return new StartupError(
      'disk_full',
      `The disk holding ContactCap's data ("${dir}") is full, so ContactCap cannot start safely. Nothing has been changed. ` +
        `Free some space on that disk (or ask IT to), then start ContactCap again.`,
      { cause: error },
    );
  }
  if (isReadOnly(code) || code === 'ENOTDIR' || code === 'EEXIST' || code.startsWith('SQLITE_CANTOPEN')) {
    return new StartupError(
      'read_only',
      `ContactCap cannot write to its data folder "${dir}" (it is read-only, is not a folder, or this Windows account lacks permission). ` +
        `Nothing has been changed. Ask IT to give this PC's users write access to that folder, then start ContactCap again.`,
      { cause: error },
    );
  }
  if (isBusy(code)) {
    return new StartupError(
      'locked',
      `Another copy of ContactCap is running on this PC and is using "${dir}". Switch to that window, or close it and try again.`,
      { cause: error },
    );
  }
  return new StartupError(
    'unreadable',
    `ContactCap could not open its database in "${dir}": ${error instanceof Error ? error.message : String(error)}. ` +
      `Nothing has been changed. Contact your IT support with this message.`,
    { cause: error },
  );
}
