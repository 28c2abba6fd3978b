import { useEffect, useMemo, useState } from 'react';
import { resolveCap } from '../../../../shared/capacity.ts';
import type { Clinician } from '../../../../shared/domain.ts';
import { addPracticeDays, isPracticeDay } from '../../../../shared/practiceDay.ts';
import { DEFAULT_PATTERN, WEEKDAY_LABELS, weekdayOf } from '../../../../shared/rota.ts';
import { formatLongDate, formatShortDate } from '../../format.ts';
import { useToday } from '../../stores/deskStore.ts';
import { useRotaStore } from '../../stores/rotaStore.ts';
import { useRoleDefaults } from '../roster/clinicianText.ts';
import { DayRow } from './DayRow.tsx';

/** One date at a time: who works which sessions, who is absent or on duty, and any different cap. */
export function DayByDay({ clinicians }: { clinicians: Clinician[] }) {
  // Follows the desk's board, so "Today" stays right on a screen left open overnight.
  const today = useToday();
  const [day, setShownDay] = useState(today);
  const [loadedDay, setLoadedDay] = useState<string | null>(null);
  const show = useRotaStore((state) => state.show);
  const rota = useRotaStore((state) => state.rota);
  const defaults = useRoleDefaults();

  useEffect(() => {
    let current = true;
    void show(day, day).then(() => {
      if (current) setLoadedDay(day);
    });
    return () => {
      current = false;
    };
  }, [day, show]);

  const ready = loadedDay === day && rota !== null;
  const overrides = useMemo(() => new Map((rota?.days ?? []).filter((entry) => entry.day === day).map((entry) => [entry.clinicianId, entry.override])), [rota, day]);
  const weekday = weekdayOf(day);
  const longDate = formatLongDate(day);

  return (
    <section className="panel rota-day" aria-labelledby="day-heading">
      <div className="rota-toolbar">
        <h2 id="day-heading">Day by day</h2>
        <label className="rota-date">
          Date
          <input
            type="date"
            value={day}
            onChange={(event) => {
              if (isPracticeDay(event.target.value)) setShownDay(event.target.value);
            }}
          />
        </label>
        <div className="rota-nav" role="group" aria-label="Move between dates">
          <button type="button" onClick={() => setShownDay(addPracticeDays(day, -1))}>
            <span aria-hidden="true">‹ </span>Previous day
          </button>
          <button type="button" onClick={() => setShownDay(addPracticeDays(day, 1))}>
            Next day<span aria-hidden="true"> ›</span>
          </button>
          <button type="button" onClick={() => setShownDay(today)}>
            Today
          </button>
        </div>
        <p className="rota-showing" aria-live="polite">
          <strong>{longDate}</strong>
          {day === today ? ' (today)' : day < today ? ' (past)' : ''}
        </p>
      </div>
      {clinicians.length === 0 ? (
        <p className="empty">No clinicians on the board yet. Add them on the Clinicians screen first.</p>
      ) : (
        <table className="rota-table" aria-busy={!ready}>
          <caption className="visually-hidden">Rota for {longDate}: each clinician’s sessions, absence, duty and cap</caption>
          <thead>
            <tr>
              <th scope="col">Clinician (usual {WEEKDAY_LABELS[weekday]})</th>
              <th scope="col" className="rota-check">
                Morning
              </th>
              <th scope="col" className="rota-check">
                Afternoon
              </th>
              <th scope="col" className="rota-check">
                Absent
              </th>
              <th scope="col" className="rota-check">
                Duty
              </th>
              <th scope="col" className="rota-cap">
                Cap for the day
              </th>
              <th scope="col" className="rota-reset">
                <span className="visually-hidden">Undo the date’s changes</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {clinicians.map((clinician) => {
              const pattern = rota?.patterns[clinician.id] ?? DEFAULT_PATTERN;
              const cap = resolveCap(clinician, defaults);
              return (
                <DayRow
                  key={`${clinician.id}:${day}`}
                  clinician={clinician}
                  day={day}
                  dayLabel={formatShortDate(day)}
                  usual={pattern[weekday]}
                  usualCap={cap.capped ? `cap ${cap.daily}` : 'not capped'}
                  stored={overrides.get(clinician.id) ?? null}
                  ready={ready && day >= today}
                />
              );
            })}
          </tbody>
        </table>
      )}
      <p className="hint">
        {day < today
          ? 'This day has passed: it is shown as it was, and cannot be changed (reports show each day as it was).'
          : 'Each change is saved straight away and shows on the reception board. A blank cap means the usual one. Set the usual sessions in the weekly pattern below.'}
      </p>
    </section>
  );
}
