import type { Session } from './domain.ts';
import { practiceMinutesOf } from './practiceDay.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export interface SessionPair {
  am: boolean;
  pm: boolean;
}

export type WeekPattern = Record<Weekday, SessionPair>;

const both: SessionPair = { am: true, pm: true };
const none: SessionPair = { am: false, pm: false };

/** A new clinician works both sessions Monday to Friday until the rota says otherwise. */
export const DEFAULT_PATTERN: WeekPattern = { mon: both, tue: both, wed: both, thu: both, fri: both, sat: none, sun: none };

/** One date's change to the weekly pattern. Unset fields keep the pattern. */
export interface DayOverride {
  absent?: boolean;
  am?: boolean;
  pm?: boolean;
  /** A different cap for this date. */
  cap?: number;
  duty?: boolean;
}

const weekdays = new Map<string, Weekday>();

/** Monday = mon … Sunday = sun, for a practice day written YYYY-MM-DD. */
export function weekdayOf(day: string): Weekday {
  let weekday = weekdays.get(day);
  if (weekday === undefined) {
    // Noon UTC is the same calendar date in London all year round.
    weekday = WEEKDAYS[(new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7] ?? 'mon';
    if (weekdays.size > 5000) weekdays.clear();
    weekdays.set(day, weekday);
  }
  return weekday;
}

/** Which sessions a clinician works on a date: the weekly pattern, then the date's own changes. */
export function sessionsOn(pattern: WeekPattern, override: DayOverride | null, day: string): SessionPair {
  if (override?.absent) return none;
  const base = pattern[weekdayOf(day)];
  return { am: override?.am ?? base.am, pm: override?.pm ?? base.pm };
}

/** The session an instant falls in, given the local minutes since midnight and the split time. */
export function sessionAt(localMinutes: number, sessionSplit: string): Session {
  return localMinutes < minutesOf(sessionSplit) ? 'am' : 'pm';
}

/** The session an instant falls in at the practice. */
export function sessionOf(epochMs: number, sessionSplit: string): Session {
  return sessionAt(practiceMinutesOf(epochMs), sessionSplit);
}

const minutesByText = new Map<string, number>();

/** "13:30" → 810. The few times a practice uses are worked out once each. */
export function minutesOf(hhmm: string): number {
  let known = minutesByText.get(hhmm);
  if (known === undefined) {
    const [hours, minutes] = hhmm.split(':').map(Number);
    known = (hours ?? 0) * 60 + (minutes ?? 0);
    if (minutesByText.size > 1000) minutesByText.clear();
    minutesByText.set(hhmm, known);
  }
  return known;
}
