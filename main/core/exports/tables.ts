import { practiceIsoOf } from '../../../shared/practiceDay.ts';
import type { ClinicianDayReport, DayReport, ExportTable } from '../../../shared/reports.ts';
import type { ReportContact } from '../repos/contactsRepo.ts';
import type { DeferralRecord } from '../repos/deferralsRepo.ts';
import type { RedirectionRecord } from '../repos/redirectionsRepo.ts';

/** A day's summary plus the contacts and records behind it, for exports: what the tables are made from, declared here so exports need nothing above them. */
export interface DayDetail {
  report: DayReport;
  /** Voided ones too, marked. */
  contacts: ReportContact[];
  /** The contacts beyond their clinician's cap, by the day's rules. */
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

/** A column: its stable name and how each row's value is read, side by side so the two cannot drift apart. */
export type Column<R, X> = readonly [name: string, value: (row: R, context: X) => Cell];

/** The header of a table with these columns. */
export const namesOf = <R, X>(columns: readonly Column<R, X>[]): string[] => columns.map(([name]) => name);

/** Appends one row per record to `into`, each cell read by its column. */
function addRows<R, X>(columns: readonly Column<R, X>[], records: readonly R[], context: X, into: Cell[][]): void {
  for (const record of records) {
    const row: Cell[] = new Array<Cell>(columns.length);
    for (let i = 0; i < columns.length; i++) row[i] = (columns[i] as Column<R, X>)[1](record, context);
    into.push(row);
  }
}

/** A table of these columns over each day's records. */
export function tableOf<R, X>(name: ExportTable, columns: readonly Column<R, X>[], days: readonly { context: X; records: readonly R[] }[]): Table {
  const rows: Cell[][] = [];
  for (const { context, records } of days) addRows(columns, records, context, rows);
  return { name, columns: namesOf(columns), rows };
}

interface Context {
  day: DayDetail;
  typeName: (id: string) => string;
}

const nameIn = (context: Context, clinicianId: string | null) => (clinicianId === null ? null : (context.day.clinicianNames.get(clinicianId) ?? ''));

/** Added after the first release: at the very end, after any identifier columns, so no column moves. */
const lateColumns = <R extends { lateReason: string | null }>(): Column<R, Context>[] => [
  ['late_entry', (record) => record.lateReason !== null],
  ['late_reason', (record) => record.lateReason],
];

const CLINICIAN_DAY_COLUMNS: Column<ClinicianDayReport, Context>[] = [
  ['day', (_row, { day }) => day.report.day],
  ['clinician_id', (row) => row.clinicianId],
  ['clinician', (row) => row.name],
  ['role', (row) => row.role],
  ['sessions', (row) => sessionsText(row.sessions)],
  ['working', (row) => row.working],
  ['duty', (row) => row.duty],
  ['capped', (row) => row.capped],
  // Empty for a clinician who is not capped: a number there would read as a cap they do not have.
  ['cap', (row) => (row.capped ? row.cap : null)],
  ['contacts_counted', (row) => row.counted],
  ['contacts_not_counted', (row) => row.notCounted],
  ['percent_of_cap', (row) => row.percentOfCap],
  ['warning_reached_at', (row) => localIso(row.warnedAt)],
  ['cap_reached_at', (row) => localIso(row.fullAt)],
  ['urgent_over_cap', (row) => row.urgentOverCap],
  ['over_cap', (row) => row.overCap],
];

interface TypeGroup {
  clinicianId: string;
  typeId: string;
  counts: boolean;
  n: number;
}

const DAY_TYPE_COLUMNS: Column<TypeGroup, Context>[] = [
  ['day', (_group, { day }) => day.report.day],
  ['clinician_id', (group) => group.clinicianId],
  ['clinician', (group, context) => nameIn(context, group.clinicianId)],
  ['type_id', (group) => group.typeId],
  ['type', (group, { typeName }) => typeName(group.typeId)],
  ['counts_toward_cap', (group) => group.counts],
  ['contacts', (group) => group.n],
];

/** A day's live contacts by clinician, type and each contact's own "counts" (fixed when it was recorded, as clinician-days counts them). */
function typeGroups(day: DayDetail): TypeGroup[] {
  const groups = new Map<string, TypeGroup>();
  for (const contact of day.contacts) {
    if (contact.voided) continue;
    const key = `${contact.clinicianId}|${contact.typeId}|${String(contact.counts)}`;
    const group = groups.get(key) ?? { clinicianId: contact.clinicianId, typeId: contact.typeId, counts: contact.counts, n: 0 };
    group.n += 1;
    groups.set(key, group);
  }
  const name = (group: TypeGroup) => day.clinicianNames.get(group.clinicianId) ?? '';
  return [...groups.values()].sort((a, b) => name(a).localeCompare(name(b)) || a.typeId.localeCompare(b.typeId) || Number(b.counts) - Number(a.counts));
}

const CONTACT_COLUMNS: Column<ReportContact, Context>[] = [
  ['contact_id', (contact) => contact.id],
  ['day', (contact) => contact.practiceDay],
  ['occurred_at', (contact) => localIso(contact.occurredAt)],
  ['recorded_at', (contact) => localIso(contact.recordedAt)],
  ['clinician_id', (contact) => contact.clinicianId],
  ['clinician', (contact, context) => nameIn(context, contact.clinicianId)],
  ['type_id', (contact) => contact.typeId],
  ['type', (contact, { typeName }) => typeName(contact.typeId)],
  ['counts_toward_cap', (contact) => contact.counts],
  ['session', (contact) => contact.session],
  // Beyond the clinician's cap by the day's rules; an urgent reason alone does not make a contact over the cap.
  ['over_cap', (contact, { day }) => day.overCapIds.has(contact.id)],
  ['urgent_over_cap_reason', (contact) => contact.overCapReason],
  ['voided', (contact) => contact.voided],
  ['void_reason', (contact) => contact.voidReason],
  ['recorded_by', (contact) => contact.recordedBy],
  ['device', (contact) => contact.device],
  ...lateColumns<ReportContact>(),
];

const REDIRECTION_COLUMNS: Column<RedirectionRecord, Context>[] = [
  ['redirection_id', (record) => record.id],
  ['day', (record) => record.practiceDay],
  ['occurred_at', (record) => localIso(record.occurredAt)],
  ['destination_id', (record) => record.destinationId],
  ['destination', (record) => record.destinationName],
  ['destination_kind', (record) => record.destinationKind],
  ['reason', (record) => record.reason],
  ['from_clinician_id', (record) => record.fromClinicianId],
  ['from_clinician', (record, context) => nameIn(context, record.fromClinicianId)],
  ['pharmacy_first_route', (record) => record.pharmacyFirstRoute],
  ['pharmacy_first_condition', (record) => record.pharmacyFirstCondition],
  ['nhs111_icb_informed', (record) => record.icbInformed],
  ['emergency', (record) => record.emergency],
  ['voided', (record) => record.voidReason !== null],
  ['void_reason', (record) => record.voidReason],
  ['recorded_by', (record) => record.recordedBy],
  ['device', (record) => record.device],
];
const REDIRECTION_IDENTIFIERS: Column<RedirectionRecord, Context>[] = [
  ['note', (record) => record.note],
  ['nhs_number', (record) => record.nhsNumber],
];

const DEFERRAL_COLUMNS: Column<DeferralRecord, Context>[] = [
  ['deferral_id', (record) => record.id],
  ['day', (record) => record.practiceDay],
  ['occurred_at', (record) => localIso(record.occurredAt)],
  ['kind', (record) => record.kind],
  ['until_day', (record) => record.untilDay],
  ['clinician_id', (record) => record.clinicianId],
  ['clinician', (record, context) => nameIn(context, record.clinicianId)],
  ['voided', (record) => record.voidReason !== null],
  ['void_reason', (record) => record.voidReason],
  ['recorded_by', (record) => record.recordedBy],
  ['device', (record) => record.device],
];
const DEFERRAL_IDENTIFIERS: Column<DeferralRecord, Context>[] = [['note', (record) => record.note]];

/**
 * The export tables, tidy: one row per observation, stable snake_case column
 * names (listed in the README), days as YYYY-MM-DD and times as ISO 8601. Notes
 * and NHS numbers appear only when the manager asks for identifiers.
 */
export function buildTable(name: ExportTable, days: readonly DayDetail[], options: TableOptions): Table {
  const typeName = (id: string) => options.typeNames.get(id) ?? id;
  const each = <R>(records: (day: DayDetail) => readonly R[]) => days.map((day) => ({ context: { day, typeName }, records: records(day) }));
  const identifiers = <R>(columns: Column<R, Context>[]) => (options.includeIdentifiers ? columns : []);
  switch (name) {
    case 'clinician-days':
      return tableOf(name, CLINICIAN_DAY_COLUMNS, each((day) => day.report.clinicians));
    case 'clinician-day-types':
      return tableOf(name, DAY_TYPE_COLUMNS, each(typeGroups));
    case 'contacts':
      return tableOf(name, CONTACT_COLUMNS, each((day) => day.contacts));
    case 'redirections':
      return tableOf(name, [...REDIRECTION_COLUMNS, ...identifiers(REDIRECTION_IDENTIFIERS), ...lateColumns<RedirectionRecord>()], each((day) => day.redirections));
    case 'deferrals':
      return tableOf(name, [...DEFERRAL_COLUMNS, ...identifiers(DEFERRAL_IDENTIFIERS), ...lateColumns<DeferralRecord>()], each((day) => day.deferrals));
  }
}
