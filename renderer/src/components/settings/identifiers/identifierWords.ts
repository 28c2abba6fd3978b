import { checkNhsNumber } from '../../../../../shared/nhsNumber.ts';
import { addPracticeDays } from '../../../../../shared/practiceDay.ts';
import { ERASURE_REASON_WORDS, type ErasureOutcome, type ErasureReason, type IdentifierRecord, type IdentifierSummary } from '../../../../../shared/identifiers.ts';
import { formatShortDate, formatTime, plural } from '../../../format.ts';
import type { IdentifierQuery } from '../../../stores/identifiersStore.ts';

/** The page's words for patient identifiers, kept apart so they can be read (and tested) in one place. */

/** Today as the core sees it: the retention period is counted back from it to `keptFrom`. */
export function coreToday(summary: IdentifierSummary): string {
  return addPracticeDays(summary.keptFrom, summary.retentionDays);
}

/** "Mon 23 Nov", with the year when it is not this year's: identifiers can be kept for up to ten years. */
export function dayText(day: string, today: string): string {
  return day.slice(0, 4) === today.slice(0, 4) ? formatShortDate(day) : `${formatShortDate(day)} ${day.slice(0, 4)}`;
}

/** "Mon 23 Nov at 09:12": when a record was made. */
export function whenText(record: IdentifierRecord, today: string): string {
  return `${dayText(record.practiceDay, today)} at ${formatTime(record.occurredAt)}`;
}

/** "Redirection to Pharmacy First" or "Kept for later: Waiting list". */
export function whatText(record: IdentifierRecord): string {
  return record.kind === 'redirection' ? `Redirection to ${record.what}` : `Kept for later: ${record.what}`;
}

/** A record's identifiers, in words: never by colour alone. */
export function stateText(record: IdentifierRecord): string {
  switch (record.state) {
    case 'held':
      return record.legacy ? 'Held here (older record)' : 'Held here';
    case 'erased':
      return 'Erased';
    case 'elsewhere':
      return 'On another PC, not here yet';
    case 'none':
      return 'None';
  }
}

/** "The patient asked": a reason as a choice in a list. */
export function reasonChoice(why: ErasureReason): string {
  const words = ERASURE_REASON_WORDS[why];
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the list shows, in words: how many, and for which search. */
export function listedText(records: readonly IdentifierRecord[], query: IdentifierQuery, limit: number): string {
  const nhs = query.nhsNumber.trim();
  const text = query.text.trim();
  if (nhs === '' && text === '') {
    if (records.length === 0) return 'No record on this PC has an NHS number or a note.';
    const more = records.length >= limit ? ` Only the newest ${limit} are listed: find by NHS number or note to reach older ones.` : '';
    return `${plural(records.length, 'record')} with an NHS number or a note, newest first, erased ones included.${more}`;
  }
  const checked = nhs === '' ? null : checkNhsNumber(nhs);
  const number = checked?.valid ? checked.formatted : nhs;
  const which = [nhs === '' ? null : `NHS number ${number}`, text === '' ? null : `a note containing “${text}”`].filter((part) => part !== null).join(' and ');
  const held = records.filter((record) => record.state !== 'erased').length;
  const erased = records.length - held;
  if (records.length === 0) return `No record on this PC still holds ${which}.`;
  const still = held === 0 ? `No record on this PC still holds ${which}` : `${plural(held, 'record')} on this PC still ${held === 1 ? 'holds' : 'hold'} ${which}`;
  return erased === 0 ? `${still}.` : `${still}; ${plural(erased, 'record')} erased just now.`;
}

/** What the announcement says once identifiers are erased. */
export function erasedText(outcome: ErasureOutcome): string {
  const parts: string[] = [];
  if (outcome.erased > 0) {
    parts.push(
      `Erased the NHS number and note of ${plural(outcome.erased, 'record')}: on this PC now, and on the practice’s other PCs as soon as each is connected.`,
    );
  }
  if (outcome.already > 0) parts.push(`${plural(outcome.already, 'record')} had been erased already.`);
  if (outcome.legacy > 0) {
    parts.push(
      `${outcome.legacy === 1 ? 'One of them was' : `${outcome.legacy} of them were`} recorded before ContactCap sealed notes: ${outcome.legacy === 1 ? 'it no longer shows' : 'they no longer show'} anywhere in ContactCap or its exports, but ${outcome.legacy === 1 ? 'its note stays' : 'their notes stay'} in the practice’s record log.`,
    );
  }
  return parts.join(' ') || 'Nothing was erased.';
}
