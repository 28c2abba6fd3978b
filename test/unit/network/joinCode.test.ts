import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJoinCode, readJoinCode } from '../../../shared/network.ts';

/** Crockford's base 32 as DESIGN.md §5 and the join code use it: no I, L, O or U. */
const CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/;

const MISTAKE = 'This join code has a mistake in it: a character is wrong or two are swapped. Check each group against the code on the other PC.';

const secrets = fc.uint8Array({ minLength: 10, maxLength: 10 });
const bytes = (...values: number[]) => new Uint8Array(values);
const plain = (code: string) => code.replaceAll('-', '');

function expectMistake(typed: string): void {
  expect(readJoinCode(typed), typed).toEqual({ ok: false, message: MISTAKE });
}

describe('the join code', () => {
  // Worked by hand. The secret's 80 bits in fives: 0 0 0 … 0 0, so the check is 0.
  it('writes the all-zero secret as sixteen 0s and the check character 0', () => {
    expect(formatJoinCode(new Uint8Array(10))).toBe('0000-0000-0000-0000-0');
  });

  // Worked by hand in GF(32) modulo x⁵ + x² + 1: the data read as a polynomial at x, and the check makes the whole 0.
  // 1 then fifteen 0s is x¹⁵, so the check is x¹⁶ = x⁴ + x³ + x + 1 = 27 = V; fifteen 0s then 1 is 1, so the check is x = 2.
  it('puts the check character that makes the whole code’s value 0', () => {
    expect(formatJoinCode(bytes(8, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toBe('1000-0000-0000-0000-V');
    expect(formatJoinCode(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 1))).toBe('0000-0000-0000-0001-2');
  });

  // Worked by hand: ff ee dd cc bb aa 99 88 77 66 is, five bits at a time,
  // 11111 11111 10111 01101 11011 10011 00101 11011 10101 01010 01100 11000 10000 11101 11011 00110
  // = 31 31 23 13 27 19 5 27 21 10 12 24 16 29 27 6 = Z Z Q D V K 5 V N A C R G X V 6.
  it('writes a secret as four groups of four characters of its bits, five at a time, and a check character', () => {
    const code = formatJoinCode(bytes(0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88, 0x77, 0x66));
    // The check, Σ vᵢ·x¹⁶⁻ⁱ, summed from a table of the powers of x: 8.
    expect(code).toBe('ZZQD-VK5V-NACR-GXV6-8');
    expect(code).toMatch(SHAPE);
    // 01 02 … 0a: 00000 00100 00001 00000 00110 00001 00000 00101 | 00000 11000 00011 10000 10000 00010 01000 01010.
    expect(formatJoinCode(bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).slice(0, 19)).toBe('0410-6105-0R3G-G28A');
  });

  it('refuses to write a secret of the wrong size', () => {
    expect(() => formatJoinCode(new Uint8Array(9))).toThrow(/10 bytes/);
    expect(() => formatJoinCode(new Uint8Array(11))).toThrow(/10 bytes/);
  });

  it('reads back every secret it writes, in the same shape', () => {
    fc.assert(
      fc.property(secrets, (secret) => {
        const code = formatJoinCode(secret);
        expect(code).toMatch(SHAPE);
        const reading = readJoinCode(code);
        expect(reading).toEqual({ ok: true, secret, code });
      }),
      { numRuns: 500 },
    );
  });

  it('catches every single wrong character, in every place, the check character included', () => {
    fc.assert(
      fc.property(secrets, (secret) => {
        const code = plain(formatJoinCode(secret));
        for (let at = 0; at < code.length; at++) {
          for (const char of CHARS) {
            if (char === code.charAt(at)) continue;
            expectMistake(code.slice(0, at) + char + code.slice(at + 1));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('catches every swap of two neighbouring characters that differ', () => {
    expectMistake('0100-0000-0000-0000-V');
    expectMistake('0000-0000-0000-0010-2');
    fc.assert(
      fc.property(secrets, (secret) => {
        const code = plain(formatJoinCode(secret));
        for (let at = 0; at + 1 < code.length; at++) {
          const [a, b] = [code.charAt(at), code.charAt(at + 1)];
          if (a === b) continue;
          expectMistake(code.slice(0, at) + b + a + code.slice(at + 2));
        }
      }),
      { numRuns: 500 },
    );
  });

  // The pairs a base-32 Luhn check cannot see swapped (0 and Z are its 0 and 9 in "09" ↔ "90"), in every place.
  it('catches a swapped 0 and Z wherever they stand together', () => {
    for (let at = 0; at < 15; at++) {
      for (const pair of ['0Z', 'Z0']) {
        const data = `${'1'.repeat(at)}${pair}${'1'.repeat(14 - at)}`;
        const code = plain(formatJoinCode(secretOf(data)));
        const swapped = code.slice(0, at) + pair.charAt(1) + pair.charAt(0) + code.slice(at + 2);
        expectMistake(swapped);
      }
    }
  });

  it('reads O as 0 and I or L as 1, in any case, with or without spaces and dashes', () => {
    const secret = bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    const code = formatJoinCode(secret);
    const typings = [
      code.replaceAll('0', 'O'),
      code.replaceAll('0', 'o').replaceAll('1', 'i'),
      code.replaceAll('1', 'L').toLowerCase(),
      plain(code),
      plain(code).toLowerCase(),
      code.replaceAll('-', ' '),
      `  ${code.slice(0, 9)}  --  ${code.slice(10)}\t`,
      plain(code).split('').join(' '),
    ];
    for (const typed of typings) expect(readJoinCode(typed), typed).toEqual({ ok: true, secret, code });
  });

  it('asks for the code when nothing was typed', () => {
    const ask = { ok: false, message: 'Type the join code shown on the practice network page of a PC that is already in the network.' };
    expect(readJoinCode('')).toEqual(ask);
    expect(readJoinCode('  - -  ')).toEqual(ask);
  });

  it('says how many characters a code has when one is missing or extra', () => {
    const code = formatJoinCode(bytes(0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88, 0x77, 0x66));
    expect(readJoinCode(code.slice(0, 19))).toEqual({
      ok: false,
      message: 'A join code has 17 letters and digits (four groups of four, then one more); this one has 16. Check the code on the other PC.',
    });
    expect(readJoinCode(`${code}7`)).toEqual({
      ok: false,
      message: 'A join code has 17 letters and digits (four groups of four, then one more); this one has 18. Check the code on the other PC.',
    });
  });

  it('names a character no join code has', () => {
    expect(readJoinCode('ZZQU-VK5V-NACR-GXV6-7')).toEqual({
      ok: false,
      message: 'A join code has only letters and digits, and never the letter U: “U” is not in it. Check the code on the other PC.',
    });
    expect(readJoinCode('zzqd-vk5v-nacr-gxv6-!')).toEqual({
      ok: false,
      message: 'A join code has only letters and digits, and never the letter U: “!” is not in it. Check the code on the other PC.',
    });
  });

  it('says a code with the right length and characters has a mistake when its check does not match', () => {
    const code = formatJoinCode(new Uint8Array(10));
    expectMistake(`${code.slice(0, -1)}1`);
    expectMistake('1000-0000-0000-0000-0');
  });
});

/** The secret whose join code starts with these 16 characters (read by hand: five bits a character). */
function secretOf(data: string): Uint8Array {
  let bits = '';
  for (const char of data) bits += CHARS.indexOf(char).toString(2).padStart(5, '0');
  const secret = new Uint8Array(10);
  for (let i = 0; i < 10; i++) secret[i] = Number.parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  return secret;
}
