import type Database from 'better-sqlite3';
import type { Contact, ContactMode } from '../../../shared/domain.ts';
import { statement } from '../db/statements.ts';

interface ContactRow {
  id: string;
  clinicianId: string;
  mode: ContactMode;
  occurredAt: number;
  practiceDay: string;
  voidReason: string | null;
  voidedAt: number | null;
}

const SELECT = `SELECT k.id, k.clinician_id AS clinicianId, k.mode, k.occurred_at AS occurredAt,
  k.practice_day AS practiceDay, v.reason AS voidReason, v.voided_at AS voidedAt
  FROM contacts k LEFT JOIN contact_voids v ON v.contact_id = k.id`;

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    clinicianId: row.clinicianId,
    mode: row.mode,
    occurredAt: new Date(row.occurredAt).toISOString(),
    practiceDay: row.practiceDay,
    voided: row.voidReason === null || row.voidedAt === null ? null : { reason: row.voidReason, voidedAt: new Date(row.voidedAt).toISOString() },
  };
}

export function getContact(db: Database.Database, id: string): Contact | null {
  const row = statement(db, `${SELECT} WHERE k.id = ?`).get(id) as ContactRow | undefined;
  return row ? toContact(row) : null;
}

export function listContactsForDay(db: Database.Database, day: string, clinicianId?: string): Contact[] {
  const rows =
    clinicianId === undefined
      ? statement(db, `${SELECT} WHERE k.practice_day = ? ORDER BY k.occurred_at DESC, k.id`).all(day)
      : statement(db, `${SELECT} WHERE k.practice_day = ? AND k.clinician_id = ? ORDER BY k.occurred_at DESC, k.id`).all(day, clinicianId);
  return (rows as ContactRow[]).map(toContact);
}

export interface ContactInsert {
  id: string;
  clinicianId: string;
  mode: string;
  occurredAt: number;
  practiceDay: string;
  origin: string;
  seq: number;
}

/** Idempotent: the same contact arriving twice is recorded once. */
export function insertContact(db: Database.Database, contact: ContactInsert): void {
  statement(
    db,
    `INSERT OR IGNORE INTO contacts (id, clinician_id, mode, occurred_at, practice_day, origin, seq)
     VALUES (@id, @clinicianId, @mode, @occurredAt, @practiceDay, @origin, @seq)`,
  ).run(contact);
}

export interface VoidInsert {
  contactId: string;
  reason: string;
  voidedAt: number;
  hlc: string;
  origin: string;
  seq: number;
}

/** Keeps the earliest void by hybrid clock, so arrival order never matters. */
export function upsertVoid(db: Database.Database, entry: VoidInsert): void {
  statement(
    db,
    `INSERT INTO contact_voids (contact_id, reason, voided_at, hlc, origin, seq)
     VALUES (@contactId, @reason, @voidedAt, @hlc, @origin, @seq)
     ON CONFLICT (contact_id) DO UPDATE SET reason = excluded.reason, voided_at = excluded.voided_at,
       hlc = excluded.hlc, origin = excluded.origin, seq = excluded.seq
     WHERE excluded.hlc < contact_voids.hlc`,
  ).run(entry);
}

/** Counted (not voided) contacts per clinician on one practice day. */
export function countUsedByClinician(db: Database.Database, day: string): Map<string, number> {
  const rows = statement(
    db,
    `SELECT k.clinician_id AS clinicianId, count(*) AS used FROM contacts k
     WHERE k.practice_day = ? AND NOT EXISTS (SELECT 1 FROM contact_voids v WHERE v.contact_id = k.id)
     GROUP BY k.clinician_id`,
  ).all(day) as { clinicianId: string; used: number }[];
  return new Map(rows.map((row) => [row.clinicianId, row.used]));
}
