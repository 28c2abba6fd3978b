// Per-function imports: the date-fns index pulls in every function (over a second to load in Node).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parse } from 'date-fns/parse';
import { startOfDay } from 'date-fns/startOfDay';
import { tz } from '@date-fns/tz';

/**
 * The practice day is the Europe/London calendar date (DOMAIN.md §8).
 * It has 23 hours on the last Sunday of March and 25 on the last Sunday of October.
 * A contact's day is computed once, when it is recorded, and stored in its event.
 */
export const PRACTICE_TIME_ZONE = 'Europe/London';

const london = tz(PRACTICE_TIME_ZONE);
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The practice day (YYYY-MM-DD) that an instant falls on. */
export function practiceDayOf(epochMs: number): string {
  return format(epochMs, 'yyyy-MM-dd', { in: london });
}

/** Local wall-clock time (HH:mm) of an instant at the practice. */
export function practiceTimeOf(epochMs: number): string {
  return format(epochMs, 'HH:mm', { in: london });
}

export function isPracticeDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const parsed = parse(value, 'yyyy-MM-dd', new Date(0), { in: london });
  return !Number.isNaN(parsed.getTime()) && format(parsed, 'yyyy-MM-dd', { in: london }) === value;
}

/** The instant a practice day starts (local midnight in London). */
export function startOfPracticeDay(day: string): number {
  const parsed = parse(day, 'yyyy-MM-dd', new Date(0), { in: london });
  return startOfDay(parsed, { in: london }).getTime();
}

/** The instant the practice day after `day` starts. */
export function endOfPracticeDay(day: string): number {
  return addDays(startOfPracticeDay(day), 1, { in: london }).getTime();
}

/** Milliseconds from `epochMs` until the next practice day begins. */
export function msUntilNextPracticeDay(epochMs: number): number {
  return endOfPracticeDay(practiceDayOf(epochMs)) - epochMs;
}

/** Calendar arithmetic on practice days, immune to the 23- and 25-hour days. */
export function addPracticeDays(day: string, days: number): string {
  const parsed = parse(day, 'yyyy-MM-dd', new Date(0), { in: london });
  return format(addDays(parsed, days, { in: london }), 'yyyy-MM-dd', { in: london });
}

/**
 * The instant a local London time (HH:mm) falls at on a practice day, or null
 * for a time that does not exist that day (01:00–01:59 on the last Sunday of
 * March). On the last Sunday of October, 01:00–01:59 happens twice: the first
 * (summer time) is taken.
 */
export function instantAt(day: string, hhmm: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) return null;
  const target = `${day} ${hhmm}`;
  const start = startOfPracticeDay(day);
  const guess = start + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  // The offset from midnight is out by at most the hour the clocks change by.
  for (const candidate of [guess - 3_600_000, guess, guess + 3_600_000]) {
    if (format(candidate, 'yyyy-MM-dd HH:mm', { in: london }) === target) return candidate;
  }
  return null;
}
