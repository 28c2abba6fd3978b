import { CLINICIAN_ROLES, MAX_DAILY_CAP, ROLE_LABELS, type Clinician, type ClinicianRole, type RoleDefault } from './domain.ts';
import { deriveInitials, isReadableText, nameKey, tidyText } from './text.ts';

/**
 * Reading a practice's list of clinicians from a CSV file: which column is
 * which, and what is wrong with each row, in words for a practice manager.
 * The core splits the file into cells (csv-parse) and adds the clinicians;
 * everything here is pure, so the rules are tested without a database.
 */

/** More than any practice has on its books: a bigger file is almost certainly the wrong file. */
export const MAX_IMPORT_ROWS = 150;
export const MAX_IMPORT_CHARACTERS = 100_000;
const MAX_NAME = 80;

export type ImportColumn = 'name' | 'role' | 'dailyCap' | 'initials';

/** The column names accepted for each field, compared after headerKey(). */
const HEADER_NAMES: Record<ImportColumn, readonly string[]> = {
  name: ['name'],
  role: ['role'],
  dailyCap: ['daily cap', 'cap'],
  initials: ['initials'],
};

const COLUMN_LABELS: Record<ImportColumn, string> = { name: 'Name', role: 'Role', dailyCap: 'Daily cap', initials: 'Initials' };

export const ROLE_LIST_TEXT = CLINICIAN_ROLES.map((role) => ROLE_LABELS[role]).join(', ');

const FORMAT_TEXT = 'The first row must name the columns: Name and Role, and if you like Daily cap and Initials.';

/** "Daily_Cap", " daily  cap " and "DAILY-CAP" are all "daily cap". */
function headerKey(text: string): string {
  return tidyText(text.replace(/[_-]+/g, ' ')).toLocaleLowerCase('en-GB');
}

/** Role labels as shown in the app ("Practice nurse") and role ids ("practice_nurse"), any case. */
const ROLE_BY_TEXT = new Map<string, ClinicianRole>(
  CLINICIAN_ROLES.flatMap((role) => [
    [tidyText(ROLE_LABELS[role]).toLocaleLowerCase('en-GB'), role],
    [role, role],
  ]),
);

export function roleFromText(text: string): ClinicianRole | null {
  return ROLE_BY_TEXT.get(tidyText(text).toLocaleLowerCase('en-GB')) ?? null;
}

export interface HeaderColumns {
  /** Where each known column is, counting from 0. */
  columns: Partial<Record<ImportColumn, number>>;
  /** Column names ContactCap does not use (left alone, said in the preview). */
  ignored: string[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Which column is which, from the file's first row; a message when the row is not a header ContactCap can use. */
export function readHeader(cells: readonly string[]): Checked<HeaderColumns> {
  const columns: Partial<Record<ImportColumn, number>> = {};
  const ignored: string[] = [];
  for (const [index, cell] of cells.entries()) {
    const key = headerKey(cell);
    const column = (Object.keys(HEADER_NAMES) as ImportColumn[]).find((candidate) => HEADER_NAMES[candidate].includes(key));
    if (column === undefined) {
      if (key !== '') ignored.push(tidyText(cell));
      continue;
    }
    const earlier = columns[column];
    if (earlier !== undefined) {
      return {
        ok: false,
        message: `The first row has two ${COLUMN_LABELS[column]} columns (“${tidyText(cells[earlier] ?? '')}” and “${tidyText(cell)}”). Keep one of them.`,
      };
    }
    columns[column] = index;
  }
  if (columns.name === undefined && columns.role === undefined) {
    const shown = cells.map(tidyText).filter((cell) => cell !== '').join(', ');
    return { ok: false, message: `${FORMAT_TEXT} This file’s first row is “${shorten(shown, 80)}”.` };
  }
  if (columns.name === undefined) return { ok: false, message: `The file has no Name column. ${FORMAT_TEXT}` };
  if (columns.role === undefined) {
    return { ok: false, message: 'The file has no Role column. Add one that gives each clinician’s role, for example GP partner or Practice nurse.' };
  }
  return { ok: true, value: { columns, ignored } };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A cap cell: blank is the role's usual cap, a whole number is the clinician's own, "No cap" means counted but not capped. */
export type CapCell = { kind: 'role_default' } | { kind: 'cap'; dailyCap: number } | { kind: 'no_cap' };

const NO_CAP_WORDS = new Set(['no cap', 'none', 'not capped', 'uncapped']);

export function capFromText(text: string): Checked<CapCell> {
  const tidy = tidyText(text);
  if (tidy === '') return { ok: true, value: { kind: 'role_default' } };
  if (NO_CAP_WORDS.has(tidy.toLocaleLowerCase('en-GB'))) return { ok: true, value: { kind: 'no_cap' } };
  if (/^\d+$/.test(tidy)) {
    const dailyCap = Number(tidy);
    if (dailyCap > MAX_DAILY_CAP) {
      return { ok: false, message: `A daily cap of ${tidy} is more than ContactCap allows (${MAX_DAILY_CAP} a day).` };
    }
    return { ok: true, value: { kind: 'cap', dailyCap } };
  }
  if (/^-?\d+([.,]\d+)?$/.test(tidy)) {
    return { ok: false, message: `The daily cap “${tidy}” must be a whole number from 0 to ${MAX_DAILY_CAP}.` };
  }
  return {
    ok: false,
    message: `“${shorten(tidy, 40)}” is not a daily cap ContactCap can read. Give a whole number from 0 to ${MAX_DAILY_CAP}, write “No cap”, or leave it blank for the role’s usual cap.`,
  };
}

/** One row of the file: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface ImportRecord {
  row: number;
  cells: readonly string[];
}

/** What the file's row will become, with every problem found in it. */
export interface CheckedRow {
  row: number;
  name: string;
  /** The role as written in the file. */
  roleText: string;
  role: ClinicianRole | null;
  initials: string;
  /** null: the role's default (what clinician.create takes). */
  capped: boolean | null;
  dailyCap: number | null;
  /** How the cap will read, for example "25 a day (the role’s usual)". */
  cap: string;
  /** Full sentences; empty when the row is ready to add. */
  problems: string[];
}

/** A clinician already on the board, as far as a duplicate name goes. */
export interface NameOnBoard {
  name: string;
}

const cell = (record: ImportRecord, index: number | undefined): string => (index === undefined ? '' : (record.cells[index] ?? ''));

function nameProblems(name: string): string[] {
  if (name === '') return ['No name is given. Give each clinician’s name, for example Dr Ada Patel.'];
  if (name.length > MAX_NAME) return [`The name is ${name.length} characters long. Keep it to ${MAX_NAME} or fewer.`];
  if (!isReadableText(name)) return [`“${shorten(name, 40)}” is not a name ContactCap can use. Write it in letters, for example Dr Ada Patel.`];
  return [];
}

/** What a cap cell gives clinician.create, and how to say it: also used when a clinician is typed in during the setup. */
export function capFieldsOf(cap: CapCell, role: ClinicianRole | null, defaults: Record<ClinicianRole, RoleDefault>): Pick<CheckedRow, 'capped' | 'dailyCap' | 'cap'> {
  const usual = role === null ? null : defaults[role];
  switch (cap.kind) {
    case 'role_default': {
      if (usual === null || role === null) return { capped: null, dailyCap: null, cap: 'The role’s usual cap' };
      return { capped: null, dailyCap: null, cap: usual.capped ? `${usual.dailyCap} a day (the role’s usual)` : 'No cap (the role’s usual)' };
    }
    case 'no_cap':
      return { capped: false, dailyCap: null, cap: 'No cap' };
    case 'cap':
      // A number in the file means "capped at this": said outright only where the role is not capped by default.
      return { capped: usual?.capped === true ? null : true, dailyCap: cap.dailyCap, cap: `${cap.dailyCap} a day` };
  }
}

/**
 * Checks every row: the name (present, readable, not twice in the file, not
 * already on the board), the role, the cap and the initials.
 */
export function checkRows(
  records: readonly ImportRecord[],
  header: HeaderColumns,
  onBoard: readonly NameOnBoard[],
  defaults: Record<ClinicianRole, RoleDefault>,
  headerWidth: number,
): CheckedRow[] {
  const boardNames = new Map(onBoard.map((clinician) => [nameKey(clinician.name), clinician.name]));
  const firstRowOf = new Map<string, number>();
  return records.map((record) => {
    const { columns } = header;
    const name = tidyText(cell(record, columns.name));
    const roleText = tidyText(cell(record, columns.role));
    const initialsText = tidyText(cell(record, columns.initials)).toLocaleUpperCase('en-GB');
    const problems = nameProblems(name);

    const key = nameKey(name);
    if (name !== '') {
      const earlier = firstRowOf.get(key);
      const existing = boardNames.get(key);
      if (earlier !== undefined) {
        problems.push(`“${name}” is also on row ${earlier}. List each clinician once, or add something to tell them apart, such as a middle initial.`);
      } else {
        firstRowOf.set(key, record.row);
        if (existing !== undefined) {
          problems.push(`“${existing}” is already on the board. Leave them out of the file, or add something to tell them apart, such as a middle initial.`);
        }
      }
    }

    const role = roleFromText(roleText);
    if (role === null) {
      problems.push(roleText === '' ? `No role is given. Use one of: ${ROLE_LIST_TEXT}.` : `“${shorten(roleText, 40)}” is not a role ContactCap knows. Use one of: ${ROLE_LIST_TEXT}.`);
    }

    const capCell = capFromText(cell(record, columns.dailyCap));
    if (!capCell.ok) problems.push(capCell.message);

    if (initialsText !== '' && !/^\p{Lu}{1,4}$/u.test(initialsText)) {
      problems.push(`The initials “${shorten(initialsText, 12)}” must be 1 to 4 letters, for example AP.`);
    }

    const extra = record.cells.slice(headerWidth).some((value) => value.trim() !== '');
    if (extra) {
      problems.push('This row has more cells than the first row. If a name has a comma in it, put the name in quotation marks.');
    }

    return {
      row: record.row,
      name,
      roleText,
      role,
      initials: initialsText !== '' ? initialsText : name === '' ? '' : deriveInitials(name),
      ...capFieldsOf(capCell.ok ? capCell.value : { kind: 'role_default' }, role, defaults),
      problems,
    };
  });
}

/** "Row 4: …": a row's problems as one message. */
export function rowMessage(row: Pick<CheckedRow, 'row' | 'problems'>): string {
  return `Row ${row.row}: ${row.problems.join(' ')}`;
}

const LISTED_PROBLEMS = 5;

/** Why nothing was added: how many rows need fixing, and the first few of them. */
export function refusalMessage(rows: readonly CheckedRow[]): string {
  const wrong = rows.filter((row) => row.problems.length > 0);
  const listed = wrong.slice(0, LISTED_PROBLEMS).map(rowMessage);
  const more = wrong.length > LISTED_PROBLEMS ? ` And ${wrong.length - LISTED_PROBLEMS} more ${wrong.length - LISTED_PROBLEMS === 1 ? 'row' : 'rows'}.` : '';
  const count = wrong.length === 1 ? '1 row needs' : `${wrong.length} rows need`;
  return `Nothing was added: ${count} fixing first. ${listed.join(' ')}${more}`;
}

export type ImportOutcome = 'will_be_added' | 'added' | 'problem';

/** One row of the answer to clinician.import. */
export interface ClinicianImportRow extends Omit<CheckedRow, 'problems'> {
  outcome: ImportOutcome;
  /** "Will be added.", "Added." or what is wrong, starting "Row N:". */
  message: string;
}

/** The answer to clinician.import: a preview, or what was added. */
export interface ClinicianImport {
  applied: boolean;
  rows: ClinicianImportRow[];
  ready: number;
  problems: number;
  /** Column names the file has that ContactCap does not use. */
  ignoredColumns: string[];
  /** Added by this call, in the file's order (empty for a preview). */
  added: Clinician[];
}

export function answerRow(row: CheckedRow, added: boolean): ClinicianImportRow {
  const { problems, ...rest } = row;
  if (problems.length > 0) return { ...rest, outcome: 'problem', message: rowMessage(row) };
  return { ...rest, outcome: added ? 'added' : 'will_be_added', message: added ? 'Added.' : 'Will be added.' };
}
