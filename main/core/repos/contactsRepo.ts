import type Database from 'better-sqlite3';
import type { Session } from '../../../shared/domain.ts';
import { statement } from '../db/statements.ts';

/** A contacts row with its void, as stored. */
export interface ContactRecord {
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
  voidReason: string | null;
  voidedAt: number | null;
}

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

/** All contacts of a range of days in recording order, for reports. */
export function contactsBetween(db: Database.Database, from: string, to: string): ContactRecord[] {
  return (statement(db, `${SELECT} WHERE k.practice_day BETWEEN ? AND ? ORDER BY k.practice_day, k.hlc`).all(from, to) as Row[]).map(toRecord);
}

export interface ContactInsert {
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
  origin: string;
  seq: number;
}

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
