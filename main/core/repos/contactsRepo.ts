import type Database from 'better-sqlite3';
import type { Session } from '../../../shared/domain.ts';
import { statement } from '../db/statements.ts';
import type { LogPlace, VoidColumns } from './rowParts.ts';

/** A contact as recorded, before any void. */
interface ContactFields {
  id: string;
  clinicianId: string;
  typeId: string;
  counts: boolean;
  occurredAt: number;
  recordedAt: number;
  practiceDay: string;
  session: Session;
  overCapReason: string | null;
  recordedBy: string;
  device: string;
  hlc: string;
}

/** A contacts row with its void, as stored. */
export interface ContactRecord extends ContactFields, VoidColumns {}

interface Row extends Omit<ContactRecord, 'counts'> {
  counts: 0 | 1;
}

const SELECT = `SELECT k.id, k.clinician_id AS clinicianId, k.type_id AS typeId, k.counts, k.occurred_at AS occurredAt,
  k.recorded_at AS recordedAt, k.practice_day AS practiceDay, k.session, k.over_cap_reason AS overCapReason,
  k.recorded_by AS recordedBy, k.device, k.hlc, v.reason AS voidReason, v.voided_at AS voidedAt
  FROM contacts k LEFT JOIN voids v ON v.target = 'contact' AND v.target_id = k.id`;

const toRecord = (row: Row): ContactRecord => ({ ...row, counts: row.counts === 1 });

export function getContactRecord(db: Database.Database, id: string): ContactRecord | null {
  const row = statement(db, `${SELECT} WHERE k.id = ?`).get(id) as Row | undefined;
  return row ? toRecord(row) : null;
}

/** One day's contacts in recording order (hybrid clock). */
export function contactsOnDay(db: Database.Database, day: string, clinicianId?: string): ContactRecord[] {
  const rows =
    clinicianId === undefined
      ? statement(db, `${SELECT} WHERE k.practice_day = ? ORDER BY k.hlc`).all(day)
      : statement(db, `${SELECT} WHERE k.practice_day = ? AND k.clinician_id = ? ORDER BY k.hlc`).all(day, clinicianId);
  return (rows as Row[]).map(toRecord);
}

export interface ContactInsert extends ContactFields, LogPlace {}

/** Idempotent: the same contact arriving twice is recorded once. */
export function insertContact(db: Database.Database, contact: ContactInsert): void {
  statement(
    db,
    `INSERT OR IGNORE INTO contacts (id, clinician_id, type_id, counts, occurred_at, recorded_at, practice_day, session,
       over_cap_reason, recorded_by, device, hlc, origin, seq)
     VALUES (@id, @clinicianId, @typeId, @counts, @occurredAt, @recordedAt, @practiceDay, @session,
       @overCapReason, @recordedBy, @device, @hlc, @origin, @seq)`,
  ).run({ ...contact, counts: contact.counts ? 1 : 0 });
}

/** Counted contact types over recent days, most used first, for the desk's default type. */
export function typeUsageSince(db: Database.Database, fromDay: string): { typeId: string; n: number }[] {
  return statement(
    db,
    `SELECT k.type_id AS typeId, count(*) AS n FROM contacts k
     WHERE k.practice_day >= ? AND k.counts = 1 GROUP BY k.type_id ORDER BY n DESC, k.type_id`,
  ).all(fromDay) as { typeId: string; n: number }[];
}

/** What the cap rules need of a counted, not voided contact. */
export interface CountedContact {
  id: string;
  hlc: string;
  clinicianId: string;
  session: Session;
  recordedAt: number;
  overCapReason: string | null;
}

/** A day's counted, not voided contacts in recording order: all the board needs. */
export function countedContactsOnDay(db: Database.Database, day: string, clinicianId?: string): CountedContact[] {
  const sql = `SELECT k.id, k.hlc, k.clinician_id AS clinicianId, k.session, k.recorded_at AS recordedAt, k.over_cap_reason AS overCapReason
    FROM contacts k WHERE k.practice_day = ? ${clinicianId === undefined ? '' : 'AND k.clinician_id = ?'} AND k.counts = 1
    AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.target = 'contact' AND v.target_id = k.id) ORDER BY k.hlc`;
  const statementFor = statement(db, sql);
  return (clinicianId === undefined ? statementFor.all(day) : statementFor.all(day, clinicianId)) as CountedContact[];
}

/** Recorded but not counted contacts per clinician (admin, documents, results), voided ones left out. */
export function notCountedOnDay(db: Database.Database, day: string): Map<string, number> {
  const rows = statement(
    db,
    `SELECT k.clinician_id AS clinicianId, count(*) AS n FROM contacts k WHERE k.practice_day = ? AND k.counts = 0
     AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.target = 'contact' AND v.target_id = k.id) GROUP BY k.clinician_id`,
  ).all(day) as { clinicianId: string; n: number }[];
  return new Map(rows.map((row) => [row.clinicianId, row.n]));
}

/** Counted, not voided contacts of one clinician on one day, per session. */
export function countedBySession(db: Database.Database, day: string, clinicianId: string): Record<Session, number> {
  const rows = statement(
    db,
    `SELECT k.session, count(*) AS n FROM contacts k WHERE k.practice_day = ? AND k.clinician_id = ? AND k.counts = 1
     AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.target = 'contact' AND v.target_id = k.id) GROUP BY k.session`,
  ).all(day, clinicianId) as { session: Session; n: number }[];
  const counts: Record<Session, number> = { am: 0, pm: 0 };
  for (const row of rows) counts[row.session] = row.n;
  return counts;
}

/** What reports need of each contact in a range of days, in day and recording order. */
export interface ReportContact {
  id: string;
  clinicianId: string;
  typeId: string;
  counts: boolean;
  practiceDay: string;
  session: Session;
  occurredAt: number;
  recordedAt: number;
  overCapReason: string | null;
  hlc: string;
  recordedBy: string;
  device: string;
  voided: boolean;
  voidReason: string | null;
}

export function reportContactsBetween(db: Database.Database, from: string, to: string): ReportContact[] {
  // Voids are few: one lookup table instead of a join per contact. Rows come back as arrays, in the
  // index's order (day, clinician, recording order), which is all the cap rules need.
  const voids = new Map(statement(db, "SELECT target_id, reason FROM voids WHERE target = 'contact'").raw().all() as [string, string][]);
  const rows = statement(
    db,
    `SELECT id, clinician_id, type_id, counts, practice_day, session, occurred_at, recorded_at, over_cap_reason, hlc, recorded_by, device
     FROM contacts WHERE practice_day BETWEEN ? AND ? ORDER BY practice_day, clinician_id, hlc`,
  )
    .raw()
    .all(from, to) as [string, string, string, 0 | 1, string, Session, number, number, string | null, string, string, string][];
  return rows.map(([id, clinicianId, typeId, counts, practiceDay, session, occurredAt, recordedAt, overCapReason, hlc, recordedBy, device]) => {
    const voidReason = voids.get(id) ?? null;
    return { id, clinicianId, typeId, counts: counts === 1, practiceDay, session, occurredAt, recordedAt, overCapReason, hlc, recordedBy, device, voided: voidReason !== null, voidReason };
  });
}

/** Counts per day, clinician and type for a range, voided contacts left out: enough for range summaries. */
export interface ContactCount {
  practiceDay: string;
  clinicianId: string;
  typeId: string;
  counts: boolean;
  n: number;
  urgent: number;
}

export function contactCountsBetween(db: Database.Database, from: string, to: string): ContactCount[] {
  const rows = statement(
    db,
    `SELECT k.practice_day AS practiceDay, k.clinician_id AS clinicianId, k.type_id AS typeId, k.counts,
       count(*) AS n, sum(k.over_cap_reason IS NOT NULL) AS urgent
     FROM contacts k WHERE k.practice_day BETWEEN ? AND ?
       AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.target = 'contact' AND v.target_id = k.id)
     GROUP BY k.practice_day, k.clinician_id, k.type_id, k.counts`,
  ).all(from, to) as (Omit<ContactCount, 'counts'> & { counts: 0 | 1 })[];
  return rows.map((row) => ({ ...row, counts: row.counts === 1 }));
}
