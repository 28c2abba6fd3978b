import { useState } from 'react';
import { isPracticeDay } from '../../../../shared/practiceDay.ts';
import type { DateRange } from '../../stores/reportsStore.ts';
import { notRealDate } from '../common/fields.tsx';
import { useToday } from '../../stores/deskStore.ts';
import { QUICK_DAYS, QUICK_RANGE_LABELS, QUICK_RANGES, quickRange, quickRangeOf } from './dates.ts';

/**
 * This week, last week, this month, last month (with `days`, today and
 * yesterday first), or any two dates. A range takes effect as soon as both
 * dates are whole and in order.
 */
export function RangePicker({ value, onChange, idPrefix, days = false }: { value: DateRange; onChange: (range: DateRange) => void; idPrefix: string; days?: boolean }) {
  const today = useToday();
  const offered = days ? [...QUICK_DAYS, ...QUICK_RANGES] : QUICK_RANGES;
  const chosen = quickRangeOf(value, today, offered);
  return (
    <div className="range-picker">
      <div className="range-quick" role="group" aria-label="Quick choices">
        {offered.map((which) => (
          <button key={which} type="button" aria-pressed={chosen === which} onClick={() => onChange(quickRange(which, today))}>
            {QUICK_RANGE_LABELS[which]}
          </button>
        ))}
      </div>
      <RangeDates value={value} onChange={onChange} idPrefix={idPrefix} />
    </div>
  );
}

function RangeDates({ value, onChange, idPrefix }: { value: DateRange; onChange: (range: DateRange) => void; idPrefix: string }) {
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  // A range chosen elsewhere (a quick choice) shows in the boxes; one typed here stays as typed.
  const [shown, setShown] = useState(value);
  const [notReal, setNotReal] = useState<{ box: 'from' | 'to'; message: string } | null>(null);
  if (shown.from !== value.from || shown.to !== value.to) {
    setShown(value);
    setFrom(value.from);
    setTo(value.to);
    setNotReal(null);
  }
  const problemId = `${idPrefix}-range-problem`;
  const backwards = isPracticeDay(from) && isPracticeDay(to) && to < from;
  const problem = notReal?.message ?? (backwards ? 'The end date is before the start date.' : null);

  /** A box holding no real date (30/02/2026) says so; the range stays as it was. */
  function typed(which: 'from' | 'to', box: HTMLInputElement) {
    setNotReal(box.validity.badInput ? { box: which, message: notRealDate(box) } : null);
    if (which === 'from') change(box.value, to);
    else change(from, box.value);
  }

  function change(nextFrom: string, nextTo: string) {
    setFrom(nextFrom);
    setTo(nextTo);
    if (isPracticeDay(nextFrom) && isPracticeDay(nextTo) && nextFrom <= nextTo) {
      const next = { from: nextFrom, to: nextTo };
      setShown(next);
      onChange(next);
    }
  }

  return (
    <fieldset className="range-dates">
      <legend className="visually-hidden">Or choose the dates</legend>
      <label className="rota-date">
        From
        <input
          type="date"
          value={from}
          onChange={(event) => typed('from', event.target)}
          aria-invalid={notReal?.box === 'from' || undefined}
          aria-describedby={problem ? problemId : undefined}
        />
      </label>
      <label className="rota-date">
        To
        <input
          type="date"
          value={to}
          onChange={(event) => typed('to', event.target)}
          aria-invalid={backwards || notReal?.box === 'to' || undefined}
          aria-describedby={problem ? problemId : undefined}
        />
      </label>
      {problem && (
        <p id={problemId} role="alert" className="field-error range-problem">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
