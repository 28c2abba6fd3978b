import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StartupNotice } from '../../../shared/domain.ts';
import { BACKUP_FOLDER, listBackups } from './backups.ts';
import { giveNewDeviceId } from './identity.ts';
import { migrate, type Migration } from './migrations.ts';
import { eventColumnsOf, INSERT_SALVAGED, KEPT_PROJECTIONS, LOCAL_TABLES, readTolerantly, salvageDatabase, verifiedEvent, type EventRules, type SalvageSink, type SeenRow } from './salvage.ts';

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
  /** Contacts whose events were lost but whose rows the damaged file still listed: written again, as this PC's. */
  contactsWrittenAgain: number;
  /** Voids of contacts likewise written again. */
  voidsWrittenAgain: number;
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

/** The whole projection rows salvage keeps go into temporary tables of the new database's columns, one row per key. */
const SEEN_KEYS: Record<(typeof KEPT_PROJECTIONS)[number], string> = { contacts: 'id', voids: 'target, target_id', requests: 'request_id' };

function createSeenTables(db: Database.Database): void {
  for (const table of KEPT_PROJECTIONS) {
    db.exec(`CREATE TEMP TABLE seen_${table} AS SELECT * FROM main.${table} WHERE 0`);
    db.exec(`CREATE UNIQUE INDEX temp.seen_${table}_key ON seen_${table} (${SEEN_KEYS[table]})`);
  }
}

/** Inserts what salvage finds into the new database, counting what each source added. */
function sinkInto(db: Database.Database, counts: { added: number }): SalvageSink {
  const insertEvent = db.prepare(INSERT_SALVAGED);
  const insertEvidence = db.prepare('INSERT OR IGNORE INTO temp.evidence (origin, seq, contact_id) VALUES (?, ?, ?)');
  const columnsOf = new Map<string, Set<string>>([...LOCAL_TABLES, ...KEPT_PROJECTIONS].map((table) => [table, new Set((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]))]));
  const insertKnown = (table: string, into: string, row: Record<string, unknown>) => {
    const known = columnsOf.get(table);
    const names = Object.keys(row).filter((name) => known?.has(name));
    if (names.length === 0) return;
    try {
      db.prepare(`INSERT OR IGNORE INTO ${into} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((name) => row[name]));
    } catch {
      // A row the damage garbled so that it breaks a rule of its table: left out.
    }
  };
  return {
    event(event) {
      counts.added += insertEvent.run(event).changes;
    },
    localRow(table, row) {
      insertKnown(table, table, row);
    },
    evidence(origin, seq, contactId) {
      insertEvidence.run(origin, seq, contactId);
    },
    projectionRow(table, row) {
      insertKnown(table, `temp.seen_${table}`, row);
    },
  };
}

/** Contacts the damaged file listed that no event brought back, in the order they were recorded. */
const CONTACTS_TO_WRITE_AGAIN = `SELECT s.id AS contactId, s.clinician_id AS clinicianId, s.type_id AS typeId, s.counts, s.occurred_at AS occurredAt,
    s.practice_day AS practiceDay, s.session, s.over_cap_reason AS overCapReason, s.late_reason AS lateReason,
    s.recorded_by AS recordedBy, s.device, r.request_id AS requestId
  FROM temp.seen_contacts s LEFT JOIN temp.seen_requests r ON r.kind = 'contact' AND r.target_id = s.id
  WHERE NOT EXISTS (SELECT 1 FROM main.contacts c WHERE c.id = s.id)
  ORDER BY s.hlc, s.id`;

/** Voids the damaged file listed of contacts held now that no event voids. */
const VOIDS_TO_WRITE_AGAIN = `SELECT s.target_id AS contactId, s.reason FROM temp.seen_voids s
  WHERE s.target = 'contact' AND EXISTS (SELECT 1 FROM main.contacts c WHERE c.id = s.target_id)
    AND NOT EXISTS (SELECT 1 FROM main.voids v WHERE v.target = 'contact' AND v.target_id = s.target_id)
  ORDER BY s.hlc`;

/**
 * Once every event any source holds is in: the contacts (and their voids)
 * that the damaged file's own list still showed but no event brings back are
 * written again as new events of this PC, after every sequence number it is
 * known to have used.
 */
function writeAgainWhatOnlyTheListHeld(db: Database.Database, rules: EventRules, now: number): { contacts: number; voids: number } {
  const origin = db.prepare('SELECT device_id FROM device WHERE id = 1').pluck().get() as string | undefined;
  // With no device id the core gives the file a new one at its start, and these stay counted as lost.
  if (origin === undefined) return { contacts: 0, voids: 0 };
  const usedThrough = db
    .prepare('SELECT max(coalesce((SELECT max(seq) FROM events WHERE origin = ?), 0), coalesce((SELECT max(seq) FROM temp.evidence WHERE origin = ?), 0))')
    .pluck()
    .get(origin, origin) as number;
  return db.transaction(() => {
    const as = { origin, usedThrough, now };
    const contacts = rules.writeAgain(db, as, { contacts: db.prepare(CONTACTS_TO_WRITE_AGAIN).all() as SeenRow[], voids: [] }).contacts;
    const voids = rules.writeAgain(db, { ...as, usedThrough: 0 }, { contacts: [], voids: db.prepare(VOIDS_TO_WRITE_AGAIN).all() as SeenRow[] }).voids;
    return { contacts, voids };
  })();
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
    createSeenTables(db);
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
    // In a practice network the other PCs hold this PC's sequence numbers: a rebuilt file must never give one out again.
    const newDeviceId = db.prepare('SELECT 1 FROM network_self').get() !== undefined;
    if (newDeviceId) giveNewDeviceId(db, options.now, 'This PC before its database was rebuilt');
    const writtenAgain = writeAgainWhatOnlyTheListHeld(db, options.rules, options.now);
    const report: RebuildReport = {
      events: one('SELECT count(*) FROM events'),
      fromDamaged: damagedCounts.added,
      fromBackup: backupCounts.added,
      backupCreatedAt,
      contacts: one('SELECT count(*) FROM contacts'),
      // A record written again is recovered, though under a new number: the old number stays a gap in the audit check.
      eventsLost: Math.max(0, gaps + named - writtenAgain.contacts - writtenAgain.voids),
      contactsLost: one('SELECT count(*) FROM temp.evidence x WHERE x.contact_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = x.contact_id)'),
      contactsWrittenAgain: writtenAgain.contacts,
      voidsWrittenAgain: writtenAgain.voids,
      newDeviceId,
    };
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
  const again =
    report.contactsWrittenAgain + report.voidsWrittenAgain === 0
      ? ''
      : ` ${plural(report.contactsWrittenAgain, 'contact was', 'contacts were')} written again from the day’s list, as this PC’s` +
        (report.voidsWrittenAgain > 0 ? `, with ${plural(report.voidsWrittenAgain, 'void', 'voids')}` : '') +
        ': their own records were lost.';
  const identity = report.newDeviceId ? ' This PC now has a new identity in the practice’s records, so no record number is used twice.' : '';
  return {
    kind: 'database_rebuilt',
    file: kept,
    message:
      `ContactCap’s database on this PC was damaged (${why}). Its files are kept, untouched, in “${kept}”. ` +
      `ContactCap built a new database from ${sources}, and the desk carries on with it: it holds ${plural(report.contacts, 'contact', 'contacts')}.${again} ${lost}${identity} ` +
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
