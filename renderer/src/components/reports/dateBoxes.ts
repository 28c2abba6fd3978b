import { isPracticeDay } from '../../../../shared/practiceDay.ts';
import { formatLongDate } from '../../format.ts';
import type { DateRange } from '../../stores/reportsStore.ts';
import { notRealDateText } from '../common/fields.tsx';

/**
 * What a date box holds, read from the box itself: its value (YYYY-MM-DD, or
 * '' when it holds no whole date) and whether the browser says what is typed
 * is no date at all (30/02/2026, or a part still missing).
 */
export interface BoxReading {
  text: string;
  notReal: boolean;
}

export function readingOf(day: string): BoxReading {
  return { text: day, notReal: false };
}

/** A date box as the page finds it now (by its id); null when it is not on the page. */
export function readBoxById(id: string): BoxReading | null {
  const box = document.getElementById(id);
  return box instanceof HTMLInputElement ? { text: box.value, notReal: box.validity.badInput } : null;
}

/**
 * What is wrong with one date box, for the practice manager: which box (by its
 * label, or "That" for a box that is alone) and why; null when it holds a real date.
 */
export function boxProblem(label: string | null, box: BoxReading): string | null {
  const named = label === null ? null : `“${label}”`;
  if (box.notReal) return notRealDateText(label);
  if (box.text === '') return `${named ?? 'The date box'} is empty: type a date.`;
  if (isPracticeDay(box.text)) return null;
  const longYear = /^(\d{5,})-/.exec(box.text);
  if (longYear) return `${named ?? 'That date'} has a year of more than four digits (${longYear[1] ?? ''}): check the year.`;
  return notRealDateText(label);
}

export interface RangeProblem {
  /** The box to put right: where the focus goes. */
  box: 'from' | 'to';
  message: string;
}

/** What is wrong with a pair of From and To boxes, the first box first; null when they hold a range in order. */
export function rangeProblem(from: BoxReading, to: BoxReading): RangeProblem | null {
  const fromProblem = boxProblem('From', from);
  if (fromProblem) return { box: 'from', message: fromProblem };
  const toProblem = boxProblem('To', to);
  if (toProblem) return { box: 'to', message: toProblem };
  if (to.text < from.text) {
    return { box: 'to', message: `“To” (${formatLongDate(to.text)}) is before “From” (${formatLongDate(from.text)}): make “To” the same day or later.` };
  }
  return null;
}

/** The range two boxes hold, once rangeProblem finds nothing wrong with them. */
export function rangeOf(from: BoxReading, to: BoxReading): DateRange {
  return { from: from.text, to: to.text };
}
