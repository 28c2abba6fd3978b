/**
 * NHS numbers (DOMAIN.md §7): ten digits, shown 3-3-4, checked by Modulus 11.
 * Multiply digits 1–9 by 10 down to 2, sum, take the remainder mod 11; the check
 * digit is 11 − remainder, 11 meaning 0 and 10 meaning the number is invalid.
 */
export type NhsNumberCheck =
  | { valid: true; digits: string; formatted: string; testRange: boolean }
  | { valid: false; message: string };

export function checkNhsNumber(input: string): NhsNumberCheck {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) {
    return { valid: false, message: 'An NHS number has 10 digits, for example 943 476 5919.' };
  }
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  if (check === 10 || expected !== Number(digits[9])) {
    return { valid: false, message: 'That NHS number is not valid: check the digits with the patient.' };
  }
  // 999 000 0000 – 999 999 9999 pass the check but are never issued: test data only.
  return { valid: true, digits, formatted: formatNhsNumber(digits), testRange: digits.startsWith('999') };
}

export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
