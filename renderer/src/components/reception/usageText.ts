import type { BoardRow } from '../../../../shared/domain.ts';
import { formatTime, plural } from '../../format.ts';

/** "18 of 25 used · 7 left", in the words the desk reads aloud. */
export function describeUsage(row: BoardRow): string {
  if (row.status === 'absent') return `absent today · ${plural(row.dayUsed, 'contact')} so far`;
  if (!row.working) return `not on the rota today · ${plural(row.dayUsed, 'contact')} so far`;
  if (row.status === 'finished') return `finished for today · ${plural(row.dayUsed, 'contact')} today`;
  if (!row.capped) return `no cap · ${plural(row.dayUsed, 'contact')} today`;
  const over = row.used > row.cap ? ` · ${row.used - row.cap} over` : '';
  const full = row.fullAt ? ` · full since ${formatTime(row.fullAt)}` : '';
  return `${row.used} of ${row.cap} used · ${row.remaining} left${over}${full}`;
}

export function sessionsText(row: BoardRow): string {
  if (row.sessions.am && row.sessions.pm) return 'All day';
  if (row.sessions.am) return 'Morning only';
  if (row.sessions.pm) return 'Afternoon only';
  return 'No sessions today';
}
