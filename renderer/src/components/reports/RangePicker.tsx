import { useState } from 'react';
import type { DateRange } from '../../stores/reportsStore.ts';
import { useToday } from '../../stores/deskStore.ts';
import { rangeOf, rangeProblem, readBoxById, readingOf, type BoxReading, type RangeProblem } from './dateBoxes.ts';
import { QUICK_DAYS, QUICK_RANGE_LABELS, QUICK_RANGES, quickRange, quickRangeOf } from './dates.ts';

/** The range the boxes hold at the moment of an action, or what is wrong with them. */
export type CheckedRange = { ok: true; range: DateRange } | { ok: false; message: string };

export interface RangeBoxes {
  /** The last range the boxes held whole and in order: what the screen shows. */
  value: DateRange;
  from: BoxReading;
  to: BoxReading;
  problem: RangeProblem | null;
  /** The boxes' ids, and their message's. */
  ids: { from: string; to: string; problem: string };
  /** A box was typed in: the range takes effect as soon as both dates are whole and in order. */
  typed: () => void;
  /** A quick choice: both boxes show it, whatever they held. */
  choose: (range: DateRange) => void;
  /**
   * Before anything uses the range (Export, Print): the boxes read again. While
   * one holds no real date or they are out of order, says so, puts the focus
   * in the box to put right, and gives no range, so nothing runs.
   */
  check: () => CheckedRange;
}

/**
 * The From and To boxes' state for a screen: the range in effect, what each box
 * holds (kept as typed, so a date can be typed a part at a time), and what is
 * wrong with them. A range chosen elsewhere shows in both boxes.
 */
export function useRangeBoxes(value: DateRange, onChange: (range: DateRange) => void, idPrefix: string): RangeBoxes {
  const ids = { from: `${idPrefix}-from`, to: `${idPrefix}-to`, problem: `${idPrefix}-range-problem` };
  const [boxes, setBoxes] = useState({ shown: value, from: readingOf(value.from), to: readingOf(value.to) });
  if (boxes.shown.from !== value.from || boxes.shown.to !== value.to) setBoxes({ shown: value, from: readingOf(value.from), to: readingOf(value.to) });
  const problem = rangeProblem(boxes.from, boxes.to);

  function read() {
    const from = readBoxById(ids.from) ?? boxes.from;
    const to = readBoxById(ids.to) ?? boxes.to;
    return { from, to, problem: rangeProblem(from, to) };
  }

  function typed() {
    const now = read();
    if (now.problem) {
      setBoxes({ ...boxes, from: now.from, to: now.to });
      return;
    }
    const next = rangeOf(now.from, now.to);
    setBoxes({ shown: next, from: now.from, to: now.to });
    onChange(next);
  }

  function choose(range: DateRange) {
    setBoxes({ shown: range, from: readingOf(range.from), to: readingOf(range.to) });
    onChange(range);
  }

  function check(): CheckedRange {
    const now = read();
    setBoxes({ ...boxes, from: now.from, to: now.to });
    if (!now.problem) return { ok: true, range: rangeOf(now.from, now.to) };
    document.getElementById(ids[now.problem.box])?.focus();
    return { ok: false, message: now.problem.message };
  }

  return { value, from: boxes.from, to: boxes.to, problem, ids, typed, choose, check };
}

/** For a button that only needs to know whether it may run (Print): what is wrong with the dates now, said and focused, or null. */
export function datesProblem(dates: RangeBoxes): string | null {
  const checked = dates.check();
  return checked.ok ? null : checked.message;
}

/**
 * This week, last week, this month, last month (with `days`, today and
 * yesterday first), or any two dates. While the boxes hold no range, no quick
 * choice shows as chosen and the problem is said under them, with `stillShowing`
 * after it when the screen goes on showing the range before.
 */
export function RangePicker({ dates, days = false, stillShowing }: { dates: RangeBoxes; days?: boolean; stillShowing?: string }) {
  const today = useToday();
  const offered = days ? [...QUICK_DAYS, ...QUICK_RANGES] : QUICK_RANGES;
  const chosen = dates.problem ? null : quickRangeOf(dates.value, today, offered);
  return (
    <div className="range-picker">
      <div className="range-quick" role="group" aria-label="Quick choices">
        {offered.map((which) => (
          <button key={which} type="button" aria-pressed={chosen === which} onClick={() => dates.choose(quickRange(which, today))}>
            {QUICK_RANGE_LABELS[which]}
          </button>
        ))}
      </div>
      <RangeDates dates={dates} stillShowing={stillShowing} />
    </div>
  );
}

function RangeDates({ dates, stillShowing }: { dates: RangeBoxes; stillShowing: string | undefined }) {
  const { problem, ids } = dates;
  const problemId = ids.problem;
  const describedBy = problem ? problemId : undefined;
  return (
    <fieldset className="range-dates">
      <legend className="visually-hidden">Or choose the dates</legend>
      <label className="rota-date">
        From
        <input id={ids.from} type="date" value={dates.from.text} onChange={dates.typed} aria-invalid={problem?.box === 'from' || undefined} aria-describedby={describedBy} />
      </label>
      <label className="rota-date">
        To
        <input id={ids.to} type="date" value={dates.to.text} onChange={dates.typed} aria-invalid={problem?.box === 'to' || undefined} aria-describedby={describedBy} />
      </label>
      {problem && (
        <p id={problemId} role="alert" className="field-error range-problem">
          {stillShowing ? `${problem.message} ${stillShowing}` : problem.message}
        </p>
      )}
    </fieldset>
  );
}
