import type { Session } from '../../../shared/domain.ts';
import { encodeHlc } from '../../../shared/hlc.ts';
import { statement, type Store } from '../db/store.ts';
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
  /** Entered on a later day, with this reason. */
  lateReason: string | null;
  recordedBy: string;
  device: string;
  hlc: string;
  /** Its place in the day's order (see dayOrderKey). */
  orderKey: string;
}

/** A contacts row with its void, as stored. */
export interface ContactRecord extends ContactFields, VoidColumns {}

interface Row extends Omit<ContactRecord, 'counts'> {
  counts: 0 | 1;
}

const SELECT = `SELECT k.id, k.clinician_id AS clinicianId, k.type_id AS typeId, k.counts, k.occurred_at AS occurredAt,
  k.recorded_at AS recordedAt, k.practice_day AS practiceDay, k.session, k.over_cap_reason AS overCapReason,
  k.late_reason AS lateReason, k.recorded_by AS recordedBy, k.device, k.hlc, coalesce(k.order_key, k.hlc) AS orderKey,
  v.reason AS voidReason, v.voided_at AS voidedAt
  FROM contacts k LEFT JOIN voids v ON v.target = 'contact' AND v.target_id = k.id`;

/** The day's order, which decides who is over the cap (and is the same on every PC). */
const DAY_ORDER = 'k.order_key, k.hlc';

/**
 * A contact's place in its day's order: when it was recorded (its hybrid clock),
 * or for a late entry, when it happened. So a forgotten 09:00 contact entered on
 * Friday stands at 09:00 on its day, and changes nothing for contacts before it.
 */
export function dayOrderKey(hlc: string, lateEntryOccurredAt: number | null): string {
  return lateEntryOccurredAt === null ? hlc : encodeHlc({ wall: lateEntryOccurredAt, counter: 0, node: '' });
}

const toRecord = (row: Row): ContactRecord => ({ ...row, counts: row.counts === 1 });

export function getContactRecord(store: Store, id: string): ContactRecord | null {
  const row = statement(store, `${SELECT} WHERE k.id = ?`).get(id) as Row | undefined;
  return row ? toRecord(row) : null;
}

/** One day's contacts in the day's order. */
export function contactsOnDay(store: Store, day: string, clinicianId?: string): ContactRecord[] {
  const rows =
    clinicianId === undefined
      ? statement(store, `${SELECT} WHERE k.practice_day = ? ORDER BY ${DAY_ORDER}`).all(day)
      : statement(store, `${SELECT} WHERE k.practice_day = ? AND k.clinician_id = ? ORDER BY ${DAY_ORDER}`).all(day, clinicianId);
  return (rows as Row[]).map(toRecord);
}

export interface ContactInsert extends ContactFields, LogPlace {}

/** Idempotent: the same contact arriving twice is recorded once. */
export function insertContact(store: Store, contact: ContactInsert): void {
  statement(
    store,
    `INSERT OR IGNORE INTO contacts (id, clinician_id, type_id, counts, occurred_at, recorded_at, practice_day, session,
       over_cap_reason, late_reason, recorded_by, device, hlc, order_key, origin, seq)
     VALUES (@id, @clinicianId, @typeId, @counts, @occurredAt, @recordedAt, @practiceDay, @session,
       @overCapReason, @lateReason, @recordedBy, @device, @hlc, @orderKey, @origin, @seq)`,
  ).run({ ...contact, counts: contact.counts ? 1 : 0 });
}

/** Counted contact types over recent days, most used first, for the desk's default type. */
export function typeUsageSince(store: Store, fromDay: string): { typeId: string; n: number }[] {
  return statement(
    store,
    `SELECT k.type_id AS typeId, count(*) AS n FROM contacts k
     WHERE k.practice_day >= ? AND k.counts = 1 GROUP BY k.type_id ORDER BY n DESC, k.type_id`,
  ).all(fromDay) as { typeId: string; n: number }[];
}

/** What the cap rules need of a counted, live contact. */
export interface CountedContact {
  id: string;
  hlc: string;
  /** Its place in the day's order, and the moment its cap is judged at. */
  orderKey: string;
  clinicianId: string;
  session: Session;
  /** When it happened (epoch ms): when the warning level and the cap were reached. */
  occurredAt: number;
  overCapReason: string | null;
}

/** A live contact of a day: what the board, the record check and the reports' day rule read. */
export interface DayContact extends CountedContact {
  typeId: string;
  /** Whether it counts toward the cap: fixed when it was recorded. */
  counts: boolean;
}

/**
 * A day's live contacts (voided ones left out), clinician by clinician, each
 * clinician's in the day's order: the index's own order, so nothing is sorted.
 */
export function liveContactsOnDay(store: Store, day: string, clinicianId?: string): DayContact[] {
  const sql = `SELECT k.id, k.hlc, coalesce(k.order_key, k.hlc), k.clinician_id, k.type_id, k.session, k.occurred_at, k.over_cap_reason, k.counts
    FROM live_contacts k WHERE k.practice_day = ? ${clinicianId === undefined ? '' : 'AND k.clinician_id = ?'}
    ORDER BY k.clinician_id, ${DAY_ORDER}`;
  const statementFor = statement(store, sql).raw();
  const rows = (clinicianId === undefined ? statementFor.all(day) : statementFor.all(day, clinicianId)) as [string, string, string, string, string, Session, number, string | null, 0 | 1][];
  return rows.map(([id, hlc, orderKey, rowClinicianId, typeId, session, occurredAt, overCapReason, counts]) => ({
    id,
    hlc,
    orderKey,
    clinicianId: rowClinicianId,
    typeId,
    session,
    occurredAt,
    overCapReason,
    counts: counts === 1,
  }));
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
  lateReason: string | null;
  hlc: string;
  orderKey: string;
  recordedBy: string;
  device: string;
  voided: boolean;
  voidReason: string | null;
}

export function reportContactsBetween(store: Store, from: string, to: string): ReportContact[] {
  // Voids are few: one lookup table instead of a join per contact. Rows come back as arrays, in the
  // index's order (day, clinician, recording order), which is all the cap rules need.
  const voids = new Map(statement(store, "SELECT target_id, reason FROM voids WHERE target = 'contact'").raw().all() as [string, string][]);
  const rows = statement(
    store,
    // A year is 150,000 rows: the order key is read only where it differs from the clock (a late entry), so
    // the usual row carries one string for both.
    `SELECT id, clinician_id, type_id, counts, practice_day, session, occurred_at, recorded_at, over_cap_reason, late_reason, hlc,
       CASE WHEN order_key IS NULL OR order_key = hlc THEN NULL ELSE order_key END, recorded_by, device
     FROM contacts k WHERE practice_day BETWEEN ? AND ? ORDER BY practice_day, clinician_id, ${DAY_ORDER}`,
  )
    .raw()
    .all(from, to) as [string, string, string, 0 | 1, string, Session, number, number, string | null, string | null, string, string | null, string, string][];
  return rows.map(([id, clinicianId, typeId, counts, practiceDay, session, occurredAt, recordedAt, overCapReason, lateReason, hlc, ownOrderKey, recordedBy, device]) => {
    const orderKey = ownOrderKey ?? hlc;
    const voidReason = voids.get(id) ?? null;
    return {
      id,
      clinicianId,
      typeId,
      counts: counts === 1,
      practiceDay,
      session,
      occurredAt,
      // When it was recorded, late entries too (the exports' recorded_at); the cap rules place a late entry by occurredAt.
      recordedAt,
      overCapReason,
      lateReason,
      hlc,
      orderKey,
      recordedBy,
      device,
      voided: voidReason !== null,
      voidReason,
    };
  });
}
