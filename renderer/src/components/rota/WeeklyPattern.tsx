import type { Clinician } from '../../../../shared/domain.ts';
import { DEFAULT_PATTERN, WEEKDAY_LABELS, WEEKDAYS } from '../../../../shared/rota.ts';
import { useRotaStore } from '../../stores/rotaStore.ts';
import { PatternRow } from './PatternRow.tsx';

/** The sessions each clinician usually works, Monday to Sunday. */
export function WeeklyPattern({ clinicians }: { clinicians: Clinician[] }) {
  const patterns = useRotaStore((state) => state.rota?.patterns ?? null);

  return (
    <section className="panel rota-pattern" aria-labelledby="pattern-heading">
      <h2 id="pattern-heading">Weekly pattern</h2>
      <p className="muted">
        The sessions each clinician usually works: AM is the morning, PM the afternoon. Tick the sessions, then Save. Someone without a saved pattern works Monday
        to Friday, both sessions.
      </p>
      {clinicians.length === 0 ? (
        <p className="empty">No clinicians on the board yet.</p>
      ) : (
        <table className="pattern-table" aria-busy={patterns === null}>
          <caption className="visually-hidden">Weekly pattern: the morning and afternoon sessions each clinician usually works</caption>
          <thead>
            <tr>
              <th scope="col">Clinician</th>
              {WEEKDAYS.map((day) => (
                <th key={day} scope="col" className="pattern-cell">
                  {WEEKDAY_LABELS[day]}
                </th>
              ))}
              <th scope="col" className="pattern-actions">
                <span className="visually-hidden">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {clinicians.map((clinician) => {
              const saved = patterns?.[clinician.id];
              return <PatternRow key={clinician.id} clinician={clinician} saved={saved ?? DEFAULT_PATTERN} hasSaved={saved !== undefined} ready={patterns !== null} />;
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
