import { describe, expect, it } from 'vitest';
import { DEFAULT_DIRECTORY, type DirectoryEntry } from '../../../shared/directory.ts';
import { signpostSlipLines, slipAsText, slipDate, TEXT_SLIP_LIMIT } from '../../../shared/signpostSlip.ts';
import { smsSize } from '../../../shared/smsParts.ts';

/** The signposting slip's content, built once for the printed slip and the text version. Expected text is written out by hand. */

const builtin = (id: string): DirectoryEntry => {
  const found = DEFAULT_DIRECTORY.find((entry) => entry.id === `builtin-${id}`);
  if (!found) throw new Error(`no built-in entry ${id}`);
  return found;
};

const WINTER_MORNING = Date.UTC(2026, 11, 1, 9, 5); // 09:05 GMT
const SUMMER_MORNING = Date.UTC(2026, 6, 1, 7, 42); // 08:42 BST

describe('slipDate', () => {
  it('writes the practice day and time the British way, in London time', () => {
    expect(slipDate(WINTER_MORNING)).toBe('1 December 2026 at 09:05');
    expect(slipDate(SUMMER_MORNING)).toBe('1 July 2026 at 08:42');
  });

  it('uses the London date just after midnight in summer, when UTC is still on the day before', () => {
    expect(slipDate(Date.UTC(2026, 5, 30, 23, 30))).toBe('1 July 2026 at 00:30');
  });
});

describe('signpostSlipLines and slipAsText', () => {
  it('names the practice, the date, the service, how to reach it, when it is open and what to do if worse', () => {
    const lines = signpostSlipLines({ entry: builtin('111'), practiceName: 'Riverside Medical Practice', at: WINTER_MORNING });
    expect(lines).toEqual([
      { part: 'practice', label: '', text: 'From Riverside Medical Practice' },
      { part: 'date', label: '', text: '1 December 2026 at 09:05' },
      { part: 'service', label: 'Service', text: 'NHS 111' },
      { part: 'phone', label: 'Phone', text: '111' },
      { part: 'address', label: 'Address', text: '111.nhs.uk' },
      { part: 'hours', label: 'Hours', text: '24 hours, every day' },
      {
        part: 'safetyNet',
        label: '',
        text: 'If you get worse, or you are worried, call NHS 111 or go to 111.nhs.uk. In an emergency call 999. You can always contact the practice again.',
      },
    ]);
    expect(slipAsText(lines)).toBe(
      [
        'From Riverside Medical Practice',
        '1 December 2026 at 09:05',
        'Service: NHS 111',
        'Phone: 111',
        'Address: 111.nhs.uk',
        'Hours: 24 hours, every day',
        'If you get worse, or you are worried, call NHS 111 or go to 111.nhs.uk. In an emergency call 999. You can always contact the practice again.',
      ].join('\n'),
    );
  });

  it('leaves the practice line out when the practice has no name yet, rather than print a placeholder', () => {
    const lines = signpostSlipLines({ entry: builtin('111'), practiceName: '  ', at: WINTER_MORNING });
    expect(lines.map((line) => line.part)).toEqual(['date', 'service', 'phone', 'address', 'hours', 'safetyNet']);
    expect(slipAsText(lines).startsWith('1 December 2026 at 09:05\nService: NHS 111\n')).toBe(true);
  });

  it('leaves out details the directory entry does not have', () => {
    const lines = signpostSlipLines({ entry: builtin('pharmacy-first'), practiceName: 'Riverside Medical Practice', at: SUMMER_MORNING });
    expect(slipAsText(lines)).toBe(
      [
        'From Riverside Medical Practice',
        '1 July 2026 at 08:42',
        'Service: Community pharmacy - Pharmacy First',
        'Hours: Pharmacy opening hours',
        'If you get worse, or you are worried, call NHS 111 or go to 111.nhs.uk. In an emergency call 999. You can always contact the practice again.',
      ].join('\n'),
    );
  });

  it('keeps typographic marks on the printed lines and gives the text plain ones a basic text message can carry', () => {
    const entry = { name: 'St Anne’s “Walk-in” Centre', phone: '0161\u00a0496\u00a00000', address: '', hours: 'Mon–Fri 08:00—20:00…' };
    const lines = signpostSlipLines({ entry, practiceName: 'Dr O’Neill’s Surgery', at: WINTER_MORNING });
    expect(lines.find((line) => line.part === 'service')?.text).toBe('St Anne’s “Walk-in” Centre');
    expect(slipAsText(lines).split('\n').slice(0, 5)).toEqual([
      "From Dr O'Neill's Surgery",
      '1 December 2026 at 09:05',
      'Service: St Anne\'s "Walk-in" Centre',
      'Phone: 0161 496 0000',
      'Hours: Mon-Fri 08:00-20:00...',
    ]);
    expect(smsSize(slipAsText(lines)).encoding).toBe('gsm7');
  });

  it('has nothing about the patient in it, nor the hint meant for the receptionist: only the entry’s contact details, the practice and the time go in', () => {
    const entry = { ...builtin('msk'), note: 'Mrs Jones, 943 476 5919', nhsNumber: '9434765919' } as DirectoryEntry;
    const text = slipAsText(signpostSlipLines({ entry, practiceName: 'Riverside Medical Practice', at: WINTER_MORNING }));
    expect(text).not.toMatch(/Jones|943 476|9434765919|Back, joint/);
  });

  it('stays within two text messages for every built-in service, on the longest date of the year', () => {
    // 30 September: the longest month name; the practice name is a typical one of 26 characters.
    const at = Date.UTC(2026, 8, 30, 17, 59);
    for (const entry of DEFAULT_DIRECTORY) {
      const text = slipAsText(signpostSlipLines({ entry, practiceName: 'Riverside Medical Practice', at }));
      expect(text.length, entry.name).toBeLessThanOrEqual(TEXT_SLIP_LIMIT);
      expect(smsSize(text).encoding, entry.name).toBe('gsm7');
      expect(smsSize(text).parts, entry.name).toBeLessThanOrEqual(2);
    }
  });
});

describe('smsSize', () => {
  it('counts 160 basic characters as one message and 161 as two parts of up to 153', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, parts: 1 });
    expect(smsSize('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, parts: 2 });
    expect(smsSize('a'.repeat(306))).toEqual({ encoding: 'gsm7', units: 306, parts: 2 });
    expect(smsSize('a'.repeat(307))).toEqual({ encoding: 'gsm7', units: 307, parts: 3 });
    expect(smsSize('')).toEqual({ encoding: 'gsm7', units: 0, parts: 0 });
  });

  it('counts £ and é as one, € and [ as two, and sends anything else (a curly quote) as UCS-2', () => {
    expect(smsSize('£5 café')).toEqual({ encoding: 'gsm7', units: 7, parts: 1 });
    expect(smsSize('€5 [x]')).toEqual({ encoding: 'gsm7', units: 9, parts: 1 });
    expect(smsSize('it’s')).toEqual({ encoding: 'ucs2', units: 4, parts: 1 });
    expect(smsSize(`${'a'.repeat(70)}’`)).toEqual({ encoding: 'ucs2', units: 71, parts: 2 });
  });
});
