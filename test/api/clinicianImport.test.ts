import { afterEach, describe, expect, it } from 'vitest';
import type { ClinicianImportRow } from '../../shared/clinicianImport.ts';
import { must } from '../helpers/fixtures.ts';
import { changed, closeAllCores, expectRefusal, expectRefusedUnchanged, openCore, openSeeded, SEED_NAMES, snapshot } from './apiHarness.ts';

/**
 * clinician.import: a practice's CSV file of clinicians, previewed row by row
 * and added all at once only when every row is right. Every expected message
 * and figure is written out by hand.
 */

afterEach(closeAllCores);

const ROLES_TEXT =
  'GP partner, Salaried GP, Locum GP, GP registrar, Advanced nurse practitioner, Practice nurse, Clinical pharmacist, Paramedic, Physician associate, Healthcare assistant, Other clinician';

const GOOD_FILE = ['Name,Role,Daily cap,Initials', 'Dr Ada Patel,GP partner,,', 'Eve Morgan,Practice nurse,30,EM', 'Dr Sam Lee,locum_gp,20,', 'Dana Shah,Advanced nurse practitioner,No cap,DSH'].join('\r\n');

/** The answer's rows without the parts every row shares, for short expectations. */
const brief = (rows: ClinicianImportRow[]) => rows.map(({ row, name, role, initials, capped, dailyCap, cap, outcome, message }) => ({ row, name, role, initials, capped, dailyCap, cap, outcome, message }));

describe('clinician.import: a file that is right', () => {
  it('previews each row, with the role as ContactCap names it, the cap it will have and the initials, and writes nothing', () => {
    const opened = openCore();
    const before = snapshot(opened.core.db);
    const preview = must(opened.core.call('clinician.import', { csv: GOOD_FILE, apply: false }));
    expect(preview).toMatchObject({ applied: false, ready: 4, problems: 0, ignoredColumns: [], added: [] });
    expect(brief(preview.rows)).toEqual([
      { row: 2, name: 'Dr Ada Patel', role: 'gp_partner', initials: 'AP', capped: null, dailyCap: null, cap: '25 a day (the role’s usual)', outcome: 'will_be_added', message: 'Will be added.' },
      { row: 3, name: 'Eve Morgan', role: 'practice_nurse', initials: 'EM', capped: true, dailyCap: 30, cap: '30 a day', outcome: 'will_be_added', message: 'Will be added.' },
      { row: 4, name: 'Dr Sam Lee', role: 'locum_gp', initials: 'SL', capped: null, dailyCap: 20, cap: '20 a day', outcome: 'will_be_added', message: 'Will be added.' },
      { row: 5, name: 'Dana Shah', role: 'advanced_nurse_practitioner', initials: 'DSH', capped: false, dailyCap: null, cap: 'No cap', outcome: 'will_be_added', message: 'Will be added.' },
    ]);
    expect(snapshot(opened.core.db)).toEqual(before);
    expect(opened.pushes).toEqual([]);
  });

  it('with apply adds exactly the file’s clinicians, in one go, and tells every window once', () => {
    const opened = openCore();
    const eventsBefore = snapshot(opened.core.db).events;
    const result = must(opened.core.call('clinician.import', { csv: GOOD_FILE, apply: true }));
    expect(result).toMatchObject({ applied: true, ready: 4, problems: 0 });
    expect(result.rows.map((row) => [row.row, row.outcome, row.message])).toEqual([
      [2, 'added', 'Added.'],
      [3, 'added', 'Added.'],
      [4, 'added', 'Added.'],
      [5, 'added', 'Added.'],
    ]);
    expect(result.added.map((clinician) => clinician.name)).toEqual(['Dr Ada Patel', 'Eve Morgan', 'Dr Sam Lee', 'Dana Shah']);
    const list = must(opened.core.call('clinician.list', {})).map(({ name, role, initials, capped, dailyCap, amCap, pmCap, active }) => ({
      name,
      role,
      initials,
      capped,
      dailyCap,
      amCap,
      pmCap,
      active,
    }));
    // In name order, titles ignored.
    expect(list).toEqual([
      { name: 'Dr Ada Patel', role: 'gp_partner', initials: 'AP', capped: null, dailyCap: null, amCap: null, pmCap: null, active: true },
      { name: 'Dana Shah', role: 'advanced_nurse_practitioner', initials: 'DSH', capped: false, dailyCap: null, amCap: null, pmCap: null, active: true },
      { name: 'Eve Morgan', role: 'practice_nurse', initials: 'EM', capped: true, dailyCap: 30, amCap: null, pmCap: null, active: true },
      { name: 'Dr Sam Lee', role: 'locum_gp', initials: 'SL', capped: null, dailyCap: 20, amCap: null, pmCap: null, active: true },
    ]);
    expect(snapshot(opened.core.db).events).toBe(eventsBefore + 4);
    expect(opened.pushes).toEqual([changed('clinicians')]);
    // They are on the board at once (by surname), with their caps, Eve at her own 30, and a desk key each in the file's order.
    const board = must(opened.core.call('board.today', {}));
    expect(board.rows.map((row) => [row.name, row.capped, row.cap, row.key])).toEqual([
      ['Dr Sam Lee', true, 20, '3'],
      ['Eve Morgan', true, 30, '2'],
      ['Dr Ada Patel', true, 25, '1'],
      ['Dana Shah', false, 25, '4'],
    ]);
  });

  it('reads column names and roles in any case, a byte-order mark, semicolons, quoted names with commas, and skips blank rows, numbering rows as the file does', () => {
    const opened = openCore();
    const csv = [
      '\ufeffNAME ; role;CAP;Email',
      '"Patel, Ada";gp partner;;ada@example.nhs.uk',
      '',
      ';;;',
      '  Ben   Hale ;PRACTICE_NURSE;;',
      'Cleo Nash;Advanced Nurse Practitioner; 22 ;',
    ].join('\n');
    const preview = must(opened.core.call('clinician.import', { csv, apply: false }));
    expect(preview.ignoredColumns).toEqual(['Email']);
    expect(brief(preview.rows)).toEqual([
      { row: 2, name: 'Patel, Ada', role: 'gp_partner', initials: 'PA', capped: null, dailyCap: null, cap: '25 a day (the role’s usual)', outcome: 'will_be_added', message: 'Will be added.' },
      { row: 5, name: 'Ben Hale', role: 'practice_nurse', initials: 'BH', capped: null, dailyCap: null, cap: 'No cap (the role’s usual)', outcome: 'will_be_added', message: 'Will be added.' },
      { row: 6, name: 'Cleo Nash', role: 'advanced_nurse_practitioner', initials: 'CN', capped: null, dailyCap: 22, cap: '22 a day', outcome: 'will_be_added', message: 'Will be added.' },
    ]);
  });

  it('numbers a row by the line it starts on when a quoted cell runs over two lines', () => {
    const opened = openCore();
    const csv = 'Name,Role\n"Dr Ada\nPatel",GP partner\nEve Morgan,nurse\n';
    const preview = must(opened.core.call('clinician.import', { csv, apply: false }));
    expect(preview.rows.map((row) => [row.row, row.name, row.outcome])).toEqual([
      [2, 'Dr Ada Patel', 'will_be_added'],
      [4, 'Eve Morgan', 'problem'],
    ]);
  });
});

describe('clinician.import: rows that are wrong', () => {
  it('names each bad row and what is wrong with it, in words for a practice manager', () => {
    const seeded = openSeeded();
    const csv = [
      'Name,Role,Daily cap,Initials',
      'Dr Ada Patel,GP partner,,',
      'Jo Bell,Nurse practitioner,,',
      'dr ada  PATEL,Salaried GP,,',
      `${SEED_NAMES.amara},GP partner,,`,
      ',Practice nurse,,',
      'Tom Reed,,,',
      'Kay Moss,GP partner,twenty,',
      'Lee Park,GP partner,12.5,',
      'Mo Khan,GP partner,250,',
      'Ian Cole,GP partner,-3,',
      'Ann Fry,GP partner,,A.F.',
      'Pat Lowe,Paramedic,,,extra',
      'Val Ray,Doctor,lots,',
    ].join('\n');
    const before = snapshot(seeded.core.db);
    const preview = must(seeded.core.call('clinician.import', { csv, apply: false }));
    expect(preview).toMatchObject({ applied: false, ready: 1, problems: 12 });
    expect(preview.rows.map((row) => row.message)).toEqual([
      'Will be added.',
      `Row 3: “Nurse practitioner” is not a role ContactCap knows. Use one of: ${ROLES_TEXT}.`,
      'Row 4: “dr ada PATEL” is also on row 2. List each clinician once, or add something to tell them apart, such as a middle initial.',
      'Row 5: “Dr Amara Okafor” is already on the board. Leave them out of the file, or add something to tell them apart, such as a middle initial.',
      'Row 6: No name is given. Give each clinician’s name, for example Dr Ada Patel.',
      `Row 7: No role is given. Use one of: ${ROLES_TEXT}.`,
      'Row 8: “twenty” is not a daily cap ContactCap can read. Give a whole number from 0 to 200, write “No cap”, or leave it blank for the role’s usual cap.',
      'Row 9: The daily cap “12.5” must be a whole number from 0 to 200.',
      'Row 10: A daily cap of 250 is more than ContactCap allows (200 a day).',
      'Row 11: The daily cap “-3” must be a whole number from 0 to 200.',
      'Row 12: The initials “A.F.” must be 1 to 4 letters, for example AP.',
      'Row 13: This row has more cells than the first row. If a name has a comma in it, put the name in quotation marks.',
      `Row 14: “Doctor” is not a role ContactCap knows. Use one of: ${ROLES_TEXT}. “lots” is not a daily cap ContactCap can read. Give a whole number from 0 to 200, write “No cap”, or leave it blank for the role’s usual cap.`,
    ]);
    expect(preview.rows.map((row) => row.outcome)).toEqual(['will_be_added', ...Array<string>(12).fill('problem')]);
    expect(snapshot(seeded.core.db)).toEqual(before);
    expect(seeded.pushes).toEqual([]);
  });

  it('with apply adds nothing at all when any row is wrong, and says which rows to fix', async () => {
    const seeded = openSeeded();
    const csv = ['Name,Role', 'Dr Ada Patel,GP partner', 'Jo Bell,Nurse practitioner', 'Eve Morgan,Practice nurse', 'dr ada patel,GP partner'].join('\n');
    await expectRefusedUnchanged(seeded, 'clinician.import', { csv, apply: true }, { code: 'invalid_input', field: 'csv' });
    const answer = await seeded.core.invoke('clinician.import', { csv, apply: true });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'csv',
        message:
          'Nothing was added: 2 rows need fixing first. ' +
          `Row 3: “Nurse practitioner” is not a role ContactCap knows. Use one of: ${ROLES_TEXT}. ` +
          'Row 5: “dr ada patel” is also on row 2. List each clinician once, or add something to tell them apart, such as a middle initial.',
      },
    });
    expect(must(seeded.core.call('clinician.list', {})).map((clinician) => clinician.name)).toEqual([SEED_NAMES.amara, SEED_NAMES.ben]);
  });

  it('with apply refuses a clinician already on the board, and nothing changes', async () => {
    const seeded = openSeeded();
    const csv = `Name,Role\nDr Ada Patel,GP partner\n${SEED_NAMES.ben},Practice nurse\n`;
    await expectRefusedUnchanged(seeded, 'clinician.import', { csv, apply: true }, { code: 'invalid_input', field: 'csv', phrase: `Row 3: “${SEED_NAMES.ben}” is already on the board.` });
  });

  it('refuses the same file a second time, once its clinicians are on the board', async () => {
    const opened = openCore();
    must(opened.core.call('clinician.import', { csv: GOOD_FILE, apply: true }));
    await expectRefusedUnchanged(opened, 'clinician.import', { csv: GOOD_FILE, apply: true }, { code: 'invalid_input', field: 'csv', phrase: 'Nothing was added: 4 rows need fixing first.' });
  });

  it('lists the first five wrong rows and counts the rest', async () => {
    const opened = openCore();
    const rows = Array.from({ length: 8 }, (_, index) => `Person ${index + 1},Surgeon`);
    const answer = await opened.core.invoke('clinician.import', { csv: ['Name,Role', ...rows].join('\n'), apply: true });
    const error = expectRefusal(answer, { code: 'invalid_input', field: 'csv', phrase: 'Nothing was added: 8 rows need fixing first. Row 2: “Surgeon” is not a role' });
    expect(error.message.match(/Row \d+:/g)).toEqual(['Row 2:', 'Row 3:', 'Row 4:', 'Row 5:', 'Row 6:']);
    expect(error.message.endsWith(' And 3 more rows.')).toBe(true);
  });
});

describe('clinician.import: a file ContactCap cannot use', () => {
  const cases: { name: string; csv: string; message: string }[] = [
    { name: 'an empty file', csv: '', message: 'The file is empty. Choose the CSV file that lists the clinicians.' },
    { name: 'a file of blank lines and empty cells', csv: '\r\n,,\r\n\r\n', message: 'The file is empty. Choose the CSV file that lists the clinicians.' },
    {
      name: 'a file with column names but no clinicians',
      csv: 'Name,Role,Daily cap\n',
      message: 'The file has the column names but no clinicians under them. Add one clinician to each row below the names.',
    },
    {
      name: 'a file without a header row',
      csv: 'Dr Ada Patel,GP partner,25\nEve Morgan,Practice nurse,\n',
      message: 'The first row must name the columns: Name and Role, and if you like Daily cap and Initials. This file’s first row is “Dr Ada Patel, GP partner, 25”.',
    },
    {
      name: 'a file without a Name column',
      csv: 'Clinician,Role\nDr Ada Patel,GP partner\n',
      message: 'The file has no Name column. The first row must name the columns: Name and Role, and if you like Daily cap and Initials.',
    },
    {
      name: 'a file without a Role column',
      csv: 'Name,Daily cap\nDr Ada Patel,25\n',
      message: 'The file has no Role column. Add one that gives each clinician’s role, for example GP partner or Practice nurse.',
    },
    {
      name: 'a file with two cap columns',
      csv: 'Name,Role,Cap,Daily cap\nDr Ada Patel,GP partner,25,25\n',
      message: 'The first row has two Daily cap columns (“Cap” and “Daily cap”). Keep one of them.',
    },
    {
      name: 'a spreadsheet (.xlsx) rather than a CSV file',
      csv: 'PK\u0003\u0004\u0014\u0000\u0006\u0000[Content_Types].xml',
      message: 'This is not a CSV file: it looks like a spreadsheet or another kind of file. In Excel, choose File, Save a copy, and the type “CSV UTF-8 (comma delimited)”, then choose the new file.',
    },
    {
      name: 'a file with a quotation mark never closed',
      csv: 'Name,Role\nDr Ada Patel,GP partner\n"Eve Morgan,Practice nurse\n',
      message: 'Line 3 of the file has a quotation mark that is never closed, so ContactCap cannot tell where the cells end. Check the quotation marks.',
    },
    {
      name: 'a file with a quotation mark inside a cell',
      csv: 'Name,Role\nDr Ada "Ada" Patel,GP partner\n',
      message: 'Line 2 of the file has a quotation mark inside a cell. Put the whole cell in quotation marks, or take the mark out.',
    },
    {
      name: 'a file of more than 150 clinicians',
      csv: ['Name,Role', ...Array.from({ length: 151 }, (_, index) => `Clinician ${index + 1},GP partner`)].join('\n'),
      message: 'The file lists 151 clinicians, and ContactCap takes up to 150 in one file. Split it into smaller files.',
    },
    {
      name: 'a file too big to be a list of clinicians',
      csv: `Name,Role\n${'Dr Ada Patel,GP partner\n'.repeat(4200)}`,
      message: 'That file is too big for a list of clinicians (more than 100,000 characters). Check it is the right file.',
    },
  ];

  for (const { name, csv, message } of cases) {
    it(`refuses ${name}, previewed or applied, and changes nothing`, async () => {
      const seeded = openSeeded();
      for (const apply of [false, true]) {
        await expectRefusedUnchanged(seeded, 'clinician.import', { csv, apply }, { code: 'invalid_input', field: 'csv' });
        expect(await seeded.core.invoke('clinician.import', { csv, apply })).toEqual({ ok: false, error: { code: 'invalid_input', field: 'csv', message } });
      }
    });
  }

  it('takes exactly 150 clinicians in one file', () => {
    const opened = openCore();
    const csv = ['Name,Role', ...Array.from({ length: 150 }, (_, index) => `Clinician ${index + 1},GP partner`)].join('\n');
    expect(must(opened.core.call('clinician.import', { csv, apply: true })).added).toHaveLength(150);
  });
});
