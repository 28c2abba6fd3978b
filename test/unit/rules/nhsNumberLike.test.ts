import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNhsNumberLike } from '../../../shared/nhsNumber.ts';

/**
 * Finding an NHS number in free text (issue 10): ten digits passing Modulus 11,
 * however spaced, in any text, never a window cut out of a longer run of digits.
 * 943 476 5919 is the public worked example: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5
 * + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9, its last digit.
 */

const found = (text: string, digits = '9434765919') => ({ text, digits });

describe('findNhsNumberLike', () => {
  it.each([
    ['943 476 5919'],
    ['943-476-5919'],
    ['9434765919'],
    ['94 34 76 59 19'],
    ['9 4 3 4 7 6 5 9 1 9'],
    ['943.476.5919'],
    ['943/476/5919'],
    ['943 - 476 - 5919'],
    ['943–476–5919'],
    ['9434 765 919'],
  ])('finds %s', (text) => {
    expect(findNhsNumberLike(text)).toEqual(found(text));
  });

  it('finds one inside other words, and says which part of the text it is', () => {
    expect(findNhsNumberLike('pt 9434765919 called')).toEqual(found('9434765919'));
    expect(findNhsNumberLike('pt9434765919called')).toEqual(found('9434765919'));
    expect(findNhsNumberLike('Mrs Jones (943 476 5919) rang back')).toEqual(found('943 476 5919'));
    expect(findNhsNumberLike('NHS no: 943-476-5919.')).toEqual(found('943-476-5919'));
  });

  it('finds one beside other numbers, as long as its own runs of digits are whole', () => {
    // 2 + 3 + 3 + 4 digits: the last three runs are the ten.
    expect(findNhsNumberLike('bay 2 943 476 5919')).toEqual(found('943 476 5919'));
    expect(findNhsNumberLike('943 476 5919 2')).toEqual(found('943 476 5919'));
    expect(findNhsNumberLike('seen 10.30 943 476 5919')).toEqual(found('943 476 5919'));
  });

  it('finds full-width digits as digits', () => {
    expect(findNhsNumberLike('９４３４７６５９１９')).toEqual(found('9434765919'));
  });

  it('finds a number with a check digit of 0, and another valid number', () => {
    // 9434765 90…: the ninth digit 0 makes the sum 297 = 27 × 11, remainder 0, check digit 0.
    expect(findNhsNumberLike('ref 943 476 5900')).toEqual(found('943 476 5900', '9434765900'));
    // 4×10 + 0 + 1×8 + 0 + 2×6 + 3×5 + 2×4 + 1×3 + 3×2 = 92; 92 mod 11 = 4; 11 − 4 = 7.
    expect(findNhsNumberLike('401 023 2137')).toEqual(found('401 023 2137', '4010232137'));
  });

  it('does not flag ten digits that fail Modulus 11', () => {
    for (const text of ['943 476 5918', '9434765910', '943-476-5911', '401 023 2136']) expect(findNhsNumberLike(text)).toBeNull();
    // Ninth digit 6: 297 + 12 = 309; 309 mod 11 = 1; the check digit would be 10, so no number starting 943476596 is valid.
    for (let last = 0; last <= 9; last++) expect(findNhsNumberLike(`call 943 476 596${last}`)).toBeNull();
  });

  it('does not flag UK phone numbers of 11 digits, however they are written', () => {
    for (const text of [
      '01632 960 123',
      '01632 960123',
      '01632960123',
      '07700 900 123',
      '07700 900123',
      '07700900123',
      '020 7946 0123',
      '0161 496 0000',
      '0808 157 0192',
      'Ring 01632 960 123 after 2pm',
    ]) {
      expect(findNhsNumberLike(text)).toBeNull();
    }
  });

  it('never takes ten digits out of a longer run: eleven or more digits written together are not an NHS number', () => {
    // 9434765919 is inside each, but no run is cut.
    for (const text of ['94347659190', '19434765919', '9434765919123', '943 476 59190', '1943 476 5919']) expect(findNhsNumberLike(text)).toBeNull();
  });

  it('leaves out international phone numbers, which start with +', () => {
    // Without its +44, 1632 960001 would pass: 1×10 + 6×9 + 3×8 + 2×7 + 9×6 + 6×5 + 0 + 0 + 0 = 186; 186 mod 11 = 10; 11 − 10 = 1.
    expect(findNhsNumberLike('+44 1632 960001')).toBeNull();
    expect(findNhsNumberLike('+44 (0)1632 960001')).toBeNull();
    expect(findNhsNumberLike('44 1632 960001')).toEqual(found('1632 960001', '1632960001'));
  });

  it('flags a 10-digit UK phone number that happens to pass, except in a phone number’s own field', () => {
    // 0×10 + 8×9 + 0 + 0 + 1×6 + 0 + 0 + 0 + 1×2 = 80; 80 mod 11 = 3; 11 − 3 = 8: 0800 100 018 passes.
    expect(findNhsNumberLike('freephone 0800 100 018')).toEqual(found('0800 100 018', '0800100018'));
    expect(findNhsNumberLike('0800 100 018', { phone: true })).toBeNull();
    // An NHS number never starts with 0 in England, so a phone field still refuses one that does not.
    expect(findNhsNumberLike('943 476 5919', { phone: true })).toEqual(found('943 476 5919'));
  });

  it('does not join digits across words, commas, colons or long gaps', () => {
    for (const text of ['943 476 and 5919', '943,476,5919', '943:476:5919', '943 -- -476 5919', '943 _ 476 _ 5919']) expect(findNhsNumberLike(text)).toBeNull();
  });

  it('takes any run of spaces or line ends as one space', () => {
    expect(findNhsNumberLike('943    476\n\n5919')).toEqual(found('943 476 5919'));
  });

  it('finds nothing in text without ten digits', () => {
    for (const text of ['', 'Chest pain, seen today', 'Dr Ada Patel', 'Called at 10.30 on 12/03', 'Room 3']) expect(findNhsNumberLike(text)).toBeNull();
  });

  /** The check digit for nine digits by the NHS's own rule (DOMAIN.md §7), or null when it would be 10. */
  function checkDigit(nine: number[]): number | null {
    const remainder = nine.reduce((sum, digit, index) => sum + digit * (10 - index), 0) % 11;
    const check = 11 - remainder;
    if (check === 10) return null;
    return check === 11 ? 0 : check;
  }

  const validNumber = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
    .map((nine) => ({ nine, check: checkDigit(nine) }))
    .filter((number): number is { nine: number[]; check: number } => number.check !== null)
    .map(({ nine, check }) => [...nine, check].join(''));
  /** What may go between two digits: nothing, or one to three of space, hyphen, dot, slash. */
  const gap = fc.oneof(fc.constant(''), fc.stringMatching(/^[ ./-]{1,3}$/));
  const written = (digits: string, gaps: string[]) => Array.from(digits).map((digit, index) => `${digit}${index < 9 ? (gaps[index] ?? '') : ''}`).join('');

  it('finds every valid number however it is spaced, among words', () => {
    fc.assert(
      fc.property(validNumber, fc.array(gap, { minLength: 9, maxLength: 9 }), fc.constantFrom('', 'pt ', 'Called re ', '(', 'x'), fc.constantFrom('', ' called', '.', ')', 'y'), (digits, gaps, before, after) => {
        const text = written(digits, gaps);
        expect(findNhsNumberLike(`${before}${text}${after}`)).toEqual({ text: text.replace(/ +/g, ' '), digits });
      }),
    );
  });

  it('finds no number whose last digit is wrong, however it is spaced', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 1, max: 9 }), fc.array(gap, { minLength: 9, maxLength: 9 }), (digits, shift, gaps) => {
        const wrong = `${digits.slice(0, 9)}${(Number(digits[9]) + shift) % 10}`;
        expect(findNhsNumberLike(`pt ${written(wrong, gaps)} called`)).toBeNull();
      }),
    );
  });

  it('finds no valid number with a digit written straight on to either end', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 0, max: 9 }), fc.boolean(), (digits, extra, atStart) => {
        // One run of eleven: no ten-digit window is taken from it.
        expect(findNhsNumberLike(atStart ? `${extra}${digits}` : `${digits}${extra}`)).toBeNull();
      }),
    );
  });
});
