import { practiceIsoOf } from '../../../shared/practiceDay.ts';
import type { ExportTable } from '../../../shared/reports.ts';
import type { DayReport } from '../../../shared/reports.ts';
import type { ReportContact } from '../repos/contactsRepo.ts';
import type { DeferralRecord } from '../repos/deferralsRepo.ts';
import type { RedirectionRecord } from '../repos/redirectionsRepo.ts';

/** A day's summary plus the contacts and records behind it, for exports: what the tables are made from, declared here so exports need nothing above them. */
export interface DayDetail {
  report: DayReport;
  contacts: ReportContact[];
  overCapIds: Set<string>;
  redirections: RedirectionRecord[];
  deferrals: DeferralRecord[];
  clinicianNames: Map<string, string>;
}

export type Cell = string | number | boolean | null;

export interface Table {
  name: ExportTable;
  columns: string[];
  rows: Cell[][];
}

/** ISO 8601 in practice time with its offset, e.g. 2026-07-01T09:30:00+01:00. */
export function localIso(ms: number | string | null): string | null {
  if (ms === null) return null;
  return practiceIsoOf(typeof ms === 'string' ? Date.parse(ms) : ms);
}

const sessionsText = (sessions: { am: boolean; pm: boolean }) => (sessions.am && sessions.pm ? 'am+pm' : sessions.am ? 'am' : sessions.pm ? 'pm' : 'none');

export interface TableOptions {
  includeIdentifiers: boolean;
  typeNames: Map<string, string>;
}

/**
 * The export tables, tidy: one row per observation, stable snake_case column
 * names (listed in the README), days as YYYY-MM-DD and times as ISO 8601. Notes
 * and NHS numbers appear only when the manager asks for identifiers.
 */
export function buildTable(name: ExportTable, details: readonly DayDetail[], options: TableOptions): Table {
  const typeName = (id: string) => options.typeNames.get(id) ?? id;
  switch (name) {
    case 'clinician-days':
      return {
        name,
        columns: [
          'day',
          'clinician_id',
          'clinician',
          'role',
          'sessions',
          'working',
          'duty',
          'capped',
          'cap',
          'contacts_counted',
          'contacts_not_counted',
          'percent_of_cap',
          'warning_reached_at',
          'cap_reached_at',
          'urgent_over_cap',
          'over_cap',
        ],
        rows: details.flatMap(({ report }) =>
          report.clinicians.map((row) => [
            report.day,
            row.clinicianId,
            row.name,
            row.role,
            sessionsText(row.sessions),
            row.working,
            row.duty,
            row.capped,
            row.cap,
            row.counted,
            row.notCounted,
            row.percentOfCap,
            localIso(row.warnedAt),
            localIso(row.fullAt),
            row.urgentOverCap,
            row.overCap,
          ]),
        ),
      };
    case 'clinician-day-types':
      return {
        name,
        columns: ['day', 'clinician_id', 'clinician', 'type_id', 'type', 'counts_toward_cap', 'contacts'],
        // Grouped by each contact's own "counts", fixed when it was recorded, as clinician-days counts them.
        rows: details.flatMap((detail) => {
          const groups = new Map<string, { clinicianId: string; typeId: string; counts: boolean; n: number }>();
          for (const contact of detail.contacts) {
            if (contact.voided) continue;
            const key = `${contact.clinicianId}|${contact.typeId}|${String(contact.counts)}`;
            const group = groups.get(key) ?? { clinicianId: contact.clinicianId, typeId: contact.typeId, counts: contact.counts, n: 0 };
            group.n += 1;
            groups.set(key, group);
          }
          return [...groups.values()]
            .map((group) => [detail.report.day, group.clinicianId, detail.clinicianNames.get(group.clinicianId) ?? '', group.typeId, typeName(group.typeId), group.counts, group.n])
            .sort((a, b) => String(a[2]).localeCompare(String(b[2])) || String(a[3]).localeCompare(String(b[3])) || Number(b[5]) - Number(a[5]));
        }),
      };
    case 'contacts':
      return {
        name,
        columns: [
          'contact_id',
          'day',
          'occurred_at',
          'recorded_at',
          'clinician_id',
          'clinician',
          'type_id',
          'type',
          'counts_toward_cap',
          'session',
          'over_cap',
          'urgent_over_cap_reason',
          'voided',
          'void_reason',
          'recorded_by',
          'device',
          'late_entry',
          'late_reason',
        ],
        rows: details.flatMap((detail) =>
          detail.contacts.map((contact) => [
            contact.id,
            contact.practiceDay,
            localIso(contact.occurredAt),
            localIso(contact.recordedAt),
            contact.clinicianId,
            detail.clinicianNames.get(contact.clinicianId) ?? '',
            contact.typeId,
            typeName(contact.typeId),
            contact.counts,
            contact.session,
            detail.overCapIds.has(contact.id),
            contact.overCapReason,
            contact.voided,
            contact.voidReason,
            contact.recordedBy,
            contact.device,
            contact.lateReason !== null,
            contact.lateReason,
          ]),
        ),
      };
    case 'redirections':
      return {
        name,
        columns: [
          'redirection_id',
          'day',
          'occurred_at',
          'destination_id',
          'destination',
          'destination_kind',
          'reason',
          'from_clinician_id',
          'from_clinician',
          'pharmacy_first_route',
          'pharmacy_first_condition',
          'nhs111_icb_informed',
          'emergency',
          'voided',
          'void_reason',
          'recorded_by',
          'device',
          ...(options.includeIdentifiers ? ['note', 'nhs_number'] : []),
          'late_entry',
          'late_reason',
        ],
        rows: details.flatMap((detail) =>
          detail.redirections.map((record) => [
            record.id,
            record.practiceDay,
            localIso(record.occurredAt),
            record.destinationId,
            record.destinationName,
            record.destinationKind,
            record.reason,
            record.fromClinicianId,
            record.fromClinicianId === null ? null : (detail.clinicianNames.get(record.fromClinicianId) ?? ''),
            record.pharmacyFirstRoute,
            record.pharmacyFirstCondition,
            record.icbInformed,
            record.emergency,
            record.voidReason !== null,
            record.voidReason,
            record.recordedBy,
            record.device,
            ...(options.includeIdentifiers ? [record.note, record.nhsNumber] : []),
            record.lateReason !== null,
            record.lateReason,
          ]),
        ),
      };
    case 'deferrals':
      return {
        name,
        columns: [
          'deferral_id',
          'day',
          'occurred_at',
          'kind',
          'until_day',
          'clinician_id',
          'clinician',
          'voided',
          'void_reason',
          'recorded_by',
          'device',
          ...(options.includeIdentifiers ? ['note'] : []),
          'late_entry',
          'late_reason',
        ],
        rows: details.flatMap((detail) =>
          detail.deferrals.map((record) => [
            record.id,
            record.practiceDay,
            localIso(record.occurredAt),
            record.kind,
            record.untilDay,
            record.clinicianId,
            record.clinicianId === null ? null : (detail.clinicianNames.get(record.clinicianId) ?? ''),
            record.voidReason !== null,
            record.voidReason,
            record.recordedBy,
            record.device,
            ...(options.includeIdentifiers ? [record.note] : []),
            record.lateReason !== null,
            record.lateReason,
          ]),
        ),
      };
  }
}
