// Per-function imports: the date-fns index pulls in every function (over a second to load in Node).
import { tz } from '@date-fns/tz';

/**
 * The practice day is the Europe/London calendar date (DOMAIN.md §8).
 * It has 23 hours on the last Sunday of March and 25 on the last Sunday of October.
 * A contact's day is computed once, when it is recorded, and stored in its event.
 */
export const PRACTICE_TIME_ZONE = 'Europe/London';

const london = tz(PRACTICE_TIME_ZONE);
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const HOUR = 3_600_000;

/** A 24-hour clock time, HH:MM (00:00–23:59). */
export const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}
const offsets = new Map<number, number>();

/**
 * London's offset from UTC at an instant, in ms. The clocks change on the hour
 * (01:00 UTC), so the offset is the same for a whole UTC hour: it is worked out
 * once per hour and remembered, which makes reports over a year fast.
 */
export function londonOffsetMs(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = -london(epochMs).getTimezoneOffset() * 60_000;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

const DAY = 86_400_000;
const dayTexts = new Map<number, string>();

/**
 * An instant in London wall-clock terms: the calendar date (YYYY-MM-DD) and the
 * milliseconds since local midnight. Dates are remembered per day, so a year's
 * export formats its times with arithmetic rather than a Date per contact.
 */
function londonClock(epochMs: number): { day: string; msIntoDay: number } {
  const local = epochMs + londonOffsetMs(epochMs);
  const dayNumber = Math.floor(local / DAY);
  return { day: dayTextOf(dayNumber), msIntoDay: local - dayNumber * DAY };
}

function dayTextOf(dayNumber: number): string {
  let day = dayTexts.get(dayNumber);
  if (day === undefined) {
    day = new Date(dayNumber * DAY).toISOString().slice(0, 10);
    if (dayTexts.size > 100_000) dayTexts.clear();
    dayTexts.set(dayNumber, day);
  }
  return day;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** HH:mm, or HH:mm:ss with seconds, from milliseconds since midnight. */
function clockText(msIntoDay: number, withSeconds: boolean): string {
  const minutes = Math.floor(msIntoDay / 60_000);
  const hhmm = `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
  return withSeconds ? `${hhmm}:${two(Math.floor(msIntoDay / 1000) % 60)}` : hhmm;
}

/** The practice day (YYYY-MM-DD) that an instant falls on. */
export function practiceDayOf(epochMs: number): string {
  // Without londonClock's object: the board asks this for every clinician.
  return dayTextOf(Math.floor((epochMs + londonOffsetMs(epochMs)) / DAY));
}

/** Local wall-clock minutes into the day at the practice (0–1439), as read off the clock on the wall. */
export function practiceMinutesOf(epochMs: number): number {
  const local = epochMs + londonOffsetMs(epochMs);
  return Math.floor((local - Math.floor(local / DAY) * DAY) / 60_000);
}

/** Local wall-clock time (HH:mm) of an instant at the practice. */
export function practiceTimeOf(epochMs: number): string {
  return clockText(londonClock(epochMs).msIntoDay, false);
}

/** ISO 8601 in practice time with its offset, e.g. 2026-07-01T09:30:00+01:00. */
export function practiceIsoOf(epochMs: number): string {
  const offset = londonOffsetMs(epochMs) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  const { day, msIntoDay } = londonClock(epochMs);
  return `${day}T${clockText(msIntoDay, true)}${sign}${hours}:${minutes}`;
}

/** Midnight UTC at the start of a calendar date written YYYY-MM-DD. */
function utcMidnight(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

export function isPracticeDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const midnight = utcMidnight(value);
  return !Number.isNaN(midnight) && new Date(midnight).toISOString().slice(0, 10) === value;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export const DAY_FORMAT_PROBLEM = 'Enter the date as YYYY-MM-DD, for example 2026-11-21.';

/** Days in a month of the Gregorian calendar (month 1–12): a leap year divides by 4, and by 400 if by 100. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Why a text is not a practice day, for the person who typed it; null when it
 * is one. Written the right way but not a date of the calendar (2026-02-30),
 * it says so and why, rather than asking again for the form it already has.
 */
export function practiceDayProblem(value: string): string | null {
  if (isPracticeDay(value)) return null;
  // A year typed with a digit too many (a date box takes up to six).
  const longYear = /^(\d{5,})-\d{2}-\d{2}$/.exec(value);
  if (longYear) return `The year ${longYear[1] ?? ''} has more than four digits. ${DAY_FORMAT_PROBLEM}`;
  if (!DAY_PATTERN.test(value)) return DAY_FORMAT_PROBLEM;
  const [year = 0, month = 0, day = 0] = value.split('-').map(Number);
  if (month < 1 || month > 12) return `${value} is not a real date: there is no month ${String(month).padStart(2, '0')} (months go from 01 to 12).`;
  const days = daysInMonth(year, month);
  if (day === 0) return `${value} is not a real date: the days of a month start at 01.`;
  if (day > days) return `${value} is not a real date: ${MONTH_NAMES[month - 1] ?? ''} ${String(year)} has ${String(days)} days.`;
  // A real date ContactCap cannot place (a year before 0100).
  return DAY_FORMAT_PROBLEM;
}

/**
 * The instant a practice day starts (local midnight in London). London's clocks
 * change at 01:00 UTC, so the offset an hour before UTC midnight is the offset
 * in force at local midnight, on the clock-change days too.
 */
export function startOfPracticeDay(day: string): number {
  const midnight = utcMidnight(day);
  return midnight - londonOffsetMs(midnight - HOUR);
}

/** The instant the practice day after `day` starts. */
export function endOfPracticeDay(day: string): number {
  return startOfPracticeDay(addPracticeDays(day, 1));
}

/** Milliseconds from `epochMs` until the next practice day begins. */
export function msUntilNextPracticeDay(epochMs: number): number {
  return endOfPracticeDay(practiceDayOf(epochMs)) - epochMs;
}

/** Calendar arithmetic on practice days: dates, not hours, so the 23- and 25-hour days make no difference. */
export function addPracticeDays(day: string, days: number): string {
  return new Date(utcMidnight(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The instant a local London time (HH:mm) falls at on a practice day, or null
 * for a time that does not exist that day (01:00–01:59 on the last Sunday of
 * March). On the last Sunday of October, 01:00–01:59 happens twice: the first
 * (summer time) is taken.
 */
export function instantAt(day: string, hhmm: string): number | null {
  const match = CLOCK_TIME.exec(hhmm);
  if (!match) return null;
  const target = `${day} ${hhmm}`;
  const start = startOfPracticeDay(day);
  const guess = start + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  // The offset from midnight is out by at most the hour the clocks change by.
  for (const candidate of [guess - 3_600_000, guess, guess + 3_600_000]) {
    const clock = londonClock(candidate);
    if (`${clock.day} ${clockText(clock.msIntoDay, false)}` === target) return candidate;
  }
  return null;
}

/**
 * The most days a range of practice days may span: twenty years, far beyond
 * any report or export. A longer one can only come from a bug, and fails at
 * once instead of looping for minutes.
 */
export const MAX_DAYS_IN_RANGE = 7_320;

/** Calendar days from `from` to `to`: 0 for the same day, negative when `to` is before `from`. Both must be real dates. */
export function dayCount(from: string, to: string): number {
  for (const day of [from, to]) {
    if (!isPracticeDay(day)) throw new RangeError(`Not a real date (YYYY-MM-DD): ${JSON.stringify(day)}`);
  }
  return Math.round((utcMidnight(to) - utcMidnight(from)) / 86_400_000);
}

/**
 * Every practice day from `from` to `to`, both included; none when `to` is
 * before `from`. Bounded: a span longer than `maxDays`, or a date that is not
 * real, throws straight away.
 */
export function daysBetween(from: string, to: string, maxDays: number = MAX_DAYS_IN_RANGE): string[] {
  const count = dayCount(from, to) + 1;
  if (count <= 0) return [];
  if (count > maxDays) throw new RangeError(`${from} to ${to} is ${count} days: more than the ${maxDays} a range may cover.`);
  return Array.from({ length: count }, (_, offset) => addPracticeDays(from, offset));
}
