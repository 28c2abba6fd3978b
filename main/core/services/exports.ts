import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import { EXPORT_TABLES, MAX_EXPORT_DAYS, type ClinicianRangeReport, type ExportFile, type ExportTable, type RangeReport } from '../../../shared/reports.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { buildTable, tableOf, type Column, type Table } from '../exports/tables.ts';
import { toCsv, toXlsx, type Sheet } from '../exports/writers.ts';
import { writeFileAtomic } from '../files.ts';
import { explainFolderError } from '../exports/daySets.ts';
import { currentContactTypes } from './configViews.ts';
import { daysBetween } from '../../../shared/practiceDay.ts';
import { loadDayDetails } from './reports/day.ts';
import { rangeReport } from './reports/range.ts';
import { assertRange } from './reports/summary.ts';

/** Workbooks up to this many days include a sheet with one row per contact. */
export const WORKBOOK_CONTACT_DAYS = 31;

const SHEET_TITLES: Record<ExportTable, string> = {
  'clinician-days': 'Clinician days',
  'clinician-day-types': 'Contacts by type',
  contacts: 'Contacts',
  redirections: 'Redirections',
  deferrals: 'Deferrals',
};

/** contactcap-contacts-2026-11-23 or contactcap-2026-11-16-to-2026-11-22; a file with identifiers says so in its name. */
export function exportFileName(table: ExportTable | 'summary', from: string, to: string, includeIdentifiers: boolean, extension: 'csv' | 'xlsx'): string {
  const span = from === to ? from : `${from}-to-${to}`;
  const name = table === 'summary' ? `contactcap-${span}` : `contactcap-${table}-${span}`;
  return `${name}${includeIdentifiers ? '-WITH-PATIENT-IDENTIFIERS' : ''}.${extension}`;
}

function tablesFor(ctx: CoreContext, from: string, to: string, includeIdentifiers: boolean, names: readonly ExportTable[] = EXPORT_TABLES): Map<ExportTable, Table> {
  const details = loadDayDetails(ctx, from, to, ctx.clock.now());
  const options = { includeIdentifiers, typeNames: new Map(currentContactTypes(ctx).map((type) => [type.id, type.name])) };
  return new Map(names.map((name) => [name, buildTable(name, details, options)]));
}

/** A line of the Summary sheet: a clinician's figures, or the practice's with its redirections and deferrals. */
interface SummaryLine {
  name: string;
  role: string;
  figures: Omit<ClinicianRangeReport, 'clinicianId' | 'name' | 'role'>;
  practice: RangeReport | null;
}

/** Practice-wide figures, on the "All clinicians" line only: most redirections and deferrals name no clinician. */
const practiceFigure = (value: (report: RangeReport) => number | null) => (line: SummaryLine) => (line.practice === null ? null : value(line.practice));

const SUMMARY_COLUMNS: Column<SummaryLine, null>[] = [
  ['clinician', (line) => line.name],
  ['role', (line) => line.role],
  ['days_worked', (line) => line.figures.daysWorked],
  ['sessions_worked', (line) => line.figures.sessionsWorked],
  ['days_at_or_over_cap', (line) => line.figures.daysAtOrOverCap],
  ['contacts_counted', (line) => line.figures.counted],
  ['contacts_not_counted', (line) => line.figures.notCounted],
  ['average_per_day', (line) => line.figures.averagePerDay],
  ['average_per_session', (line) => line.figures.averagePerSession],
  ['urgent_over_cap', (line) => line.figures.urgentOverCap],
  // Added after the first release, at the end.
  ['contacts_counted_on_days_off', (line) => line.figures.countedOnDaysOff],
  ['redirections', practiceFigure((report) => report.totals.redirections)],
  ['redirections_per_100_contacts', practiceFigure((report) => report.totals.redirectionsPer100Contacts)],
  ['nhs111_redirections', practiceFigure((report) => report.redirections.nhs111.total)],
  ['nhs111_icb_informed', practiceFigure((report) => report.redirections.nhs111.icbInformed)],
  ['deferrals', practiceFigure((report) => report.deferrals.total)],
  ['deferrals_later_date', practiceFigure((report) => report.deferrals.laterDate)],
  ['deferrals_waiting_list', practiceFigure((report) => report.deferrals.waitingList)],
];

/** The range's per-clinician summary, then the practice's line, laid out as the workbook's first sheet. */
function summaryTable(ctx: CoreContext, from: string, to: string): Table {
  const report = rangeReport(ctx, { from, to });
  const lines: SummaryLine[] = [
    ...report.clinicians.map((row) => ({ name: row.name, role: row.role, figures: row, practice: null })),
    { name: 'All clinicians', role: '', figures: report.totals, practice: report },
  ];
  return tableOf('clinician-days', SUMMARY_COLUMNS, [{ context: null, records: lines }]);
}

export interface BuiltFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  rows: number;
}

/**
 * An export file; one with patient identifiers is written in the audit trail
 * (who, at which PC, which table and dates) once it is built.
 */
export async function buildExportFile(ctx: CoreContext, input: ParsedInputOf<'export.build'>): Promise<BuiltFile> {
  const file = await buildFile(ctx, input);
  if (input.includeIdentifiers === true) {
    write(ctx, () => ctx.log.append('export.withIdentifiers', { table: input.table ?? 'all', format: input.format, from: input.from, to: input.to, rows: file.rows }));
  }
  return file;
}

async function buildFile(ctx: CoreContext, input: ParsedInputOf<'export.build'>): Promise<BuiltFile> {
  assertRange(input.from, input.to, MAX_EXPORT_DAYS, 'One export');
  const includeIdentifiers = input.includeIdentifiers ?? false;
  if (input.format === 'csv') {
    if (input.table === undefined) throw new DomainError('invalid_input', 'Choose which table to export as CSV: each CSV file holds one table.', 'table');
    const table = tablesFor(ctx, input.from, input.to, includeIdentifiers, [input.table]).get(input.table);
    if (!table) throw new DomainError('invalid_input', 'Choose which table to export.', 'table');
    return {
      fileName: exportFileName(input.table, input.from, input.to, includeIdentifiers, 'csv'),
      mimeType: 'text/csv; charset=utf-8',
      bytes: Buffer.from(toCsv(table, includeIdentifiers), 'utf8'),
      rows: table.rows.length,
    };
  }
  // A workbook over a month leaves out the one-row-per-contact sheet (a year is some 150,000 rows):
  // the contacts CSV has them. Every summary table is always there.
  const withContacts = daysBetween(input.from, input.to).length <= WORKBOOK_CONTACT_DAYS;
  const tables = tablesFor(ctx, input.from, input.to, includeIdentifiers, EXPORT_TABLES.filter((name) => withContacts || name !== 'contacts'));
  const sheets: Sheet[] = [
    { title: 'Summary', table: summaryTable(ctx, input.from, input.to), summary: true },
    ...EXPORT_TABLES.flatMap((name) => {
      const table = tables.get(name);
      return table ? [{ title: SHEET_TITLES[name], table }] : [];
    }),
  ];
  return {
    fileName: exportFileName('summary', input.from, input.to, includeIdentifiers, 'xlsx'),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: await toXlsx(sheets, includeIdentifiers),
    rows: [...tables.values()].reduce((sum, table) => sum + table.rows.length, 0),
  };
}

export async function buildExport(ctx: CoreContext, input: ParsedInputOf<'export.build'>): Promise<ExportFile> {
  const file = await buildExportFile(ctx, input);
  return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64'), rows: file.rows };
}

/** A folder files can be saved in: it exists, is a folder, and accepts a test file (removed again). */
export function assertWritableFolder(folder: string): void {
  if (!path.isAbsolute(folder)) throw new DomainError('invalid_input', 'Give the folder’s full path, for example C:\\Reports or \\\\server\\share\\Reports.', 'folder');
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    throw explainFolderError(error, folder);
  }
  if (!isFolder) throw new DomainError('invalid_input', `“${folder}” is a file, not a folder. Choose the folder the daily files go to.`, 'folder');
  const probe = path.join(folder, `.contactcap-write-test-${process.pid}`);
  writeFileAtomic(probe, 'ContactCap checks it can save files here.');
  rmSync(probe, { force: true });
}
