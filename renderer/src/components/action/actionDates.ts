import type { CollectiveAction } from '../../../../shared/actions.ts';
import { formatShortDate } from '../../format.ts';

/** Whether the practice is taking an action on a given day. */
export function takenOn(action: Pick<CollectiveAction, 'taking' | 'from' | 'until'>, day: string): boolean {
  return action.taking && action.from !== null && action.from <= day && (action.until === null || action.until >= day);
}

/** Where an action stands today, in words. */
export function standing(action: Pick<CollectiveAction, 'taking' | 'from' | 'until'>, today: string): string {
  if (!action.taking) return 'Not taking';
  if (action.from === null) return 'Taking: give a start date';
  if (action.from > today) return `Starts ${formatShortDate(action.from)}`;
  if (action.until !== null && action.until < today) return `Ended ${formatShortDate(action.until)}`;
  return action.until === null ? 'Taking now' : `Taking now, until ${formatShortDate(action.until)}`;
}
