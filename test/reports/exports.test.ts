import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../main/core/exports/writers.ts';
import type { InputOf } from '../../shared/contract.ts';
import type { ExportFile } from '../../shared/reports.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, closeCore, expectRefusedUnchanged, openCore, type OpenedCore, type Refusal } from '../api/apiHarness.ts';
import {
  contactsIn,
  COUNTED_TYPES,
  counts,
  dayOf,
  deferralsIn,
  FOOD_BANK,
  hourOf,
  isVoided,
  liveContacts,
  NAMES,
  NHS_NUMBER,
  oneDecimal,
  redirectionsIn,
  ROLES,
  ROTA,
  seedWeek,
  STAFF,
  tally,
  WEEK,
  WHO,
  type Entry,
  type SentVoid,
  type Week,
  type Who,
} from './week.ts';

/**
 * export.build on the seeded week: every CSV table and the workbook are read
 * back (csv-parse, ExcelJS) and checked against the week's own record. Column
 * names are copied by hand from the README's list (main/core/exports/tables.ts).
 */

let opened: OpenedCore;
let week: Week;

beforeAll(() => {
  opened = openCore('2026-10-19T06:00:00Z');
  week = seedWeek(opened.core, opened.clock);
});
afterAll(closeAllCores);

const COLUMNS = {
  'clinician-days': [
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
  'clinician-day-types': ['day', 'clinician_id', 'clinician', 'type_id', 'type', 'counts_toward_cap', 'contacts'],
  contacts: [
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
  ],
  redirections: [
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
  ],
  deferrals: ['deferral_id', 'day', 'occurred_at', 'kind', 'until_day', 'clinician_id', 'clinician', 'voided', 'void_reason', 'recorded_by', 'device'],
} as const;
/** Added after the first release: at the very end, after any identifier columns, so no column moves. */
const LATE = ['late_entry', 'late_reason'] as const;
const WITH_LATE: ReadonlySet<string> = new Set(['contacts', 'redirections', 'deferrals']);
/** A table's header as written: its columns, any identifier columns, then the late-entry ones. */
const header = (table: keyof typeof COLUMNS, identifiers: readonly string[] = []) => [...COLUMNS[table], ...identifiers, ...(WITH_LATE.has(table) ? LATE : [])];
/** None of the week's records is a late entry. */
const NOT_LATE = { late_entry: 'false', late_reason: '' };
type TableName = keyof typeof COLUMNS;
const TABLES = Object.keys(COLUMNS) as TableName[];

const SHEETS = ['Summary', 'Clinician days', 'Contacts by type', 'Contacts', 'Redirections', 'Deferrals'];
const SUMMARY_COLUMNS = [
  'clinician',
  'role',
  'days_worked',
  'sessions_worked',
  'days_at_or_over_cap',
  'contacts_counted',
  'contacts_not_counted',
  'average_per_day',
  'average_per_session',
  'urgent_over_cap',
  'contacts_counted_on_days_off',
  'redirections',
  'redirections_per_100_contacts',
  'nhs111_redirections',
  'nhs111_icb_informed',
  'deferrals',
  'deferrals_later_date',
  'deferrals_waiting_list',
];

const TYPE_NAMES: Record<string, string> = {
  face_to_face: 'Face to face',
  telephone: 'Telephone',
  video: 'Video',
  online: 'Online / written',
  home_visit: 'Home visit',
  admin: 'Admin',
  documents: 'Documents',
  results: 'Results',
};

/** What a CSV cell must hold for text a spreadsheet would run as a formula: the text after an apostrophe. */
const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const yes = (value: boolean) => (value ? 'true' : 'false');

const FROM = WEEK[0];
const TO = WEEK[6];

async function build(input: InputOf<'export.build'>): Promise<{ file: ExportFile; bytes: Buffer; text: string }> {
  const file = must(await opened.core.call('export.build', input));
  const bytes = Buffer.from(file.base64, 'base64');
  return { file, bytes, text: bytes.toString('utf8') };
}

/** Every record of a CSV file as arrays of text. */
function readCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true });
}

/** The data rows keyed by column name (the header is the first record, or the second after the identifier warning). */
function readTable(text: string, headerAt = 0): Record<string, string>[] {
  const records = readCsv(text);
  const header = records[headerAt] ?? [];
  return records.slice(headerAt + 1).map((record) => Object.fromEntries(header.map((column, i) => [column, record[i] ?? ''])));
}

function voidReasonOf(target: Entry): string {
  const voided = week.ledger.find((entry): entry is SentVoid => entry.kind === 'void' && entry.ok && entry.targetLabel === target.label);
  return voided ? safe(voided.reason) : '';
}

const inWeek = (entry: Entry) => entry.ok && (WEEK as readonly string[]).includes(dayOf(entry.at));
const nameOf = (who: Who | undefined) => (who === undefined ? '' : safe(NAMES[who]));
const idOf = (who: Who | undefined) => (who === undefined ? '' : week.ids[who]);

/** When the warning level and the cap were reached, worked out by hand (see dayReport.test.ts); nobody else reached them. */
const REACHED: Record<string, [string, string]> = {
  '2026-10-19|amara': ['2026-10-19T11:30:00+01:00', '2026-10-19T12:00:00+01:00'],
  '2026-10-20|ben': ['2026-10-20T11:00:00+01:00', '2026-10-20T11:30:00+01:00'],
  '2026-10-21|dev': ['2026-10-21T12:20:00+01:00', '2026-10-21T12:40:00+01:00'],
};

function expectedClinicianDays(): Record<string, string>[] {
  return WEEK.flatMap((day) =>
    WHO.flatMap((who) => {
      const plan = ROTA[day]?.[who];
      if (!plan) return [];
      const live = liveContacts(week, [day], who);
      const counted = live.filter(counts).length;
      const urgent = live.filter((contact) => counts(contact) && contact.overCapReason !== undefined).length;
      const reached = REACHED[`${day}|${who}`];
      return [
        {
          day,
          clinician_id: week.ids[who],
          clinician: safe(NAMES[who]),
          role: ROLES[who],
          sessions: plan.am && plan.pm ? 'am+pm' : plan.am ? 'am' : plan.pm ? 'pm' : 'none',
          working: yes(plan.am || plan.pm),
          duty: yes(plan.duty),
          capped: yes(plan.capped),
          // Empty for a clinician who is not capped (Cleo, Eve).
          cap: plan.capped ? String(plan.cap) : '',
          contacts_counted: String(counted),
          contacts_not_counted: String(live.length - counted),
          percent_of_cap: plan.capped && plan.cap > 0 ? String(oneDecimal((counted / plan.cap) * 100)) : '',
          warning_reached_at: reached?.[0] ?? '',
          cap_reached_at: reached?.[1] ?? '',
          urgent_over_cap: String(urgent),
          over_cap: String(urgent),
        },
      ];
    }),
  );
}

function expectedDayTypes(): Record<string, string>[] {
  return WEEK.flatMap((day) =>
    WHO.flatMap((who) =>
      Object.entries(tally(liveContacts(week, [day], who), (contact) => contact.typeId))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([typeId, count]) => ({
          day,
          clinician_id: week.ids[who],
          clinician: safe(NAMES[who]),
          type_id: typeId,
          type: TYPE_NAMES[typeId] ?? typeId,
          counts_toward_cap: yes(COUNTED_TYPES.has(typeId)),
          contacts: String(count),
        })),
    ),
  );
}

function expectedContacts(): Record<string, string>[] {
  return contactsIn(week)
    .filter(inWeek)
    .map((contact) => ({
      contact_id: contact.id ?? '',
      day: dayOf(contact.at),
      occurred_at: contact.at,
      recorded_at: contact.recordedAt,
      clinician_id: week.ids[contact.who],
      clinician: safe(NAMES[contact.who]),
      type_id: contact.typeId,
      type: TYPE_NAMES[contact.typeId] ?? contact.typeId,
      counts_toward_cap: yes(counts(contact)),
      // The session split is 13:00 London time.
      session: hourOf(contact.at) < 13 ? 'am' : 'pm',
      over_cap: yes(contact.overCapReason !== undefined),
      urgent_over_cap_reason: contact.overCapReason === undefined ? '' : safe(contact.overCapReason),
      voided: yes(isVoided(week, contact)),
      void_reason: voidReasonOf(contact),
      recorded_by: STAFF.staffName,
      device: STAFF.deviceName,
      ...NOT_LATE,
    }));
}

function expectedRedirections(withIdentifiers: boolean): Record<string, string>[] {
  return redirectionsIn(week)
    .filter(inWeek)
    .map((record) => ({
      redirection_id: record.id ?? '',
      day: dayOf(record.at),
      occurred_at: record.at,
      destination_id: record.destinationId,
      destination: safe(record.destinationName),
      destination_kind: record.destinationKind,
      reason: record.reason,
      from_clinician_id: idOf(record.from),
      from_clinician: nameOf(record.from),
      pharmacy_first_route: record.pharmacyFirst?.route ?? '',
      pharmacy_first_condition: record.pharmacyFirst?.condition ?? '',
      nhs111_icb_informed: record.destinationKind === 'nhs_111' ? yes(record.icbInformed === true) : '',
      emergency: yes(record.destinationKind === 'emergency_999'),
      voided: yes(isVoided(week, record)),
      void_reason: voidReasonOf(record),
      recorded_by: STAFF.staffName,
      device: STAFF.deviceName,
      ...(withIdentifiers ? { note: safe(record.note ?? ''), nhs_number: record.nhsNumber ?? '' } : {}),
      ...NOT_LATE,
    }));
}

function expectedDeferrals(withIdentifiers: boolean): Record<string, string>[] {
  return deferralsIn(week)
    .filter(inWeek)
    .map((record) => ({
      deferral_id: record.id ?? '',
      day: dayOf(record.at),
      occurred_at: record.at,
      kind: record.deferralKind,
      until_day: record.untilDay ?? '',
      clinician_id: idOf(record.who),
      clinician: nameOf(record.who),
      voided: yes(isVoided(week, record)),
      void_reason: voidReasonOf(record),
      recorded_by: STAFF.staffName,
      device: STAFF.deviceName,
      ...(withIdentifiers ? { note: safe(record.note ?? '') } : {}),
      ...NOT_LATE,
    }));
}

const EXPECTED: Record<TableName, () => Record<string, string>[]> = {
  'clinician-days': expectedClinicianDays,
  'clinician-day-types': expectedDayTypes,
  contacts: expectedContacts,
  redirections: () => expectedRedirections(false),
  deferrals: () => expectedDeferrals(false),
};

/** Rows in a stable order for comparing: by day, then every column in turn. */
const sorted = (rows: Record<string, string>[]) => [...rows].sort((a, b) => JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b))));

describe('export.build: CSV', () => {
  it.each(TABLES)('writes %s for the week with exactly the stable column names, one row per record, each as the record says', async (table) => {
    const { file, text } = await build({ format: 'csv', table, from: FROM, to: TO });
    expect(file.fileName).toBe(`contactcap-${table}-2026-10-19-to-2026-10-25.csv`);
    expect(file.mimeType).toBe('text/csv; charset=utf-8');
    const records = readCsv(text);
    expect(records[0]).toEqual(header(table));
    const rows = readTable(text);
    const expected = EXPECTED[table]();
    expect(file.rows).toBe(expected.length);
    expect(sorted(rows)).toEqual(sorted(expected));
  });

  it('counts the rows worked out by hand: 18 clinician-days, 197 contacts (voided in, refused out), 23 redirections, 6 deferrals', async () => {
    const count = async (table: TableName) => readTable((await build({ format: 'csv', table, from: FROM, to: TO })).text).length;
    expect(await count('clinician-days')).toBe(18);
    // Amara 28 + 12 + 12 + 8, Ben 20 + 17 + 12 + 8 + 9, Cleo 17 + 8 + 10 + 6 + 6, Dev 13 + 4 + 5, Eve 2:
    // the 3 voided contacts are in, marked voided; the 5 refused requests were never saved.
    expect(await count('contacts')).toBe(197);
    expect(await count('redirections')).toBe(23);
    expect(await count('deferrals')).toBe(6);
  });

  it('writes UTF-8 with a byte-order mark and Windows line ends', async () => {
    const { bytes, text } = await build({ format: 'csv', table: 'redirections', from: FROM, to: TO });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The en dash in "Community pharmacy – Pharmacy First" is three bytes in UTF-8.
    expect(bytes.includes(Buffer.from([0xe2, 0x80, 0x93]))).toBe(true);
    expect(text).toContain('Community pharmacy – Pharmacy First');
    expect(text.split('\r\n').length).toBeGreaterThan(20);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('writes days as YYYY-MM-DD and times as ISO 8601 with London’s offset: +01:00 in summer, +00:00 after the clocks go back', async () => {
    const rows = readTable((await build({ format: 'csv', table: 'contacts', from: FROM, to: TO })).text);
    for (const row of rows) {
      expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.occurred_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    }
    const dev = rows.filter((row) => row.clinician_id === week.ids.dev && row.day === '2026-10-25').map((row) => row.occurred_at);
    expect(dev).toEqual(['2026-10-25T00:40:00+01:00', '2026-10-25T10:00:00+00:00', '2026-10-25T10:20:00+00:00', '2026-10-25T10:40:00+00:00', '2026-10-25T23:30:00+00:00']);
    const backdated = rows.find((row) => row.occurred_at !== row.recorded_at);
    expect(backdated).toMatchObject({ recorded_at: '2026-10-22T16:00:00+01:00', session: 'am', clinician: 'Dr Ben Carter' });
    const redirections = readTable((await build({ format: 'csv', table: 'redirections', from: '2026-10-25', to: '2026-10-25' })).text);
    expect(redirections.map((row) => row.occurred_at)).toEqual(['2026-10-25T00:30:00+01:00', '2026-10-25T01:30:00+01:00', '2026-10-25T01:30:00+00:00', '2026-10-25T23:45:00+00:00']);
  });

  it('puts an apostrophe before text starting with =, +, - or @: names, reasons and services', async () => {
    const contacts = readTable((await build({ format: 'csv', table: 'contacts', from: FROM, to: TO })).text);
    expect(contacts.find((row) => row.clinician_id === week.ids.eve)?.clinician).toBe("'=Dr Eve Equals");
    expect(contacts.find((row) => row.urgent_over_cap_reason !== '' && row.day === '2026-10-19')?.urgent_over_cap_reason).toBe("'+Chest pain, seen today");
    expect(contacts.find((row) => row.voided === 'true' && row.day === '2026-10-19')?.void_reason).toBe("'-Entered twice");
    const redirections = readTable((await build({ format: 'csv', table: 'redirections', from: FROM, to: TO })).text);
    expect(redirections.find((row) => row.voided === 'true' && row.day === '2026-10-20')?.void_reason).toBe('\'=HYPERLINK("http://x")');
    expect(redirections.find((row) => row.destination_kind === 'other')?.destination).toBe(`'${FOOD_BANK}`);
    const deferrals = readTable((await build({ format: 'csv', table: 'deferrals', from: FROM, to: TO })).text);
    expect(deferrals.find((row) => row.voided === 'true')?.void_reason).toBe("'@Booked in error");
    const days = readTable((await build({ format: 'csv', table: 'clinician-days', from: '2026-10-22', to: '2026-10-22' })).text);
    expect(days.find((row) => row.clinician_id === week.ids.eve)?.clinician).toBe("'=Dr Eve Equals");
    // Nothing of it left unguarded anywhere in the file.
    expect(readCsv((await build({ format: 'csv', table: 'redirections', from: FROM, to: TO })).text).flat().filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });

  it('guards text starting with a tab or a carriage return too (typed text is trimmed, so only the writer can be given it)', () => {
    const csv = toCsv({ name: 'contacts', columns: ['a', 'b', 'c'], rows: [['\tcmd', '\r=1+1', 'plain']] }, false);
    expect(readCsv(csv)[1]).toEqual(["'\tcmd", "'\r=1+1", 'plain']);
  });

  it('leaves notes and NHS numbers out unless asked for', async () => {
    for (const table of TABLES) {
      const { text, file } = await build({ format: 'csv', table, from: FROM, to: TO });
      expect(readCsv(text)[0], table).not.toContain('note');
      expect(readCsv(text)[0], table).not.toContain('nhs_number');
      for (const secret of [NHS_NUMBER, '1+1 patient note', 'Booked with usual GP', 'Wants usual GP', 'PATIENT IDENTIFIERS']) expect(text, table).not.toContain(secret);
      expect(file.fileName).not.toContain('IDENTIFIERS');
    }
  });

  it('with identifiers asked for, says so in the file name and the first row, and adds the notes and NHS numbers', async () => {
    const redirections = await build({ format: 'csv', table: 'redirections', from: FROM, to: TO, includeIdentifiers: true });
    expect(redirections.file.fileName).toBe('contactcap-redirections-2026-10-19-to-2026-10-25-WITH-PATIENT-IDENTIFIERS.csv');
    const records = readCsv(redirections.text);
    expect(records[0]).toHaveLength(1);
    expect(records[0]?.[0]).toMatch(/^CONTAINS PATIENT IDENTIFIERS/);
    expect(records[1]).toEqual(header('redirections', ['note', 'nhs_number']));
    expect(sorted(readTable(redirections.text, 1))).toEqual(sorted(expectedRedirections(true)));
    expect(readTable(redirections.text, 1).find((row) => row.nhs_number !== '')).toMatchObject({ note: "'=1+1 patient note", nhs_number: NHS_NUMBER, day: '2026-10-19' });

    const deferrals = await build({ format: 'csv', table: 'deferrals', from: FROM, to: TO, includeIdentifiers: true });
    expect(readCsv(deferrals.text)[1]).toEqual(header('deferrals', ['note']));
    expect(sorted(readTable(deferrals.text, 1))).toEqual(sorted(expectedDeferrals(true)));

    // A table with nothing identifying still carries the warning and the name.
    const contacts = await build({ format: 'csv', table: 'contacts', from: FROM, to: TO, includeIdentifiers: true });
    expect(contacts.file.fileName).toContain('WITH-PATIENT-IDENTIFIERS');
    expect(readCsv(contacts.text)[0]?.[0]).toMatch(/^CONTAINS PATIENT IDENTIFIERS/);
    expect(readCsv(contacts.text)[1]).toEqual(header('contacts'));
  });

  it('names a one-day file by its day', async () => {
    const { file, text } = await build({ format: 'csv', table: 'contacts', from: '2026-10-21', to: '2026-10-21' });
    expect(file.fileName).toBe('contactcap-contacts-2026-10-21.csv');
    expect(readTable(text).every((row) => row.day === '2026-10-21')).toBe(true);
    expect(readTable(text)).toHaveLength(contactsIn(week).filter((contact) => contact.ok && dayOf(contact.at) === '2026-10-21').length);
  });

  it('counts no rows for a range with nothing in it, and still writes the header', async () => {
    const { file, text } = await build({ format: 'csv', table: 'redirections', from: '2026-09-01', to: '2026-09-07' });
    expect(file.rows).toBe(0);
    expect(readCsv(text)[0]).toEqual(header('redirections'));
  });

  it('writes just the header, and nothing after it, for a range with nothing in it', async () => {
    const { text } = await build({ format: 'csv', table: 'redirections', from: '2026-09-01', to: '2026-09-07' });
    expect(text).toBe(`\uFEFF${header('redirections').join(',')}\r\n`);
    expect(parse(text, { bom: true })).toEqual([header('redirections')]);
  });
});

async function workbook(input: Omit<InputOf<'export.build'>, 'format'>): Promise<{ file: ExportFile; book: ExcelJS.Workbook }> {
  const file = must(await opened.core.call('export.build', { format: 'xlsx', ...input }));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
  return { file, book };
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = book.getWorksheet(name);
  if (!found) throw new Error(`No sheet called ${name}`);
  return found;
}

/** A row's cell values from column 1 (ExcelJS puts nothing at index 0). */
const rowValues = (worksheet: ExcelJS.Worksheet, row: number) => (worksheet.getRow(row).values as unknown[]).slice(1);

describe('export.build: the .xlsx workbook', () => {
  let book: ExcelJS.Workbook;
  let file: ExportFile;
  beforeAll(async () => {
    ({ book, file } = await workbook({ from: FROM, to: TO }));
  });

  it('has the summary sheet and one sheet per table, in order, and a file name for the range', () => {
    expect(book.worksheets.map((worksheet) => worksheet.name)).toEqual(SHEETS);
    expect(file.fileName).toBe('contactcap-2026-10-19-to-2026-10-25.xlsx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('gives every sheet a bold, frozen header row with the stable column names', () => {
    const headers: Record<string, readonly string[]> = {
      Summary: SUMMARY_COLUMNS,
      'Clinician days': COLUMNS['clinician-days'],
      'Contacts by type': COLUMNS['clinician-day-types'],
      Contacts: header('contacts'),
      Redirections: header('redirections'),
      Deferrals: header('deferrals'),
    };
    for (const name of SHEETS) {
      const worksheet = sheet(book, name);
      expect(rowValues(worksheet, 1), name).toEqual([...(headers[name] ?? [])]);
      expect(worksheet.views[0], name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(worksheet.getRow(1).getCell(1).font.bold, name).toBe(true);
      expect((worksheet.getRow(2).getCell(1).font as Partial<ExcelJS.Font> | undefined)?.bold ?? false, name).toBe(false);
    }
  });

  it('holds as many rows as the CSV tables, and says how many in all', () => {
    const counts: Record<string, number> = {
      'Clinician days': expectedClinicianDays().length,
      'Contacts by type': expectedDayTypes().length,
      Contacts: expectedContacts().length,
      Redirections: expectedRedirections(false).length,
      Deferrals: expectedDeferrals(false).length,
    };
    for (const [name, rows] of Object.entries(counts)) expect(sheet(book, name).rowCount, name).toBe(rows + 1);
    expect(file.rows).toBe(Object.values(counts).reduce((sum, rows) => sum + rows, 0));
    // Five clinicians and a total line.
    expect(sheet(book, 'Summary').rowCount).toBe(7);
  });

  it('sums up the week on the first sheet, as worked out by hand', () => {
    const summary = sheet(book, 'Summary');
    const rows = Array.from({ length: summary.rowCount - 1 }, (_, i) => rowValues(summary, i + 2));
    const byName = new Map(rows.map((row) => [row[0], row.slice(1)]));
    // A clinician's line ends after contacts on days off (none this week): the practice's redirections and deferrals are on the last line only.
    expect(byName.get('Dr Amara Okafor')).toEqual(['gp_partner', 4, 8, 1, 55, 4, 13.8, 6.9, 1, 0]);
    expect(byName.get('Dr Ben Carter')).toEqual(['salaried_gp', 5, 9, 1, 63, 2, 12.6, 7, 2, 0]);
    expect(byName.get('Nurse Cleo Diaz')).toEqual(['practice_nurse', 5, 9, 0, 42, 4, 8.4, 4.7, 0, 0]);
    expect(byName.get('Dr Dev Patel')).toEqual(['locum_gp', 3, 6, 1, 22, 0, 7.3, 3.7, 1, 0]);
    expect(byName.get('=Dr Eve Equals')).toEqual(['other', 1, 1, 0, 2, 0, 2, 2, 0, 0]);
    const total = rows.at(-1) ?? [];
    expect(total[0]).toBe('All clinicians');
    expect([total[5], total[6], total[9]]).toEqual([184, 10, 4]);
    // By hand: days 4 + 5 + 5 + 3 + 1 = 18 and sessions 8 + 9 + 9 + 6 + 1 = 33; at or over the cap Amara Monday, Ben Tuesday,
    // Dev Wednesday; 184 / 18 = 10.2 a day and 184 / 33 = 5.6 a session. 21 redirections standing, 18 of them not 999:
    // 18 / 184 = 9.8 per 100. Six to NHS 111, the ICB told of 4. Five deferrals standing: 3 for a later date, 2 on the waiting list.
    expect(total).toEqual(['All clinicians', undefined, 18, 33, 3, 184, 10, 10.2, 5.6, 4, 0, 21, 9.8, 6, 4, 5, 3, 2]);
  });

  it('stores text that starts with = as text, never as a formula, and numbers and yes/no as themselves', () => {
    const redirections = sheet(book, 'Redirections');
    const voidReason = COLUMNS.redirections.indexOf('void_reason') + 1;
    const cells: ExcelJS.Cell[] = [];
    redirections.eachRow((row, number) => {
      if (number > 1 && row.getCell(voidReason).value === '=HYPERLINK("http://x")') cells.push(row.getCell(voidReason));
    });
    expect(cells).toHaveLength(1);
    expect(cells[0]?.type).toBe(ExcelJS.ValueType.String);
    expect(cells[0]?.formula).toBeUndefined();
    const eve = sheet(book, 'Summary').getRow(2).getCell(1);
    expect([eve.value, eve.type, eve.formula]).toEqual(['=Dr Eve Equals', ExcelJS.ValueType.String, undefined]);
    const days = sheet(book, 'Clinician days');
    expect(days.getRow(2).getCell(COLUMNS['clinician-days'].indexOf('contacts_counted') + 1).type).toBe(ExcelJS.ValueType.Number);
    expect(days.getRow(2).getCell(COLUMNS['clinician-days'].indexOf('working') + 1).type).toBe(ExcelJS.ValueType.Boolean);
  });

  it('keeps each contact’s times as ISO 8601 text with the London offset', () => {
    const contacts = sheet(book, 'Contacts');
    const occurred = COLUMNS.contacts.indexOf('occurred_at') + 1;
    const values: unknown[] = [];
    contacts.eachRow((row, number) => {
      if (number > 1) values.push(row.getCell(occurred).value);
    });
    expect(values.sort()).toEqual(expectedContacts().map((row) => row.occurred_at).sort());
  });

  it('leaves out notes and NHS numbers unless asked for', () => {
    for (const worksheet of book.worksheets) {
      worksheet.eachRow((row) => {
        for (const value of row.values as unknown[]) {
          if (typeof value === 'string') for (const secret of [NHS_NUMBER, 'patient note', 'usual GP', 'IDENTIFIERS']) expect(value).not.toContain(secret);
        }
      });
    }
  });

  it('leaves the one-row-per-contact sheet out of a workbook over 31 days, and keeps it for 31', async () => {
    // 19 October to 18 November is 31 days; to 19 November, 32.
    const month = await workbook({ from: '2026-10-19', to: '2026-11-18' });
    expect(month.book.worksheets.map((worksheet) => worksheet.name)).toEqual(SHEETS);
    expect(sheet(month.book, 'Contacts').rowCount).toBe(expectedContacts().length + 2 + 1);
    const longer = await workbook({ from: '2026-10-19', to: '2026-11-19' });
    expect(longer.book.worksheets.map((worksheet) => worksheet.name)).toEqual(SHEETS.filter((name) => name !== 'Contacts'));
    expect(longer.file.rows).toBe(month.file.rows - (expectedContacts().length + 2));
  });

  it('with identifiers asked for, warns on every sheet’s first row, freezes below the header, and adds notes and NHS numbers', async () => {
    const { book: withIds, file: named } = await workbook({ from: FROM, to: TO, includeIdentifiers: true });
    expect(named.fileName).toBe('contactcap-2026-10-19-to-2026-10-25-WITH-PATIENT-IDENTIFIERS.xlsx');
    for (const worksheet of withIds.worksheets) {
      expect(worksheet.getRow(1).getCell(1).text, worksheet.name).toMatch(/^CONTAINS PATIENT IDENTIFIERS/);
      expect(worksheet.views[0], worksheet.name).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(worksheet.getRow(2).getCell(1).font.bold, worksheet.name).toBe(true);
    }
    const redirections = sheet(withIds, 'Redirections');
    expect(rowValues(redirections, 2)).toEqual(header('redirections', ['note', 'nhs_number']));
    const noteColumn = COLUMNS.redirections.length + 1;
    const notes: unknown[] = [];
    redirections.eachRow((row, number) => {
      if (number > 2 && row.getCell(noteColumn + 1).value) notes.push([row.getCell(noteColumn).value, row.getCell(noteColumn + 1).value]);
    });
    // In the workbook the note is stored as text, so it needs no apostrophe.
    expect(notes).toEqual([['=1+1 patient note', NHS_NUMBER]]);
    expect(rowValues(sheet(withIds, 'Deferrals'), 2)).toEqual(header('deferrals', ['note']));
  });
});

describe('bad export and report requests', () => {
  const refusedUnchanged = (method: string, input: unknown, expected: Refusal) => expectRefusedUnchanged(opened, method, input, expected);
  const csv = { format: 'csv', table: 'contacts' } as const;

  it('refuses an end date before the start date, naming "to", and writes nothing', async () => {
    const expected = { code: 'invalid_input', field: 'to', phrase: 'The end date is before the start date' } as const;
    await refusedUnchanged('export.build', { ...csv, from: '2026-10-25', to: '2026-10-19' }, expected);
    await refusedUnchanged('export.build', { format: 'xlsx', from: '2026-10-20', to: '2026-10-19' }, expected);
    await refusedUnchanged('report.range', { from: '2026-10-25', to: '2026-10-24' }, expected);
  });

  it('refuses a range over 400 days, and takes exactly 400', async () => {
    // 1 January 2026 to 4 February 2027 is 400 days, both ends included.
    await refusedUnchanged('export.build', { ...csv, from: '2026-01-01', to: '2027-02-05' }, { code: 'invalid_input', field: 'to', phrase: 'at most 400 days' });
    await refusedUnchanged('report.range', { from: '2026-01-01', to: '2027-02-05' }, { code: 'invalid_input', field: 'to', phrase: 'at most 400 days' });
    expect(must(opened.core.call('report.range', { from: '2026-01-01', to: '2027-02-04' })).days).toBe(400);
    // The week's 197 and today's 2.
    expect(must(await opened.core.call('export.build', { ...csv, from: '2026-01-01', to: '2027-02-04' })).rows).toBe(199);
  });

  it.each([
    ['23/11/2026', 'a British date', 'YYYY-MM-DD'],
    // Written the right way: said not to exist, rather than asked for in the form it already has.
    ['2026-02-30', 'a date that does not exist', '2026-02-30 is not a real date: February 2026 has 28 days.'],
    ['2026-11-23T00:00:00Z', 'a time', 'YYYY-MM-DD'],
  ])('refuses %s (%s) for every date field, naming it, and writes nothing', async (bad, _what, phrase) => {
    const expected = (field: string) => ({ code: 'invalid_input', field, phrase }) as const;
    await refusedUnchanged('export.build', { ...csv, from: bad, to: '2026-10-25' }, expected('from'));
    await refusedUnchanged('export.build', { ...csv, from: '2026-10-19', to: bad }, expected('to'));
    await refusedUnchanged('report.day', { day: bad }, expected('day'));
    await refusedUnchanged('report.range', { from: bad, to: '2026-10-25' }, expected('from'));
    await refusedUnchanged('report.gpas', { monday: bad }, expected('monday'));
  });

  it('refuses a CSV with no table, since each CSV file holds one, and writes nothing', async () => {
    await refusedUnchanged('export.build', { format: 'csv', from: FROM, to: TO }, { code: 'invalid_input', field: 'table', phrase: 'each CSV file holds one table' });
  });

  it('refuses the GPAS return for a day that is not a Monday, and writes nothing', async () => {
    await refusedUnchanged('report.gpas', { monday: '2026-10-22' }, { code: 'invalid_input', field: 'monday', phrase: 'Choose a Monday' });
  });
});

describe('a type of contact that stops counting', () => {
  it('keeps saying the contacts recorded before the change counted, as clinician-days does', async () => {
    const local = openCore('2026-11-23T09:00:00Z');
    try {
      const ada = must(local.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
      must(local.core.call('contact.record', { clinicianId: ada, typeId: 'video' }));
      must(local.core.call('contact.record', { clinicianId: ada, typeId: 'video' }));
      local.clock.set('2026-11-24T09:00:00Z');
      must(local.core.call('contactType.update', { typeId: 'video', counts: false }));
      must(local.core.call('contact.record', { clinicianId: ada, typeId: 'video' }));
      const read = async (table: TableName) => readTable(Buffer.from(must(await local.core.call('export.build', { format: 'csv', table, from: '2026-11-23', to: '2026-11-24' })).base64, 'base64').toString('utf8'));
      expect((await read('clinician-days')).map((row) => [row.day, row.contacts_counted, row.contacts_not_counted])).toEqual([
        ['2026-11-23', '2', '0'],
        ['2026-11-24', '0', '1'],
      ]);
      expect((await read('clinician-day-types')).map((row) => [row.day, row.type_id, row.counts_toward_cap, row.contacts])).toEqual([
        ['2026-11-23', 'video', 'true', '2'],
        ['2026-11-24', 'video', 'false', '1'],
      ]);
    } finally {
      closeCore(local);
    }
  });
});
