import { format } from 'date-fns/format';
import { tz } from '@date-fns/tz';
import { PRACTICE_TIME_ZONE, startOfPracticeDay } from '../../shared/practiceDay.ts';

const london = tz(PRACTICE_TIME_ZONE);

/** "Saturday 21 November 2026" */
export function formatLongDate(day: string): string {
  return format(startOfPracticeDay(day), 'EEEE d MMMM yyyy', { in: london });
}

/** "09:42", in practice time whatever the PC's own zone. */
export function formatTime(iso: string): string {
  return format(Date.parse(iso), 'HH:mm', { in: london });
}
