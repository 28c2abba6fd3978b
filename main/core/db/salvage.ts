import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { WireEvent } from '../../../shared/replication.ts';
import { LEAF_INDEX, pageSizeOf, recordsInPage, scanPages, type Geometry, type RecordValue } from './pageScan.ts';
import { readWal } from './wal.ts';

/**
 * What can still be read from a damaged database: its events (the source of
 * truth, each kept only if its fingerprint matches its contents), this PC's
 * own tables, and which records its projections show existed. Read first
 * through SQLite, row by row, going on past what fails, then straight from
 * its pages and from every page image in its write-ahead log.
 */

/** This PC's own tables: not made from events, so copied across as they are. */
/** An event as the events table holds it (the same shape as one crossing between PCs). */
export type SalvagedEvent = WireEvent;

/**
 * What salvage needs from the event log, given by the core (this folder sits
 * below it): an event's fingerprint, and making every projection again from
 * the events on a connection.
 */
export interface EventRules {
  fingerprint(event: Omit<SalvagedEvent, 'hash'>): string;
  reproject(db: Database.Database): void;
  /**
   * Writes again, as new events of this PC (`as.origin`, numbered after
   * `as.usedThrough`, chained to its newest held), contacts and contact voids
   * that a surviving projection row showed but no event brings back, in the
   * order given; inside the caller's transaction. A row that does not make a
   * valid event is left out. Answers how many of each were written.
   */
  writeAgain(db: Database.Database, as: WriteAgainAs, seen: { contacts: readonly SeenRow[]; voids: readonly SeenRow[] }): { contacts: number; voids: number };
}

/** Whose events the records written again become. */
export interface WriteAgainAs {
  origin: string;
  /** The highest sequence number this PC is known to have used (held or named by a projection): none is given out again. */
  usedThrough: number;
  now: number;
}

/**
 * A projection row as the damaged file held it, its columns named as the
 * event body names them (a contact: contactId, clinicianId, typeId, counts,
 * occurredAt, …, requestId; a void: contactId, reason).
 */
export type SeenRow = Record<string, unknown>;

/** Tables that are not projections of the log: salvaged row by row. Identifier keys come from nowhere else. */
export const LOCAL_TABLES = ['device', 'device_settings', 'network_self', 'network_members', 'network_set_aside', 'network_alarms', 'identifier_keys', 'identifier_erasures'] as const;

/** Projections whose rows name the event behind them: evidence of an event even where the event itself is lost. */
const EVIDENCE = [
  { table: 'contacts', contact: true },
  { table: 'redirections', contact: false },
  { table: 'deferrals', contact: false },
  { table: 'voids', contact: false },
  { table: 'requests', contact: false },
] as const;

/** Projections whose rows are kept whole, so that what they show can be written again where the events behind them are lost. */
export const KEPT_PROJECTIONS = ['contacts', 'voids', 'requests'] as const;

export interface SalvageSink {
  event(event: SalvagedEvent): void;
  localRow(table: (typeof LOCAL_TABLES)[number], row: Record<string, unknown>): void;
  /** A projection row showed that the event origin/seq existed; `contactId` when it was a contact. */
  evidence(origin: string, seq: number, contactId: string | null): void;
  /** A whole row of a projection kept for writing again. */
  projectionRow(table: (typeof KEPT_PROJECTIONS)[number], row: Record<string, unknown>): void;
}

export interface SalvageOutcome {
  /** Every row of the events table came back through SQLite without an error. */
  eventsReadCleanly: boolean;
  /** Local tables that could not be read in full. */
  localTablesDamaged: string[];
}

const EVENT_COLUMNS = 'origin, seq, hlc, wall_time AS wallTime, type, schema_version AS schemaVersion, body, hash, actor, prev_hash AS prevHash';

/** The events table's columns in a database of any schema: before schema 5 it had no actor and no link to the event before. */
export function eventColumnsOf(db: Database.Database): string {
  const names = db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[];
  return names.includes('prev_hash') ? EVENT_COLUMNS : `${EVENT_COLUMNS.replace(', actor, prev_hash AS prevHash', '')}, NULL AS actor, NULL AS prevHash`;
}

/** Inserts an event as salvage found it, nothing of it changed. */
export const INSERT_SALVAGED =
  'INSERT OR IGNORE INTO events (origin, seq, hlc, wall_time, type, schema_version, body, hash, actor, prev_hash) VALUES (@origin, @seq, @hlc, @wallTime, @type, @schemaVersion, @body, @hash, @actor, @prevHash)';

/**
 * A row as it came from anywhere, as an event if it is one whose fingerprint
 * holds. A record read from a page has 8 values when it was written before
 * schema 5 added the actor and the link (SQLite gives the missing ones NULL).
 */
export function verifiedEvent(values: Record<string, unknown> | RecordValue[], rules: EventRules): SalvagedEvent | null {
  const v = Array.isArray(values)
    ? values
    : [values.origin, values.seq, values.hlc, values.wallTime, values.type, values.schemaVersion, values.body, values.hash, values.actor ?? null, values.prevHash ?? null];
  if (v.length !== 8 && v.length !== 10) return null;
  const [origin, seq, hlc, wallTime, type, schemaVersion, body, hash, actor = null, prevHash = null] = v;
  const num = (value: unknown) => (typeof value === 'bigint' ? Number(value) : value);
  const event = { origin, seq: num(seq), hlc, wallTime: num(wallTime), type, schemaVersion: num(schemaVersion), body, actor, prevHash };
  if (typeof origin !== 'string' || typeof hlc !== 'string' || typeof type !== 'string' || typeof body !== 'string' || typeof hash !== 'string') return null;
  if (typeof event.seq !== 'number' || typeof event.wallTime !== 'number' || typeof event.schemaVersion !== 'number') return null;
  if ((actor !== null && typeof actor !== 'string') || (prevHash !== null && typeof prevHash !== 'string')) return null;
  const unsigned = event as Omit<SalvagedEvent, 'hash'>;
  return rules.fingerprint(unsigned) === hash ? { ...unsigned, hash } : null;
}

/**
 * Rows of a query, read on past a failure: forwards until one fails, then
 * backwards (when `reverse` is given) until one fails. Answers whether every
 * row came back.
 */
export function readTolerantly(db: Database.Database, sql: string, reverse: string | null, each: (row: Record<string, unknown>) => void): boolean {
  const run = (query: string): boolean => {
    try {
      for (const row of db.prepare(query).iterate() as IterableIterator<Record<string, unknown>>) each(row);
      return true;
    } catch {
      return false;
    }
  };
  if (run(sql)) return true;
  if (reverse) run(reverse);
  return false;
}

/** Through SQLite: a connection to a working copy, which this may change (SQLite writes its -shm beside it). */
function salvageThroughSqlite(file: string, sink: SalvageSink, rules: EventRules): SalvageOutcome {
  const outcome: SalvageOutcome = { eventsReadCleanly: false, localTablesDamaged: [...LOCAL_TABLES] };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return outcome;
  }
  try {
    let columns = EVENT_COLUMNS;
    try {
      columns = eventColumnsOf(db);
    } catch {
      // The schema itself is unreadable: the newest columns are tried, and the pages read below.
    }
    outcome.eventsReadCleanly = readTolerantly(db, `SELECT ${columns} FROM events ORDER BY origin, seq`, `SELECT ${columns} FROM events ORDER BY origin DESC, seq DESC`, (row) => {
      const event = verifiedEvent(row, rules);
      if (event) sink.event(event);
    });
    outcome.localTablesDamaged = LOCAL_TABLES.filter((table) => !readTolerantly(db, `SELECT * FROM ${table}`, null, (row) => sink.localRow(table, row)));
    for (const { table, contact } of EVIDENCE) {
      const kept = (KEPT_PROJECTIONS as readonly string[]).includes(table) ? (table as (typeof KEPT_PROJECTIONS)[number]) : null;
      const columns = kept ? '*' : `origin, seq${contact ? ', id' : ''}`;
      readTolerantly(db, `SELECT ${columns} FROM ${table}`, `SELECT ${columns} FROM ${table} ORDER BY rowid DESC`, (row) => {
        if (typeof row.origin === 'string' && typeof row.seq === 'number') sink.evidence(row.origin, row.seq, contact && typeof row.id === 'string' ? row.id : null);
        if (kept) sink.projectionRow(kept, row);
      });
    }
  } finally {
    db.close();
  }
  return outcome;
}

/**
 * Straight from the pages: every page of the file and every page image in
 * the write-ahead log (`wal`, or null), whether SQLite would use it or not.
 */
export function salvageFromPages(file: string | null, wal: string | null, sink: Pick<SalvageSink, 'event'>, rules: EventRules, scanFile = true): void {
  const fd = file && existsSync(file) ? openSync(file, 'r') : null;
  try {
    const header = Buffer.alloc(100);
    if (fd !== null) readSync(fd, header, 0, 100, 0);
    const walBytes = wal && existsSync(wal) ? readFileSync(wal) : null;
    const reading = walBytes ? readWal(walBytes, pageSizeOf(header)) : null;
    const pageSize = fd !== null ? pageSizeOf(header) : (reading?.pageSize ?? 4096);
    const reserved = fd !== null && header[20] !== undefined && header[20] < 64 ? header[20] : 0;
    const newest = new Map<number, Buffer>();
    for (const frame of reading && reading.pageSize === pageSize ? reading.frames : []) newest.set(frame.pageNumber, walBytes?.subarray(frame.offset, frame.offset + pageSize) ?? Buffer.alloc(0));
    const filePages = fd !== null ? Math.ceil(fstatSync(fd).size / pageSize) : 0;
    const pageCount = Math.max(filePages, ...newest.keys());
    const fromFile = (n: number): Buffer | undefined => {
      if (fd === null || n < 1 || n > filePages) return undefined;
      const page = Buffer.alloc(pageSize);
      readSync(fd, page, 0, pageSize, (n - 1) * pageSize);
      return page;
    };
    const geometry: Geometry = { usable: pageSize - reserved, pageCount, columns: [8, 10], source: (n) => newest.get(n) ?? fromFile(n) };
    const keep = (record: RecordValue[]) => {
      const event = verifiedEvent(record, rules);
      if (event) sink.event(event);
    };
    if (scanFile) scanPages({ ...geometry, source: fromFile }, LEAF_INDEX, keep);
    // Every image in the log, the older ones too: a later one may be the damaged one.
    for (const frame of reading && reading.pageSize === pageSize ? reading.frames : []) {
      const image = walBytes?.subarray(frame.offset, frame.offset + pageSize);
      if (image) for (const record of recordsInPage(image, frame.pageNumber, geometry)) keep(record);
    }
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Everything that can be read from a damaged database's working copy (with its -wal beside it when trusted) and, for pages, its log. */
export function salvageDatabase(workingCopy: string, pagesWal: string | null, sink: SalvageSink, rules: EventRules): SalvageOutcome {
  const outcome = salvageThroughSqlite(workingCopy, sink, rules);
  salvageFromPages(workingCopy, pagesWal, sink, rules);
  return outcome;
}
