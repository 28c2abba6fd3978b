import { memo } from 'react';
import { formatTime } from '../../format.ts';
import type { EntryKind } from '../../stores/deskStore.ts';

/** One entry of today's list, in words. */
export interface Entry {
  kind: EntryKind;
  id: string;
  at: string;
  who: string;
  what: string;
  flag: string | null;
  voided: string | null;
  /** What it is, for the sentence once it is voided: "the telephone contact for Dr Ada Patel at 09:12". */
  named: string;
}

/**
 * One line of today's list. Memoised on its words: a new record adds one line
 * and leaves the others as they are.
 */
export const ActivityItem = memo(function ActivityItem({ onVoid, ...entry }: Entry & { onVoid: (entry: Entry) => void }) {
  return (
    <li className={entry.voided ? 'voided' : undefined}>
      <span className="time">{formatTime(entry.at)}</span>
      <span className="who">{entry.who}</span>
      <span className="what">
        {entry.what}
        {entry.flag && <span className="flag"> · {entry.flag}</span>}
      </span>
      {entry.voided ? (
        <span className="tag" title={entry.voided}>
          Voided
        </span>
      ) : (
        <button type="button" className="quiet" aria-label={`Void ${entry.kind}: ${formatTime(entry.at)} ${entry.who}, ${entry.what}`} onClick={() => onVoid(entry)}>
          Void
        </button>
      )}
    </li>
  );
});
