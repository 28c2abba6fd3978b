import type { DestinationKind, PharmacyFirstRoute, RedirectionReason } from '../../../shared/directory.ts';
import { openIdentifiers } from '../db/sealedIdentifiers.ts';
import { statement, type Store } from '../db/store.ts';
import { identifierColumns, type IdentifierColumns, type LogPlace, type VoidColumns } from './rowParts.ts';

/** A redirection as recorded, before any void. */
interface RedirectionFields {
  id: string;
  destinationId: string;
  destinationName: string;
  destinationKind: DestinationKind;
  reason: RedirectionReason;
  fromClinicianId: string | null;
  pharmacyFirstRoute: PharmacyFirstRoute | null;
  pharmacyFirstCondition: string | null;
  icbInformed: boolean | null;
  emergency: boolean;
  note: string;
  nhsNumber: string | null;
  /** The identifiers sealed under the record's key (v3 on), or null. */
  sealed: string | null;
  occurredAt: number;
  practiceDay: string;
  /** Entered on a later day, with this reason. */
  lateReason: string | null;
  recordedBy: string;
  device: string;
}

export interface RedirectionRecord extends RedirectionFields, VoidColumns, IdentifierColumns {}

interface Row extends Omit<RedirectionRecord, 'icbInformed' | 'emergency' | 'identifiers'> {
  icbInformed: 0 | 1 | null;
  emergency: 0 | 1;
  storedKey: Buffer | null;
  erased: 0 | 1;
}

const SELECT = `SELECT r.id, r.destination_id AS destinationId, r.destination_name AS destinationName,
  r.destination_kind AS destinationKind, r.reason, r.from_clinician_id AS fromClinicianId,
  r.pharmacy_first_route AS pharmacyFirstRoute, r.pharmacy_first_condition AS pharmacyFirstCondition,
  r.icb_informed AS icbInformed, r.emergency, r.note, r.nhs_number AS nhsNumber, r.sealed, r.occurred_at AS occurredAt,
  r.practice_day AS practiceDay, r.late_reason AS lateReason, r.recorded_by AS recordedBy, r.device, v.reason AS voidReason, v.voided_at AS voidedAt,
  ${identifierColumns('r')}
  FROM redirections r LEFT JOIN voids v ON v.target = 'redirection' AND v.target_id = r.id`;

const toRecord = ({ storedKey, erased, ...row }: Row): RedirectionRecord => ({
  ...row,
  ...openIdentifiers({ ...row, storedKey, erased }),
  icbInformed: row.icbInformed === null ? null : row.icbInformed === 1,
  emergency: row.emergency === 1,
});

export function getRedirectionRecord(store: Store, id: string): RedirectionRecord | null {
  const row = statement(store, `${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  return row ? toRecord(row) : null;
}

export function redirectionsBetween(store: Store, from: string, to: string): RedirectionRecord[] {
  return (statement(store, `${SELECT} WHERE r.practice_day BETWEEN ? AND ? ORDER BY r.practice_day, r.hlc`).all(from, to) as Row[]).map(toRecord);
}

export interface RedirectionInsert extends RedirectionFields, LogPlace {}

export function insertRedirection(store: Store, entry: RedirectionInsert): void {
  statement(
    store,
    `INSERT OR IGNORE INTO redirections (id, destination_id, destination_name, destination_kind, reason, from_clinician_id,
       pharmacy_first_route, pharmacy_first_condition, icb_informed, emergency, note, nhs_number, sealed, occurred_at, practice_day,
       late_reason, recorded_by, device, hlc, origin, seq)
     VALUES (@id, @destinationId, @destinationName, @destinationKind, @reason, @fromClinicianId, @pharmacyFirstRoute,
       @pharmacyFirstCondition, @icbInformed, @emergency, @note, @nhsNumber, @sealed, @occurredAt, @practiceDay, @lateReason, @recordedBy, @device,
       @hlc, @origin, @seq)`,
  ).run({ ...entry, icbInformed: entry.icbInformed === null ? null : entry.icbInformed ? 1 : 0, emergency: entry.emergency ? 1 : 0 });
}
