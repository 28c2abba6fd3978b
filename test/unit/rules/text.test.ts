import { describe, expect, it } from 'vitest';
import { deriveInitials, isReadableText, nameKey, safeDecodeURIComponent, tidyText, withoutTitle } from '../../../shared/text.ts';

/** The small text rules in shared/text.ts that names, reasons and notes go through. */

describe('tidyText', () => {
  it('removes outer spaces and makes inner runs of spaces, tabs and newlines single spaces', () => {
    expect(tidyText('  Dr   Ada\tPatel \n')).toBe('Dr Ada Patel');
    expect(tidyText('\u00a0Room\u2003 4\u3000')).toBe('Room 4');
    expect(tidyText('   ')).toBe('');
  });

  it('composes accents into one form (NFC): “e” + combining diaeresis becomes “ë”', () => {
    expect(tidyText('Zoe\u0308')).toBe('Zo\u00eb');
    expect(tidyText('Zoe\u0308')).toHaveLength(3);
  });

  it('leaves control characters in place for the readability check to catch', () => {
    expect(tidyText('Ada\u0007Patel')).toBe('Ada\u0007Patel');
  });
});

describe('nameKey', () => {
  it('ignores case, outer and doubled spaces', () => {
    expect(nameKey('  DR  ADA   PATEL ')).toBe('dr ada patel');
    expect(nameKey('Dr Ada Patel')).toBe(nameKey('dr ada patel'));
  });

  it('ignores case beyond A–Z and how an accent was typed', () => {
    expect(nameKey('ZOË WARD')).toBe('zoë ward');
    expect(nameKey('Zoe\u0308 Ward')).toBe('zoë ward');
    expect(nameKey('ÉMILE')).toBe(nameKey('émile'));
  });

  it('folds compatibility forms: full-width letters and ligatures', () => {
    expect(nameKey('ＡＤＡ')).toBe('ada');
    expect(nameKey('Dr \ufb01nn')).toBe('dr finn');
  });

  it('keeps an accent itself: Zoe and Zoë are different names', () => {
    expect(nameKey('Zoe Ward')).not.toBe(nameKey('Zoë Ward'));
  });
});

describe('deriveInitials', () => {
  it.each([
    ['Dr Ada Patel', 'AP'],
    ['dr. ada patel', 'AP'],
    ['Prof Dr Ada Patel', 'AP'],
    ['Mrs Mary-Jane O’Neil', 'MJO'],
    ['Nurse Ben Hale', 'NBH'],
    ['Ada Bea Cat Dee Eve', 'ABCD'],
    ['émile zola', 'ÉZ'],
    ['(Ada) Patel', 'AP'],
    ['Dr', '?'],
    ['   ', '?'],
    ['Dr 123', '?'],
  ])('makes %j into %j', (name, initials) => {
    expect(deriveInitials(name)).toBe(initials);
  });
});

describe('withoutTitle', () => {
  it.each([
    ['Dr Ada Patel', 'Ada Patel'],
    ['Dr. Prof Ada', 'Ada'],
    ['MS   Ada Patel', 'Ada Patel'],
    ['Drew Barry', 'Drew Barry'],
    ['Nurse Ben Hale', 'Nurse Ben Hale'],
    ['Dr', 'Dr'],
    ['Mr Dr', 'Dr'],
  ])('sorts %j as %j', (name, sortName) => {
    expect(withoutTitle(name)).toBe(sortName);
  });
});

describe('isReadableText', () => {
  it('accepts text with a letter or a digit in any script', () => {
    expect(['Ada', '123', ' é ', '漢', 'A&E', '4'].map(isReadableText)).toEqual([true, true, true, true, true, true]);
  });

  it('refuses text with no letter or digit, or with a control character', () => {
    expect(['', '---', '’', '\u200b', 'a\u0000', 'Ada\u0007Patel', '\u0085x'].map(isReadableText)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('safeDecodeURIComponent', () => {
  it('decodes a good escape and gives undefined for a broken one instead of throwing', () => {
    expect(safeDecodeURIComponent('Dr%20Ada')).toBe('Dr Ada');
    expect(safeDecodeURIComponent('%E0%A4%A')).toBeUndefined();
  });
});
