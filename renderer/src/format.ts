import { CLINICIAN_STATUS_LABELS, type BoardRow } from '../../shared/domain.ts';
import { format } from 'date-fns/format';
import { tz } from '@date-fns/tz';
import { PRACTICE_TIME_ZONE, practiceDayOf, startOfPracticeDay } from '../../shared/practiceDay.ts';

const london = tz(PRACTICE_TIME_ZONE);

/** "Saturday 21 November 2026" */
export function formatLongDate(day: string): string {
  return format(startOfPracticeDay(day), 'EEEE d MMMM yyyy', { in: london });
}

/** "Wed 30 September 2026": the header's date, short enough that the eight screens fit beside it at 1366 px on the longest date of the year. */
export function formatHeaderDate(day: string): string {
  return format(startOfPracticeDay(day), 'EEE d MMMM yyyy', { in: london });
}

/** "Sat 21 Nov" */
export function formatShortDate(day: string): string {
  return format(startOfPracticeDay(day), 'EEE d MMM', { in: london });
}

/** "09:42", in practice time whatever the PC's own zone. */
export function formatTime(iso: string | number): string {
  return format(typeof iso === 'number' ? iso : Date.parse(iso), 'HH:mm', { in: london });
}

/** "Mon 23 Nov at 18:31": an instant's practice day and time. */
export function formatWhen(iso: string): string {
  const ms = Date.parse(iso);
  return `${formatShortDate(practiceDayOf(ms))} at ${formatTime(ms)}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Reception 1", "Reception 1 and Reception 2", "A, B and C". */
export function namesList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** A count of records from other PCs, as staff read it: "1 record", "12,345 records". */
export function recordsText(count: number): string {
  return `${count.toLocaleString('en-GB')} record${count === 1 ? '' : 's'}`;
}

/** Why a clinician cannot take a routine contact now, in a few words: "full", "absent today". */
export function whyNoRoom(row: BoardRow): string {
  if (row.status !== 'working') return CLINICIAN_STATUS_LABELS[row.status].toLowerCase();
  return row.used > row.cap ? 'over the cap' : 'full';
}

/** What an urgent contact with this clinician is beyond: the cap, or their day ("absent today"). */
export function urgentBecause(row: BoardRow): string {
  return row.status === 'working' ? 'over the cap' : whyNoRoom(row);
}
