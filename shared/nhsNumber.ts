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

/** What may stand between the digits of an NHS number as people write one: spaces, dashes, dots, slashes, brackets. */
const SEPARATOR = /[\s\-\u2010-\u2015\u2212./\\()]/u;
/** At most this many separators in a row, as in “943 - 476 - 5919”. */
const MAX_SEPARATOR = 3;

/** Digits written together, and where they are in the text. */
interface DigitRun {
  start: number;
  end: number;
  digits: string;
}

/**
 * The text's runs of digits, in chains: runs joined only by a few separators
 * (“943 476 5919” is one chain of three runs). A chain that starts with “+” is an
 * international phone number and is left out.
 */
function digitChains(text: string): DigitRun[][] {
  const chains: DigitRun[][] = [];
  let chain: DigitRun[] = [];
  let international = false;
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i])) {
      i++;
      continue;
    }
    const start = i;
    while (isDigit(text[i])) i++;
    if (chain.length === 0) international = text[start - 1] === '+';
    chain.push({ start, end: i, digits: text.slice(start, i) });
    let gap = 0;
    while (gap < MAX_SEPARATOR && SEPARATOR.test(text[i + gap] ?? '')) gap++;
    if (gap > 0 && isDigit(text[i + gap])) {
      i += gap;
      continue;
    }
    if (!international) chains.push(chain);
    chain = [];
  }
  return chains;
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

export interface NhsNumberLike {
  /** The part of the text that looks like an NHS number, as it was written (runs of spaces as one). */
  text: string;
  digits: string;
}

/**
 * The first thing in free text that looks like an NHS number, or null: ten digits
 * that pass Modulus 11, however they are spaced or punctuated, even inside other
 * words (“pt 9434765919 called”). The ten digits are whole runs of a chain (see
 * digitChains), so a window is never cut out of a longer run: an 11-digit phone
 * number such as 01632960123 or “01632 960 123” is never read as one, while
 * “2 943 476 5919” is. With `phone`, for a field that holds a phone number, ten
 * digits starting with 0 are a UK phone number (NHS numbers in England never start
 * with 0), not an NHS number.
 */
export function findNhsNumberLike(input: string, options: { phone?: boolean } = {}): NhsNumberLike | null {
  // Full-width digits and the like as digits; any run of spaces or line ends as one space.
  const text = input.normalize('NFKC').replace(/\s+/g, ' ');
  for (const chain of digitChains(text)) {
    for (let first = 0; first < chain.length; first++) {
      let digits = '';
      for (let last = first; last < chain.length && digits.length < 10; last++) {
        digits += chain[last]?.digits ?? '';
        if (digits.length !== 10 || (options.phone === true && digits.startsWith('0')) || !checkNhsNumber(digits).valid) continue;
        return { text: text.slice(chain[first]?.start, chain[last]?.end), digits };
      }
    }
  }
  return null;
}
