import { describe, expect, it } from 'vitest';
import {
  addPracticeDays,
  dayCount,
  daysBetween,
  isClockTime,
  practiceMinutesOf,
  instantAt,
  endOfPracticeDay,
  isPracticeDay,
  msUntilNextPracticeDay,
  practiceDayOf,
  practiceTimeOf,
  startOfPracticeDay,
} from '../../shared/practiceDay.ts';

const HOUR = 3_600_000;

describe('practice day (Europe/London)', () => {
  it('is the UTC date in winter (GMT)', () => {
    expect(practiceDayOf(Date.parse('2026-01-15T23:59:59Z'))).toBe('2026-01-15');
    expect(practiceDayOf(Date.parse('2026-01-16T00:00:00Z'))).toBe('2026-01-16');
  });

  it('starts an hour before UTC midnight in summer (BST)', () => {
    expect(practiceDayOf(Date.parse('2026-06-30T22:59:59Z'))).toBe('2026-06-30');
    expect(practiceDayOf(Date.parse('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
  });

  it('turns over at local midnight to the millisecond', () => {
    // 2026-11-21 is GMT: local midnight is 00:00Z.
    expect(practiceDayOf(Date.parse('2026-11-20T23:59:59.999Z'))).toBe('2026-11-20');
    expect(practiceDayOf(Date.parse('2026-11-21T00:00:00.000Z'))).toBe('2026-11-21');
  });

  it('has 23 hours on 29 March 2026, when the clocks go forward', () => {
    expect(startOfPracticeDay('2026-03-29')).toBe(Date.parse('2026-03-29T00:00:00Z'));
    expect(endOfPracticeDay('2026-03-29')).toBe(Date.parse('2026-03-29T23:00:00Z'));
    expect(endOfPracticeDay('2026-03-29') - startOfPracticeDay('2026-03-29')).toBe(23 * HOUR);
    // 01:30 GMT does not exist locally; 00:59Z is 00:59 GMT, 01:00Z is 02:00 BST.
    expect(practiceTimeOf(Date.parse('2026-03-29T00:59:00Z'))).toBe('00:59');
    expect(practiceTimeOf(Date.parse('2026-03-29T01:00:00Z'))).toBe('02:00');
    expect(practiceDayOf(Date.parse('2026-03-29T22:59:59Z'))).toBe('2026-03-29');
    expect(practiceDayOf(Date.parse('2026-03-29T23:00:00Z'))).toBe('2026-03-30');
  });

  it('has 25 hours on 25 October 2026, when the clocks go back', () => {
    expect(startOfPracticeDay('2026-10-25')).toBe(Date.parse('2026-10-24T23:00:00Z'));
    expect(endOfPracticeDay('2026-10-25')).toBe(Date.parse('2026-10-26T00:00:00Z'));
    expect(endOfPracticeDay('2026-10-25') - startOfPracticeDay('2026-10-25')).toBe(25 * HOUR);
    // 01:30 happens twice locally: once in BST (00:30Z) and once in GMT (01:30Z), both the same day.
    expect(practiceTimeOf(Date.parse('2026-10-25T00:30:00Z'))).toBe('01:30');
    expect(practiceTimeOf(Date.parse('2026-10-25T01:30:00Z'))).toBe('01:30');
    expect(practiceDayOf(Date.parse('2026-10-25T00:30:00Z'))).toBe('2026-10-25');
    expect(practiceDayOf(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25');
    expect(practiceDayOf(Date.parse('2026-10-24T22:59:59Z'))).toBe('2026-10-24');
    expect(practiceDayOf(Date.parse('2026-10-24T23:00:00Z'))).toBe('2026-10-25');
  });

  it('counts down to the next local midnight across a clock change', () => {
    expect(msUntilNextPracticeDay(Date.parse('2026-03-29T12:00:00Z'))).toBe(11 * HOUR);
    expect(msUntilNextPracticeDay(Date.parse('2026-10-25T12:00:00Z'))).toBe(12 * HOUR);
    expect(msUntilNextPracticeDay(Date.parse('2026-11-21T23:59:59Z'))).toBe(1000);
  });

  it('adds calendar days without drifting on the 23- and 25-hour days', () => {
    expect(addPracticeDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addPracticeDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addPracticeDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addPracticeDays('2026-10-26', -2)).toBe('2026-10-24');
    expect(addPracticeDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isPracticeDay('2026-11-21')).toBe(true);
    expect(isPracticeDay('2028-02-29')).toBe(true);
    expect(isPracticeDay('2026-02-29')).toBe(false);
    expect(isPracticeDay('2026-13-01')).toBe(false);
    expect(isPracticeDay('21/11/2026')).toBe(false);
    expect(isPracticeDay('2026-11-21T00:00')).toBe(false);
    expect(isPracticeDay('')).toBe(false);
  });
});

describe('a local time on a practice day', () => {
  it('is the same as UTC in winter and an hour earlier in summer', () => {
    expect(instantAt('2026-11-23', '09:30')).toBe(Date.parse('2026-11-23T09:30:00Z'));
    expect(instantAt('2026-07-01', '09:30')).toBe(Date.parse('2026-07-01T08:30:00Z'));
    expect(instantAt('2026-07-01', '00:15')).toBe(Date.parse('2026-06-30T23:15:00Z'));
  });

  it('does not exist in the hour skipped on 29 March 2026', () => {
    expect(instantAt('2026-03-29', '01:30')).toBeNull();
    expect(instantAt('2026-03-29', '00:59')).toBe(Date.parse('2026-03-29T00:59:00Z'));
    expect(instantAt('2026-03-29', '02:00')).toBe(Date.parse('2026-03-29T01:00:00Z'));
  });

  it('takes the first, summer-time 01:30 on 25 October 2026', () => {
    expect(instantAt('2026-10-25', '01:30')).toBe(Date.parse('2026-10-25T00:30:00Z'));
    expect(instantAt('2026-10-25', '02:30')).toBe(Date.parse('2026-10-25T02:30:00Z'));
  });

  it('refuses text that is not a time', () => {
    expect(instantAt('2026-11-23', '9:30')).toBeNull();
    expect(instantAt('2026-11-23', '24:00')).toBeNull();
    expect(instantAt('2026-11-23', 'noon')).toBeNull();
  });
});

describe('practiceMinutesOf and daysBetween', () => {
  it('reads the minutes off the wall clock in London, in summer and winter time', () => {
    // 08:05 UTC in July is 09:05 BST; 08:05 UTC in January is 08:05 GMT.
    expect(practiceMinutesOf(Date.UTC(2026, 6, 1, 8, 5))).toBe(9 * 60 + 5);
    expect(practiceMinutesOf(Date.UTC(2026, 0, 5, 8, 5))).toBe(8 * 60 + 5);
    // 23:30 UTC on 30 June is 00:30 on 1 July in London.
    expect(practiceMinutesOf(Date.UTC(2026, 5, 30, 23, 30))).toBe(30);
    // The clocks go back at 01:00 UTC on 25 October 2026: 00:30 UTC and 01:30 UTC both read 01:30.
    expect(practiceMinutesOf(Date.UTC(2026, 9, 25, 0, 30))).toBe(90);
    expect(practiceMinutesOf(Date.UTC(2026, 9, 25, 1, 30))).toBe(90);
  });

  it('lists every day of a range, both ends included, across a month end and a clock change', () => {
    expect(daysBetween('2026-10-24', '2026-10-26')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysBetween('2026-11-21', '2026-11-21')).toEqual(['2026-11-21']);
    expect(daysBetween('2026-11-22', '2026-11-21')).toEqual([]);
  });

  it('counts calendar days, clock changes and leap days included', () => {
    expect(dayCount('2026-03-28', '2026-03-30')).toBe(2);
    expect(dayCount('2028-02-28', '2028-03-01')).toBe(2);
    expect(dayCount('2026-01-01', '2027-01-01')).toBe(365);
    expect(dayCount('2026-11-21', '2026-11-20')).toBe(-1);
  });

  it('fails at once, never looping, on a date that is not real or a span longer than twenty years', () => {
    // Each of these once ran a day at a time towards the year 275760 before anything noticed.
    for (const [from, to] of [['2026-01-01', 'zzzz'], ['2026-01-01', '2026-13-45'], ['9999-99-99', '2026-01-01'], ['2026-02-30', '2026-03-01']]) {
      expect(() => daysBetween(from ?? '', to ?? ''), `${from} to ${to}`).toThrow(/Not a real date/);
    }
    expect(() => daysBetween('2026-01-01', '2047-01-01')).toThrow('2026-01-01 to 2047-01-01 is 7671 days: more than the 7320 a range may cover.');
    expect(daysBetween('2026-01-01', '2045-12-31')).toHaveLength(7305);
    expect(() => daysBetween('2026-01-01', '2026-01-10', 9)).toThrow('2026-01-01 to 2026-01-10 is 10 days: more than the 9 a range may cover.');
    expect(daysBetween('2026-01-01', '2026-01-09', 9)).toHaveLength(9);
  });
});

describe('isClockTime', () => {
  it('takes a 24-hour HH:MM and nothing else', () => {
    expect(['00:00', '09:05', '13:00', '23:59'].every(isClockTime)).toBe(true);
    expect(['24:00', '9:05', '12:60', '12:30pm', '1230', ' 12:30', ''].some(isClockTime)).toBe(false);
  });
});
