import { describe, expect, it } from 'vitest';
import { capFromText, checkRows, readHeader, refusalMessage, roleFromText, type HeaderColumns } from '../../../shared/clinicianImport.ts';
import { DEFAULT_ROLE_DEFAULTS } from '../../../shared/domain.ts';

/** The pure rules of reading a clinicians CSV file: columns, roles, caps and each row's problems. */

describe('roleFromText', () => {
  it.each([
    ['GP partner', 'gp_partner'],
    ['gp partner', 'gp_partner'],
    ['  GP   PARTNER ', 'gp_partner'],
    ['gp_partner', 'gp_partner'],
    ['GP_PARTNER', 'gp_partner'],
    ['Practice nurse', 'practice_nurse'],
    ['advanced nurse practitioner', 'advanced_nurse_practitioner'],
    ['Other clinician', 'other'],
    ['other', 'other'],
    ['Healthcare assistant', 'healthcare_assistant'],
  ])('reads %j as %s', (text, role) => {
    expect(roleFromText(text)).toBe(role);
  });

  it.each(['Nurse practitioner', 'GP', 'doctor', 'gp-partner', 'gppartner', ''])('knows no role called %j', (text) => {
    expect(roleFromText(text)).toBeNull();
  });
});

describe('readHeader', () => {
  it('finds the columns in any order and case, with spaces, underscores or hyphens, and lists the ones it does not use', () => {
    expect(readHeader(['Email', ' ROLE ', 'daily_cap', 'Name', 'Initials', ''])).toEqual({
      ok: true,
      value: { columns: { role: 1, dailyCap: 2, name: 3, initials: 4 }, ignored: ['Email'] },
    });
    expect(readHeader(['name', 'role', 'Cap'])).toEqual({ ok: true, value: { columns: { name: 0, role: 1, dailyCap: 2 }, ignored: [] } });
    expect(readHeader(['Name', 'Role', 'Daily-Cap'])).toMatchObject({ ok: true, value: { columns: { dailyCap: 2 } } });
  });

  it('says what is missing or doubled', () => {
    expect(readHeader(['Name', 'Cap'])).toEqual({
      ok: false,
      message: 'The file has no Role column. Add one that gives each clinician’s role, for example GP partner or Practice nurse.',
    });
    expect(readHeader(['Role'])).toEqual({
      ok: false,
      message: 'The file has no Name column. The first row must name the columns: Name and Role, and if you like Daily cap and Initials.',
    });
    expect(readHeader(['Name', 'name', 'Role'])).toEqual({ ok: false, message: 'The first row has two Name columns (“Name” and “name”). Keep one of them.' });
    expect(readHeader(['Dr Ada Patel', 'GP partner'])).toEqual({
      ok: false,
      message: 'The first row must name the columns: Name and Role, and if you like Daily cap and Initials. This file’s first row is “Dr Ada Patel, GP partner”.',
    });
  });
});

describe('capFromText', () => {
  it('reads blank as the role’s usual cap, a whole number as the clinician’s own, and the words for no cap', () => {
    expect(capFromText('')).toEqual({ ok: true, value: { kind: 'role_default' } });
    expect(capFromText('  ')).toEqual({ ok: true, value: { kind: 'role_default' } });
    expect(capFromText('0')).toEqual({ ok: true, value: { kind: 'cap', dailyCap: 0 } });
    expect(capFromText(' 25 ')).toEqual({ ok: true, value: { kind: 'cap', dailyCap: 25 } });
    expect(capFromText('200')).toEqual({ ok: true, value: { kind: 'cap', dailyCap: 200 } });
    for (const words of ['No cap', 'none', 'NOT CAPPED', 'uncapped']) expect(capFromText(words)).toEqual({ ok: true, value: { kind: 'no_cap' } });
  });

  it('refuses what is not a whole number from 0 to 200, saying why', () => {
    expect(capFromText('201')).toEqual({ ok: false, message: 'A daily cap of 201 is more than ContactCap allows (200 a day).' });
    expect(capFromText('12,5')).toEqual({ ok: false, message: 'The daily cap “12,5” must be a whole number from 0 to 200.' });
    expect(capFromText('-1')).toEqual({ ok: false, message: 'The daily cap “-1” must be a whole number from 0 to 200.' });
    expect(capFromText('25 a day')).toMatchObject({ ok: false, message: expect.stringContaining('“25 a day” is not a daily cap ContactCap can read.') as unknown });
  });
});

describe('checkRows', () => {
  const header: HeaderColumns = { columns: { name: 0, role: 1, dailyCap: 2 }, ignored: [] };
  const rows = (...cells: string[][]) => cells.map((row, index) => ({ row: index + 2, cells: row }));

  it('finds a name given twice however it is spaced or capitalised, and one already on the board', () => {
    const checked = checkRows(
      rows(['Dr Ada Patel', 'GP partner', ''], ['DR  ADA PATEL ', 'GP partner', ''], ['Ben Hale', 'Practice nurse', ''], ['ben hale', 'Practice nurse', '']),
      header,
      [{ name: 'Ben Hale' }],
      DEFAULT_ROLE_DEFAULTS,
      3,
    );
    expect(checked.map((row) => row.problems)).toEqual([
      [],
      ['“DR ADA PATEL” is also on row 2. List each clinician once, or add something to tell them apart, such as a middle initial.'],
      ['“Ben Hale” is already on the board. Leave them out of the file, or add something to tell them apart, such as a middle initial.'],
      ['“ben hale” is also on row 4. List each clinician once, or add something to tell them apart, such as a middle initial.'],
    ]);
  });

  it('gives the cap as it will be: the role’s usual one, the clinician’s own, or none', () => {
    const checked = checkRows(
      rows(['A One', 'GP partner', ''], ['B Two', 'Practice nurse', ''], ['C Three', 'Practice nurse', '30'], ['D Four', 'Salaried GP', '20'], ['E Five', 'Locum GP', 'no cap']),
      header,
      [],
      DEFAULT_ROLE_DEFAULTS,
      3,
    );
    expect(checked.map(({ capped, dailyCap, cap }) => ({ capped, dailyCap, cap }))).toEqual([
      { capped: null, dailyCap: null, cap: '25 a day (the role’s usual)' },
      { capped: null, dailyCap: null, cap: 'No cap (the role’s usual)' },
      // A nurse is not capped by default: a number in the file caps her.
      { capped: true, dailyCap: 30, cap: '30 a day' },
      { capped: null, dailyCap: 20, cap: '20 a day' },
      { capped: false, dailyCap: null, cap: 'No cap' },
    ]);
  });

  it('makes initials from the name when the file gives none, and takes the file’s own in capitals', () => {
    const withInitials: HeaderColumns = { columns: { name: 0, role: 1, initials: 2 }, ignored: [] };
    const checked = checkRows(rows(['Dr Ada Patel', 'GP partner', ''], ['Eve Morgan', 'Practice nurse', 'emo']), withInitials, [], DEFAULT_ROLE_DEFAULTS, 3);
    expect(checked.map((row) => row.initials)).toEqual(['AP', 'EMO']);
  });
});

describe('refusalMessage', () => {
  it('counts the rows to fix and lists them', () => {
    const problem = (row: number) => ({ row, name: '', roleText: '', role: null, initials: '', capped: null, dailyCap: null, cap: '', problems: [`Problem ${row}.`] });
    const fine = { ...problem(2), problems: [] };
    expect(refusalMessage([fine, problem(3)])).toBe('Nothing was added: 1 row needs fixing first. Row 3: Problem 3.');
    expect(refusalMessage([problem(2), fine, problem(4)])).toBe('Nothing was added: 2 rows need fixing first. Row 2: Problem 2. Row 4: Problem 4.');
    expect(refusalMessage([2, 3, 4, 5, 6, 7].map(problem))).toBe(
      'Nothing was added: 6 rows need fixing first. Row 2: Problem 2. Row 3: Problem 3. Row 4: Problem 4. Row 5: Problem 5. Row 6: Problem 6. And 1 more row.',
    );
  });
});
