import type { DeferralKind } from '../../../shared/domain.ts';
import { openIdentifiers } from '../db/sealedIdentifiers.ts';
import { statement, type Store } from '../db/store.ts';
import { identifierColumns, type IdentifierColumns, type LogPlace, type VoidColumns } from './rowParts.ts';

/** A deferral as recorded, before any void. */
interface DeferralFields {
  id: string;
  clinicianId: string | null;
  kind: DeferralKind;
  untilDay: string | null;
  note: string;
  /** The note sealed under the record's key (v3 on), or null. */
  sealed: string | null;
  occurredAt: number;
  practiceDay: string;
  /** Entered on a later day, with this reason. */
  lateReason: string | null;
  recordedBy: string;
  device: string;
}

export interface DeferralRecord extends DeferralFields, VoidColumns, IdentifierColumns {}

const SELECT = `SELECT d.id, d.clinician_id AS clinicianId, d.kind, d.until_day AS untilDay, d.note, d.sealed, d.occurred_at AS occurredAt,
  d.practice_day AS practiceDay, d.late_reason AS lateReason, d.recorded_by AS recordedBy, d.device, v.reason AS voidReason, v.voided_at AS voidedAt,
  ${identifierColumns('d')}
  FROM deferrals d LEFT JOIN voids v ON v.target = 'deferral' AND v.target_id = d.id`;

interface Row extends Omit<DeferralRecord, 'identifiers'> {
  storedKey: Buffer | null;
  erased: 0 | 1;
}

const toRecord = ({ storedKey, erased, ...row }: Row): DeferralRecord => {
  const opened = openIdentifiers({ ...row, storedKey, erased });
  return { ...row, note: opened.note, identifiers: opened.identifiers };
};

export function getDeferralRecord(store: Store, id: string): DeferralRecord | null {
  const row = statement(store, `${SELECT} WHERE d.id = ?`).get(id) as Row | undefined;
  return row ? toRecord(row) : null;
}

export function deferralsBetween(store: Store, from: string, to: string): DeferralRecord[] {
  return (statement(store, `${SELECT} WHERE d.practice_day BETWEEN ? AND ? ORDER BY d.practice_day, d.hlc`).all(from, to) as Row[]).map(toRecord);
}

export interface DeferralInsert extends DeferralFields, LogPlace {}

export function insertDeferral(store: Store, entry: DeferralInsert): void {
  statement(
    store,
    `INSERT OR IGNORE INTO deferrals (id, clinician_id, kind, until_day, note, sealed, occurred_at, practice_day, late_reason, recorded_by, device, hlc, origin, seq)
     VALUES (@id, @clinicianId, @kind, @untilDay, @note, @sealed, @occurredAt, @practiceDay, @lateReason, @recordedBy, @device, @hlc, @origin, @seq)`,
  ).run(entry);
}
