import { memo } from 'react';
import type { IdentifierState } from '../../../../shared/identifiers.ts';
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
  /** A redirection's or deferral's patient identifiers, or what became of them (identifierLine). */
  detail: string | null;
  voided: string | null;
  /** What it is, for the sentence once it is voided: "the telephone contact for Dr Ada Patel at 09:12". */
  named: string;
}

/**
 * What reception sees of a record's NHS number and note: them, or in words why
 * they are not shown. Null when it never had any.
 */
export function identifierLine(record: { identifiers: IdentifierState; note: string; nhsNumber?: string | null }): string | null {
  // A redirection may hold an NHS number as well as a note; a deferral only a note.
  const what = record.nhsNumber === undefined ? 'Note' : 'NHS number and note';
  switch (record.identifiers) {
    case 'none':
      return null;
    case 'held': {
      // The number's groups kept together on a narrow list: "943 476 5919" never breaks across lines.
      const parts = [record.nhsNumber ? `NHS number ${record.nhsNumber.replace(/ /g, '\u00a0')}` : null, record.note === '' ? null : `Note: ${record.note}`].filter((part) => part !== null);
      return parts.length === 0 ? null : parts.join(' · ');
    }
    case 'erased':
      return `${what} erased`;
    case 'elsewhere':
      return `${what} recorded on another PC: ${what === 'Note' ? 'it appears' : 'they appear'} here once that PC is connected`;
  }
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
        {entry.detail && <span className="activity-detail">{entry.detail}</span>}
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
