import type { DayOverride, SessionPair, WeekPattern } from '../../../../shared/rota.ts';
import { WEEKDAYS } from '../../../../shared/rota.ts';

/** What the controls for one clinician on one date show: the weekly pattern with the date's changes applied. */
export interface DayChoice {
  absent: boolean;
  am: boolean;
  pm: boolean;
  duty: boolean;
  /** A different cap for this date, or null for the usual one. */
  cap: number | null;
}

export function choiceOf(usual: SessionPair, override: DayOverride | null): DayChoice {
  return {
    absent: override?.absent ?? false,
    am: override?.am ?? usual.am,
    pm: override?.pm ?? usual.pm,
    duty: override?.duty ?? false,
    cap: override?.cap ?? null,
  };
}

/**
 * The date's change as the core stores it: only what differs from the usual
 * pattern, or null when nothing does. An absent clinician works no session, so
 * their session changes are dropped (and come back as usual when they return).
 */
export function overrideOf(usual: SessionPair, choice: DayChoice): DayOverride | null {
  const override: DayOverride = {};
  if (choice.absent) override.absent = true;
  else {
    if (choice.am !== usual.am) override.am = choice.am;
    if (choice.pm !== usual.pm) override.pm = choice.pm;
  }
  if (choice.duty) override.duty = true;
  if (choice.cap !== null) override.cap = choice.cap;
  return Object.keys(override).length === 0 ? null : override;
}

/** "morning and afternoon", "morning only", "afternoon only", "not working". */
export function sessionsText(pair: SessionPair): string {
  if (pair.am && pair.pm) return 'morning and afternoon';
  if (pair.am) return 'morning only';
  if (pair.pm) return 'afternoon only';
  return 'not working';
}

export function samePattern(a: WeekPattern, b: WeekPattern): boolean {
  return WEEKDAYS.every((day) => a[day].am === b[day].am && a[day].pm === b[day].pm);
}

/** How many sessions a week a pattern has (Monday to Friday, both sessions: 10). */
export function sessionsPerWeek(pattern: WeekPattern): number {
  return WEEKDAYS.reduce((total, day) => total + Number(pattern[day].am) + Number(pattern[day].pm), 0);
}
