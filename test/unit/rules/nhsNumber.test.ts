import { describe, expect, it } from 'vitest';
import { checkNhsNumber, formatNhsNumber } from '../../../shared/nhsNumber.ts';

/**
 * NHS numbers: Modulus 11 over the first nine digits, weights 10 down to 2.
 * Every check digit below is worked out in the comment beside it.
 */

const TEN_DIGITS = 'An NHS number has 10 digits, for example 943 476 5919.';
const NOT_VALID = 'That NHS number is not valid: check the digits with the patient.';

describe('checkNhsNumber', () => {
  it.each([
    // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
    ['9434765919', '943 476 5919'],
    // 4×10 + 0 + 1×8 + 0 + 2×6 + 3×5 + 2×4 + 1×3 + 3×2 = 92; 92 mod 11 = 4; 11 − 4 = 7.
    ['4010232137', '401 023 2137'],
  ])('accepts %s and shows it as %s', (digits, formatted) => {
    expect(checkNhsNumber(digits)).toEqual({ valid: true, digits, formatted, testRange: false });
  });

  it('accepts a remainder of 0 as a check digit of 0 (11 means 0)', () => {
    // 9434765 90…: the ninth digit 0 makes the sum 297 = 27 × 11, remainder 0.
    expect(checkNhsNumber('9434765900')).toEqual({ valid: true, digits: '9434765900', formatted: '943 476 5900', testRange: false });
    expect(checkNhsNumber('9434765901')).toEqual({ valid: false, message: NOT_VALID });
  });

  it('refuses every number whose check digit would have to be 10', () => {
    // Ninth digit 6: 297 + 12 = 309; 309 mod 11 = 1; 11 − 1 = 10, so no tenth digit is right.
    for (let last = 0; last <= 9; last++) expect(checkNhsNumber(`943476596${last}`)).toEqual({ valid: false, message: NOT_VALID });
  });

  it('refuses a wrong check digit', () => {
    expect(checkNhsNumber('9434765918')).toEqual({ valid: false, message: NOT_VALID });
    expect(checkNhsNumber('4010232138')).toEqual({ valid: false, message: NOT_VALID });
  });

  it.each(['', '943476591', '94347659190', '943 476 591', '94347659A9', '943.476.5919', '+449434765919', '９４３４７６５９１９'])('refuses %j as not 10 digits', (input) => {
    expect(checkNhsNumber(input)).toEqual({ valid: false, message: TEN_DIGITS });
  });

  it('accepts the number written with spaces, dashes, or both', () => {
    for (const input of ['943 476 5919', '943-476-5919', ' 943 476-5919 ', '943\t476\t5919']) {
      expect(checkNhsNumber(input)).toEqual({ valid: true, digits: '9434765919', formatted: '943 476 5919', testRange: false });
    }
  });

  it('flags the 999 range, which passes the check but is never issued', () => {
    // 9×10 + 9×9 + 9×8 + 0 + 0 + 0 + 0 + 0 + 1×2 = 245; 245 mod 11 = 3; 11 − 3 = 8.
    expect(checkNhsNumber('999 000 0018')).toEqual({ valid: true, digits: '9990000018', formatted: '999 000 0018', testRange: true });
    expect(checkNhsNumber('9990000017')).toEqual({ valid: false, message: NOT_VALID });
  });
});

describe('formatNhsNumber', () => {
  it('groups ten digits 3-3-4', () => {
    expect(formatNhsNumber('4010232137')).toBe('401 023 2137');
  });
});
