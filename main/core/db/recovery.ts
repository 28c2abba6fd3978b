import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StartupNotice } from '../../../shared/domain.ts';
import { BACKUP_FOLDER, listBackups } from './backups.ts';
import { giveNewDeviceId } from './identity.ts';
import { migrate, type Migration } from './migrations.ts';
import { eventColumnsOf, INSERT_SALVAGED, LOCAL_TABLES, readTolerantly, salvageDatabase, verifiedEvent, type EventRules, type SalvageSink } from './salvage.ts';

/**
 * When the database is found damaged: its files are kept, untouched, in a
 * folder of the data folder's `recovery` folder named for when and why, and a
 * new database is built from everything that can be read in them plus the
 * newest backup that passes its check. The desk records into the new one.
 */

export const RECOVERY_FOLDER = 'recovery';
const SIDE_FILES = ['', '-wal', '-shm'] as const;

function stampOf(now: number): string {
  return new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Keeps the database's files (moved, or copied while a connection still has
 * them open) in `recovery/<time>-<why>/`, never over an earlier folder.
 */
export function keepFiles(file: string, why: string, now: number, how: 'move' | 'copy', suffixes: readonly string[] = SIDE_FILES): string {
  const base = path.join(path.dirname(file), RECOVERY_FOLDER, `${stampOf(now)}-${why}`);
  let folder = base;
  for (let n = 2; existsSync(folder); n++) folder = `${base}-${n}`;
  mkdirSync(folder, { recursive: true });
  for (const suffix of suffixes) {
    const from = `${file}${suffix}`;
    if (!existsSync(from)) continue;
    const to = path.join(folder, `${path.basename(file)}${suffix}`);
    if (how === 'move') renameSync(from, to);
    else copyFileSync(from, to);
  }
  return folder;
}

/** Only the newest `keep` folders kept after unclean stops: one is made at every such start. */
export function pruneKept(dataDir: string, why: string, keep: number): void {
  const folder = path.join(dataDir, RECOVERY_FOLDER);
  if (!existsSync(folder)) return;
  const names = readdirSync(folder).filter((name) => name.includes(`-${why}`)).sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) rmSync(path.join(folder, name), { recursive: true, force: true });
}

export interface RebuildReport {
  /** Events in the new database, from any source. */
  events: number;
  /** Of those, read from the damaged files. */
  fromDamaged: number;
  /** Of those, found only in the backup. */
  fromBackup: number;
  backupCreatedAt: string | null;
  contacts: number;
  /** Records known to have existed (by sequence, or named by a projection) that nothing could bring back. */
  eventsLost: number;
  /** Contacts the damaged file listed that are not back. */
  contactsLost: number;
  /** The rebuilt database took a new device id (a PC in a practice network). */
  newDeviceId: boolean;
}

export interface RebuildOptions {
  /** The folder keepFiles made. */
  kept: string;
  /** The live database's path: the new database is put here. */
  file: string;
  migrations: Migration[];
  now: number;
  /** The kept -wal belongs to this database (false for a log found to be another's). */
  walTrusted: boolean;
  rules: EventRules;
}

/** Inserts what salvage finds into the new database, counting what each source added. */
function sinkInto(db: Database.Database, counts: { added: number }): SalvageSink {
  const insertEvent = db.prepare(INSERT_SALVAGED);
  const insertEvidence = db.prepare('INSERT OR IGNORE INTO temp.evidence (origin, seq, contact_id) VALUES (?, ?, ?)');
  const columnsOf = new Map(LOCAL_TABLES.map((table) => [table, new Set((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]))]));
  return {
    event(event) {
      counts.added += insertEvent.run(event).changes;
    },
    localRow(table, row) {
      const known = columnsOf.get(table);
      const names = Object.keys(row).filter((name) => known?.has(name));
      if (names.length === 0) return;
      try {
        db.prepare(`INSERT OR IGNORE INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((name) => row[name]));
      } catch {
        // A row the damage garbled so that it breaks a rule of its table: left out.
      }
    },
    evidence(origin, seq, contactId) {
      insertEvidence.run(origin, seq, contactId);
    },
  };
}

/** The newest backup that passes quick_check, read into the new database; answers when it was made. */
function addNewestGoodBackup(backupsFolder: string, sink: SalvageSink, localTablesWanted: readonly string[], rules: EventRules): string | null {
  for (const backup of listBackups(backupsFolder)) {
    let copy: Database.Database;
    try {
      copy = new Database(path.join(backupsFolder, backup.name), { readonly: true, fileMustExist: true });
    } catch {
      continue;
    }
    try {
      if (copy.pragma('quick_check', { simple: true }) !== 'ok') continue;
      readTolerantly(copy, `SELECT ${eventColumnsOf(copy)} FROM events`, null, (row) => {
        const event = verifiedEvent(row, rules);
        if (event) sink.event(event);
      });
      for (const table of LOCAL_TABLES.filter((name) => localTablesWanted.includes(name))) readTolerantly(copy, `SELECT * FROM ${table}`, null, (row) => sink.localRow(table, row));
      return backup.createdAt;
    } catch {
      continue;
    } finally {
      copy.close();
    }
  }
  return null;
}

/** Builds the new database in place of the damaged one, from what was kept in `kept`. */
export function rebuildDatabase(options: RebuildOptions): RebuildReport {
  const name = path.basename(options.file);
  const work = path.join(options.kept, '.work');
  mkdirSync(work, { recursive: true });
  const workingCopy = path.join(work, name);
  const keptWal = path.join(options.kept, `${name}-wal`);
  if (existsSync(path.join(options.kept, name))) copyFileSync(path.join(options.kept, name), workingCopy);
  if (options.walTrusted && existsSync(keptWal)) copyFileSync(keptWal, `${workingCopy}-wal`);
  const building = `${options.file}.rebuilding`;
  for (const suffix of ['', '-journal']) rmSync(`${building}${suffix}`, { force: true });
  const db = new Database(building);
  try {
    db.pragma('journal_mode = DELETE');
    migrate(db, options.migrations);
    db.exec('CREATE TEMP TABLE evidence (origin TEXT NOT NULL, seq INTEGER NOT NULL, contact_id TEXT, PRIMARY KEY (origin, seq))');
    const damagedCounts = { added: 0 };
    const backupCounts = { added: 0 };
    let backupCreatedAt: string | null = null;
    db.transaction(() => {
      const outcome = existsSync(workingCopy) ? salvageDatabase(workingCopy, options.walTrusted ? keptWal : null, sinkInto(db, damagedCounts), options.rules) : null;
      backupCreatedAt = addNewestGoodBackup(path.join(path.dirname(options.file), BACKUP_FOLDER), sinkInto(db, backupCounts), outcome?.localTablesDamaged ?? LOCAL_TABLES, options.rules);
      options.rules.reproject(db);
      db.prepare("DELETE FROM maintenance WHERE task = 'rebuild_projections'").run();
    })();
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    const gaps = one('SELECT coalesce(sum(top - held), 0) FROM (SELECT max(seq) AS top, count(*) AS held FROM events GROUP BY origin)');
    const named = one('SELECT count(*) FROM temp.evidence x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.origin = x.origin AND e.seq = x.seq) AND x.seq > (SELECT coalesce(max(seq), 0) FROM events e WHERE e.origin = x.origin)');
    const report: RebuildReport = {
      events: one('SELECT count(*) FROM events'),
      fromDamaged: damagedCounts.added,
      fromBackup: backupCounts.added,
      backupCreatedAt,
      contacts: one('SELECT count(*) FROM contacts'),
      eventsLost: gaps + named,
      contactsLost: one('SELECT count(*) FROM temp.evidence x WHERE x.contact_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = x.contact_id)'),
      newDeviceId: false,
    };
    // In a practice network the other PCs hold this PC's sequence numbers: a rebuilt file must never give one out again.
    if (db.prepare('SELECT 1 FROM network_self').get()) {
      giveNewDeviceId(db, options.now, 'This PC before its database was rebuilt');
      report.newDeviceId = true;
    }
    db.close();
    renameSync(building, options.file);
    return report;
  } catch (error) {
    if (db.open) db.close();
    rmSync(building, { force: true });
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function formatInstant(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The notice for the desk and the practice manager: what was kept, what the new database holds, and what could not be recovered. */
export function rebuiltNotice(report: RebuildReport, why: string, kept: string): StartupNotice {
  const sources = report.backupCreatedAt
    ? `everything that could still be read in them and the backup of ${formatInstant(report.backupCreatedAt)} (${plural(report.fromBackup, 'record', 'records')} came from the backup alone)`
    : 'everything that could still be read in them (there was no backup to add)';
  const lost =
    report.eventsLost === 0 && report.contactsLost === 0
      ? 'No record is known to be missing.'
      : `${plural(report.eventsLost, 'record', 'records')} could not be recovered, ${plural(report.contactsLost, 'contact', 'contacts')} among them` +
        (report.newDeviceId ? '; the other PCs in the practice network send back what they hold' : '') +
        '. Check today’s list against what was written down.';
  const identity = report.newDeviceId ? ' This PC now has a new identity in the practice’s records, so no record number is used twice.' : '';
  return {
    kind: 'database_rebuilt',
    file: kept,
    message:
      `ContactCap’s database on this PC was damaged (${why}). Its files are kept, untouched, in “${kept}”. ` +
      `ContactCap built a new database from ${sources}, and the desk carries on with it: it holds ${plural(report.contacts, 'contact', 'contacts')}. ${lost}${identity} ` +
      'Tell your practice manager or IT support today.',
  };
}

/**
 * Damage found while the desk is working (by the background check, or a
 * write that failed on it): the files are copied aside at once, before
 * anything else writes, then the damaged connection is closed (`closeOld`),
 * a new database is built from the copy and the newest good backup, and put
 * where the damaged one was. Answers the new database's path report; the
 * caller opens it and carries on.
 */
export function rebuildWhileRunning(file: string, why: string, migrations: Migration[], rules: EventRules, now: number, closeOld: () => void): { report: RebuildReport; notice: StartupNotice } {
  const kept = keepFiles(file, 'damaged', now, 'copy');
  closeOld();
  // The copy holds every byte the damaged files held: the live ones make way for the new database.
  for (const suffix of SIDE_FILES) rmSync(`${file}${suffix}`, { force: true });
  const report = rebuildDatabase({ kept, file, migrations, now, walTrusted: true, rules });
  return { report, notice: rebuiltNotice(report, why, kept) };
}
