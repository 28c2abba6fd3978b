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
  /** When it took its place: recorded, or for a late entry, when it happened (epoch ms). */
  recordedAt: number;
  overCapReason: string | null;
}

/** A live contact of a day, counted (1) or not (0): what the board and the record check read. */
export interface DayContact extends CountedContact {
  counts: 0 | 1;
}

/**
 * A day's live contacts (voided ones left out), clinician by clinician, each
 * clinician's in the day's order: the index's own order, so nothing is sorted.
 */
export function liveContactsOnDay(store: Store, day: string, clinicianId?: string): DayContact[] {
  const sql = `SELECT k.id, k.hlc, coalesce(k.order_key, k.hlc) AS orderKey, k.clinician_id AS clinicianId, k.session,
      CASE WHEN k.late_reason IS NULL THEN k.recorded_at ELSE k.occurred_at END AS recordedAt, k.over_cap_reason AS overCapReason, k.counts
    FROM live_contacts k WHERE k.practice_day = ? ${clinicianId === undefined ? '' : 'AND k.clinician_id = ?'}
    ORDER BY k.clinician_id, ${DAY_ORDER}`;
  const statementFor = statement(store, sql);
  return (clinicianId === undefined ? statementFor.all(day) : statementFor.all(day, clinicianId)) as DayContact[];
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

/** Counts per day, clinician and type for a range, voided contacts left out: enough for range summaries. */
export interface ContactCount {
  practiceDay: string;
  clinicianId: string;
  typeId: string;
  counts: boolean;
  n: number;
}

/** A counted contact recorded with an urgent reason, with its place in its day's order (1 = first). */
export interface ReasonedContact extends CountedContact {
  practiceDay: string;
  /** Place among the clinician's counted contacts that day, and among those of its session. */
  dayPosition: number;
  sessionPosition: number;
}

export function contactCountsBetween(store: Store, from: string, to: string): ContactCount[] {
  const rows = statement(
    store,
    `SELECT k.practice_day AS practiceDay, k.clinician_id AS clinicianId, k.type_id AS typeId, k.counts, count(*) AS n
     FROM live_contacts k WHERE k.practice_day BETWEEN ? AND ?
     GROUP BY k.practice_day, k.clinician_id, k.type_id, k.counts`,
  ).all(from, to) as (Omit<ContactCount, 'counts'> & { counts: 0 | 1 })[];
  return rows.map((row) => ({ ...row, counts: row.counts === 1 }));
}

/**
 * The counted, live contacts with an urgent reason in a range, and where each
 * stood in its day (only these can be urgent over the cap). The place in the
 * session is worked out only when asked for (a range with a day in session
 * mode): it costs a second sort of the whole range. Without it, sessionPosition is 0.
 */
export function reasonedContactsBetween(store: Store, from: string, to: string, withSessions: boolean): ReasonedContact[] {
  const bySession = withSessions ? `row_number() OVER (PARTITION BY k.practice_day, k.clinician_id, k.session ORDER BY ${DAY_ORDER})` : '0';
  return statement(
    store,
    `SELECT * FROM (
       SELECT k.id, k.hlc, coalesce(k.order_key, k.hlc) AS orderKey, k.clinician_id AS clinicianId, k.session, k.practice_day AS practiceDay,
         CASE WHEN k.late_reason IS NULL THEN k.recorded_at ELSE k.occurred_at END AS recordedAt, k.over_cap_reason AS overCapReason,
         row_number() OVER (PARTITION BY k.practice_day, k.clinician_id ORDER BY ${DAY_ORDER}) AS dayPosition,
         ${bySession} AS sessionPosition
       FROM live_contacts k WHERE k.practice_day BETWEEN ? AND ? AND k.counts = 1
     ) WHERE overCapReason IS NOT NULL ORDER BY practiceDay, clinicianId, orderKey, hlc`,
  ).all(from, to) as ReasonedContact[];
}
