import { describe, expect, it } from 'vitest';
import { DEFAULT_PATTERN, minutesOf, sessionAt, sessionOf, sessionsOn, weekdayOf, type WeekPattern } from '../../../shared/rota.ts';

/** The rota rules in shared/rota.ts: weekdays from dates, sessions from patterns and date changes, and the session split. */

const OFF = { am: false, pm: false };
const BOTH = { am: true, pm: true };

/** Mornings only Monday to Wednesday, Thursday afternoon, Saturday morning surgery. */
const PART_TIME: WeekPattern = {
  mon: { am: true, pm: false },
  tue: { am: true, pm: false },
  wed: { am: true, pm: false },
  thu: { am: false, pm: true },
  fri: OFF,
  sat: { am: true, pm: false },
  sun: OFF,
};

describe('weekdayOf', () => {
  it.each([
    ['2026-11-21', 'sat'],
    ['2026-11-23', 'mon'],
    ['2026-11-24', 'tue'],
    // The 23-hour and 25-hour days are Sundays.
    ['2026-03-29', 'sun'],
    ['2026-10-25', 'sun'],
    ['2026-03-30', 'mon'],
    ['2026-12-25', 'fri'],
    ['2027-01-01', 'fri'],
    ['2024-02-29', 'thu'],
    ['2000-01-01', 'sat'],
  ])('knows %s is a %s', (day, weekday) => {
    expect(weekdayOf(day)).toBe(weekday);
  });
});

describe('sessionsOn', () => {
  it('gives a new clinician both sessions Monday to Friday and none at the weekend', () => {
    expect(DEFAULT_PATTERN).toEqual({ mon: BOTH, tue: BOTH, wed: BOTH, thu: BOTH, fri: BOTH, sat: OFF, sun: OFF });
    expect(sessionsOn(DEFAULT_PATTERN, null, '2026-11-23')).toEqual(BOTH);
    expect(sessionsOn(DEFAULT_PATTERN, null, '2026-11-27')).toEqual(BOTH);
    expect(sessionsOn(DEFAULT_PATTERN, null, '2026-11-21')).toEqual(OFF);
    expect(sessionsOn(DEFAULT_PATTERN, null, '2026-11-22')).toEqual(OFF);
  });

  it('reads the weekday’s sessions from the pattern', () => {
    expect(sessionsOn(PART_TIME, null, '2026-11-23')).toEqual({ am: true, pm: false });
    expect(sessionsOn(PART_TIME, null, '2026-11-26')).toEqual({ am: false, pm: true });
    expect(sessionsOn(PART_TIME, null, '2026-11-27')).toEqual(OFF);
    expect(sessionsOn(PART_TIME, null, '2026-11-21')).toEqual({ am: true, pm: false });
  });

  it('lets a date change one session and keep the other from the pattern', () => {
    expect(sessionsOn(DEFAULT_PATTERN, { pm: false }, '2026-11-23')).toEqual({ am: true, pm: false });
    expect(sessionsOn(PART_TIME, { pm: true }, '2026-11-23')).toEqual(BOTH);
    // An extra Saturday afternoon on top of the Saturday morning.
    expect(sessionsOn(PART_TIME, { pm: true }, '2026-11-21')).toEqual(BOTH);
    expect(sessionsOn(DEFAULT_PATTERN, { am: true }, '2026-11-22')).toEqual({ am: true, pm: false });
  });

  it('gives no sessions on a date the clinician is absent, whatever the pattern says', () => {
    expect(sessionsOn(DEFAULT_PATTERN, { absent: true }, '2026-11-23')).toEqual(OFF);
    expect(sessionsOn(DEFAULT_PATTERN, { absent: true, duty: true, cap: 10 }, '2026-11-23')).toEqual(OFF);
  });

  it('keeps the pattern for a date change about the cap or duty only, or “not absent”', () => {
    expect(sessionsOn(PART_TIME, { cap: 10 }, '2026-11-26')).toEqual({ am: false, pm: true });
    expect(sessionsOn(PART_TIME, { duty: true }, '2026-11-23')).toEqual({ am: true, pm: false });
    expect(sessionsOn(DEFAULT_PATTERN, { absent: false }, '2026-11-23')).toEqual(BOTH);
  });
});

describe('minutesOf and sessionAt', () => {
  it.each([
    ['00:00', 0],
    ['08:05', 485],
    ['12:30', 750],
    ['13:00', 780],
    ['23:59', 1439],
  ])('reads %s as %i minutes after midnight', (hhmm, minutes) => {
    expect(minutesOf(hhmm)).toBe(minutes);
  });

  it('puts 12:59 in the morning and 13:00 in the afternoon with the default split', () => {
    expect([sessionAt(0, '13:00'), sessionAt(779, '13:00'), sessionAt(780, '13:00'), sessionAt(1439, '13:00')]).toEqual(['am', 'am', 'pm', 'pm']);
  });

  it('moves with the practice’s split: at 12:30, 12:29 is the morning and 12:30 the afternoon', () => {
    expect([sessionAt(749, '12:30'), sessionAt(750, '12:30')]).toEqual(['am', 'pm']);
  });

  it('makes the whole day an afternoon with a split at midnight', () => {
    expect(sessionAt(0, '00:00')).toBe('pm');
  });
});

describe('sessionOf', () => {
  it('puts an instant in the morning or afternoon by London wall-clock time', () => {
    // 11:59 UTC in July is 12:59 BST: afternoon with a 12:30 split, morning with 13:00.
    expect(sessionOf(Date.UTC(2026, 6, 1, 11, 59), '12:30')).toBe('pm');
    expect(sessionOf(Date.UTC(2026, 6, 1, 11, 59), '13:00')).toBe('am');
    // In January the same UTC time is 11:59 GMT: morning either way.
    expect(sessionOf(Date.UTC(2026, 0, 5, 11, 59), '12:30')).toBe('am');
  });
});
