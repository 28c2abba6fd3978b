import { parse } from 'csv-parse/sync';
import {
  answerRow,
  checkRows,
  MAX_IMPORT_ROWS,
  readHeader,
  refusalMessage,
  type CheckedRow,
  type ClinicianImport,
  type HeaderColumns,
  type ImportRecord,
} from '../../../shared/clinicianImport.ts';
import { contract, type ParsedInputOf } from '../../../shared/contract.ts';
import { identifierProblem } from '../../../shared/freeText.ts';
import type { Clinician } from '../../../shared/domain.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { createClinician } from './clinicians.ts';
import { currentConfig } from './configViews.ts';

/**
 * clinician.import: a CSV file of clinicians, previewed row by row, or added
 * all together in one transaction when every row is right. Each clinician is
 * added by createClinician, so its checks (and anything it assigns) are the
 * same as for one added by hand.
 */

interface CsvFile {
  header: HeaderColumns;
  /** How many cells the header row has. */
  width: number;
  records: ImportRecord[];
}

const SAVE_AS_CSV = 'In Excel, choose File, Save a copy, and the type “CSV UTF-8 (comma delimited)”, then choose the new file.';

const refuse = (message: string): DomainError => new DomainError('invalid_input', message, 'csv');

/**
 * Control characters other than tab and line ends, which a text file of names
 * never has: the file is a spreadsheet, a document or a picture.
 */
function looksBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** The header line's commonest separator: a comma, or a semicolon or a tab from some spreadsheets. */
function delimiterOf(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (mark: string) => firstLine.split(mark).length - 1;
  return [';', '\t'].reduce((best, mark) => (count(mark) > count(best) ? mark : best), ',');
}

function parseFailure(error: unknown): DomainError {
  const { code, lines } = error as { code?: unknown; lines?: unknown };
  const line = typeof lines === 'number' ? lines : null;
  const where = line === null ? 'The file' : `Line ${line} of the file`;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return refuse(`${where} has a quotation mark that is never closed, so ContactCap cannot tell where the cells end. Check the quotation marks.`);
  }
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE') {
    return refuse(`${where} has a quotation mark inside a cell. Put the whole cell in quotation marks, or take the mark out.`);
  }
  return refuse(`ContactCap could not read this as a CSV file. ${SAVE_AS_CSV}`);
}

function readFile(csv: string): CsvFile {
  const text = csv.replace(/^\ufeff/, '');
  if (text.trim() === '') throw refuse('The file is empty. Choose the CSV file that lists the clinicians.');
  if (looksBinary(text)) throw refuse(`This is not a CSV file: it looks like a spreadsheet or another kind of file. ${SAVE_AS_CSV}`);
  let parsed: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    parsed = parse(text, { delimiter: delimiterOf(text), info: true, raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (error) {
    throw parseFailure(error);
  }
  // A row of empty cells is what a spreadsheet writes for a blank row: skip it like a blank line.
  const rows = parsed
    .filter((entry) => entry.record.some((value) => value.trim() !== ''))
    // The row a spreadsheet shows: the line the record starts on (a quoted cell may run over several lines).
    .map((entry) => ({ row: entry.info.lines - (entry.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0), cells: entry.record }));
  const [first, ...records] = rows;
  if (!first) throw refuse('The file is empty. Choose the CSV file that lists the clinicians.');
  const header = readHeader(first.cells);
  if (!header.ok) throw refuse(header.message);
  if (records.length === 0) throw refuse('The file has the column names but no clinicians under them. Add one clinician to each row below the names.');
  if (records.length > MAX_IMPORT_ROWS) {
    throw refuse(`The file lists ${records.length} clinicians, and ContactCap takes up to ${MAX_IMPORT_ROWS} in one file. Split it into smaller files.`);
  }
  return { header: header.value, width: first.cells.length, records };
}

type CreateInput = ParsedInputOf<'clinician.create'>;

/**
 * Every row checked against the board as it is now. A row that passes the file's
 * checks goes through clinician.create's own input rules too, so nothing the API
 * would refuse is ever called "will be added".
 */
function checkFile(ctx: CoreContext, file: CsvFile): { rows: CheckedRow[]; inputs: (CreateInput | null)[] } {
  const config = currentConfig(ctx);
  const onBoard = config.clinicians.filter((clinician) => clinician.active);
  const rows = checkRows(file.records, file.header, onBoard, config.settings.roleDefaults, file.width);
  const inputs = rows.map((row) => {
    if (row.problems.length > 0 || row.role === null) return null;
    const parsed = contract['clinician.create'].input.safeParse({
      name: row.name,
      role: row.role,
      initials: row.initials,
      capped: row.capped,
      dailyCap: row.dailyCap,
    });
    if (!parsed.success) {
      row.problems.push(parsed.error.issues[0]?.message ?? 'ContactCap cannot add this row as it is.');
      return null;
    }
    // The same free-text rule as a clinician added by hand (shared/freeText.ts).
    const identifier = identifierProblem(contract['clinician.create'].input, parsed.data, () => config.settings.collectNhsNumber);
    if (identifier === null) return parsed.data;
    row.problems.push(identifier.message);
    return null;
  });
  return { rows, inputs };
}

function answer(file: CsvFile, rows: CheckedRow[], added: Clinician[]): ClinicianImport {
  const problems = rows.filter((row) => row.problems.length > 0).length;
  return {
    applied: added.length > 0,
    rows: rows.map((row) => answerRow(row, added.length > 0)),
    ready: rows.length - problems,
    problems,
    ignoredColumns: file.header.ignored,
    added,
  };
}

export function importClinicians(ctx: CoreContext, input: ParsedInputOf<'clinician.import'>): ClinicianImport {
  const file = readFile(input.csv);
  if (!input.apply) {
    const { rows } = checkFile(ctx, file);
    return answer(file, rows, []);
  }
  return write(ctx, () => {
    // Checked again inside the transaction: the board may have changed since the preview.
    const { rows, inputs } = checkFile(ctx, file);
    if (rows.some((row) => row.problems.length > 0)) throw refuse(refusalMessage(rows));
    const added = inputs.map((create) => {
      if (create === null) throw new Error('A row without problems has no clinician to add');
      return createClinician(ctx, create);
    });
    return answer(file, rows, added);
  });
}
