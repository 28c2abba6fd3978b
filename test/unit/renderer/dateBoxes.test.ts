import { describe, expect, it } from 'vitest';
import { boxProblem, rangeProblem, readingOf } from '../../../renderer/src/components/reports/dateBoxes.ts';

/** What the Reports screen says of its date boxes, in the words a practice manager reads. */
const NOT_REAL = { text: '', notReal: true };
const EMPTY = { text: '', notReal: false };

describe('what is wrong with a date box', () => {
  it('names the box and says why: not a real date, empty, a year too long; nothing for a real date', () => {
    expect(boxProblem('From', NOT_REAL)).toBe('“From” is not a real date, or it is not finished: check the day, the month and the year.');
    expect(boxProblem(null, NOT_REAL)).toBe('That is not a real date, or it is not finished: check the day, the month and the year.');
    expect(boxProblem('To', EMPTY)).toBe('“To” is empty: type a date.');
    expect(boxProblem(null, EMPTY)).toBe('The date box is empty: type a date.');
    expect(boxProblem('From', readingOf('20261-11-23'))).toBe('“From” has a year of more than four digits (20261): check the year.');
    expect(boxProblem('From', readingOf('2026-02-28'))).toBeNull();
    // The browser never gives a value for 30 February, but a value that is not a calendar date is still refused.
    expect(boxProblem('To', readingOf('2026-02-30'))).toBe('“To” is not a real date, or it is not finished: check the day, the month and the year.');
  });

  it('holds From and To to a range in order, From first; the same day twice is a range', () => {
    expect(rangeProblem(NOT_REAL, NOT_REAL)).toEqual({ box: 'from', message: '“From” is not a real date, or it is not finished: check the day, the month and the year.' });
    expect(rangeProblem(readingOf('2026-11-23'), EMPTY)).toEqual({ box: 'to', message: '“To” is empty: type a date.' });
    expect(rangeProblem(readingOf('2026-11-20'), readingOf('2026-11-19'))).toEqual({
      box: 'to',
      message: '“To” (Thursday 19 November 2026) is before “From” (Friday 20 November 2026): make “To” the same day or later.',
    });
    // Across a year: compared as dates, not as day numbers.
    expect(rangeProblem(readingOf('2026-12-31'), readingOf('2027-01-01'))).toBeNull();
    expect(rangeProblem(readingOf('2026-11-23'), readingOf('2026-11-23'))).toBeNull();
  });
});
