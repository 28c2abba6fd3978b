import { addPracticeDays } from '../../../../shared/practiceDay.ts';
import { MAX_EXPORT_DAYS } from '../../../../shared/reports.ts';
import { WEEKDAYS, weekdayOf } from '../../../../shared/rota.ts';
import { formatLongDate, formatShortDate } from '../../format.ts';
import type { DateRange } from '../../stores/reportsStore.ts';

/** The Monday of the week a day falls in. */
export function mondayOf(day: string): string {
  return addPracticeDays(day, -WEEKDAYS.indexOf(weekdayOf(day)));
}

function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}

function nextMonthStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The week and month choices every range picker offers. */
export const QUICK_RANGES = ['this-week', 'last-week', 'this-month', 'last-month'] as const;
/** One-day choices, for the pickers where a single day makes sense (the Export screen), before the others. */
export const QUICK_DAYS = ['today', 'yesterday'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number] | (typeof QUICK_DAYS)[number];

export const QUICK_RANGE_LABELS: Record<QuickRange, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  'this-week': 'This week',
  'last-week': 'Last week',
  'this-month': 'This month',
  'last-month': 'Last month',
};

export function quickRange(which: QuickRange, today: string): DateRange {
  switch (which) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const yesterday = addPracticeDays(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case 'this-week': {
      const monday = mondayOf(today);
      return { from: monday, to: addPracticeDays(monday, 6) };
    }
    case 'last-week': {
      const monday = addPracticeDays(mondayOf(today), -7);
      return { from: monday, to: addPracticeDays(monday, 6) };
    }
    case 'this-month':
      return { from: monthStart(today), to: addPracticeDays(nextMonthStart(today), -1) };
    case 'last-month': {
      const last = addPracticeDays(monthStart(today), -1);
      return { from: monthStart(last), to: last };
    }
  }
}

/** Which of the quick choices offered a range is, if any. */
export function quickRangeOf(range: DateRange, today: string, offered: readonly QuickRange[] = QUICK_RANGES): QuickRange | null {
  return offered.find((which) => {
    const candidate = quickRange(which, today);
    return candidate.from === range.from && candidate.to === range.to;
  }) ?? null;
}

/** Days from `from` to `to`, both counted. */
export function daysIn(range: DateRange): number {
  let count = 0;
  for (let day = range.from; day <= range.to && count <= MAX_EXPORT_DAYS; day = addPracticeDays(day, 1)) count++;
  return count;
}

/** "Monday 16 November to Sunday 22 November 2026", or one date. */
export function describeRange(range: DateRange): string {
  if (range.from === range.to) return formatLongDate(range.from);
  const from = formatLongDate(range.from);
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  return `${sameYear ? from.replace(/ \d{4}$/, '') : from} to ${formatLongDate(range.to)}`;
}

/** "16 Nov to 22 Nov" for chart summaries. */
export function describeRangeShort(range: DateRange): string {
  return range.from === range.to ? formatShortDate(range.from) : `${formatShortDate(range.from)} to ${formatShortDate(range.to)}`;
}
