import { ROLE_LABELS, type Clinician, type Session } from '../../../../shared/domain.ts';
import { WEEKDAY_LABELS, WEEKDAYS, type WeekPattern, type Weekday } from '../../../../shared/rota.ts';
import { useAnnounce } from '../common/announce.ts';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { capText, useRoleDefaults } from '../roster/clinicianText.ts';

/** "25 (role default)" → "cap 25 (role default)"; "Not capped" → "not capped". */
function capPhrase(text: string): string {
  return /^\d/.test(text) ? `cap ${text}` : text.charAt(0).toLowerCase() + text.slice(1);
}

const SESSIONS: { session: Session; word: string; short: string }[] = [
  { session: 'am', word: 'morning', short: 'AM' },
  { session: 'pm', word: 'afternoon', short: 'PM' },
];

/**
 * Who is on the board so far, each with their usual week to tick (AM and PM,
 * Monday to Sunday), and a way to take off someone added by mistake.
 */
export function SetupClinicianList({
  clinicians,
  weekOf,
  onToggle,
  ready,
}: {
  clinicians: Clinician[];
  weekOf: (clinician: Clinician) => WeekPattern;
  onToggle: (clinician: Clinician, day: Weekday, session: Session, on: boolean) => void;
  ready: boolean;
}) {
  const setActive = useRosterStore((state) => state.setActive);
  const announce = useAnnounce();
  const defaults = useRoleDefaults();

  async function takeOff(clinician: Clinician) {
    const result = await setActive(clinician.id, false);
    announce(result.ok ? `${clinician.name} is off the board.` : result.error.message, result.ok ? 'info' : 'error');
  }

  if (clinicians.length === 0) return <p className="empty setup-none">No clinicians yet. Add the first one above, or import a CSV file.</p>;
  return (
    <table className="setup-table setup-week" aria-busy={!ready}>
      <caption>
        On the board ({clinicians.length}) <span className="setup-caption-note">Tick the sessions each one usually works. One-off changes go on the Rota screen.</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Clinician</th>
          {WEEKDAYS.map((day) => (
            <th key={day} scope="col" className="setup-week-day">
              {WEEKDAY_LABELS[day]}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {clinicians.map((clinician) => {
          const week = weekOf(clinician);
          return (
            <tr key={clinician.id}>
              <th scope="row">
                {clinician.name}
                <span className="who-detail">
                  {ROLE_LABELS[clinician.role]} · {capPhrase(capText(clinician, defaults))}
                </span>
              </th>
              {WEEKDAYS.map((day) => (
                <td key={day} className="setup-week-day">
                  {SESSIONS.map(({ session, word, short }) => (
                    <label key={session} className="setup-session">
                      <input
                        type="checkbox"
                        aria-label={`${WEEKDAY_LABELS[day]} ${word} for ${clinician.name}`}
                        checked={week[day][session]}
                        disabled={!ready}
                        onChange={(event) => onToggle(clinician, day, session, event.target.checked)}
                      />
                      <span aria-hidden="true">{short}</span>
                    </label>
                  ))}
                </td>
              ))}
              <td className="setup-table-actions">
                <button type="button" className="quiet" aria-label={`Take off the board: ${clinician.name}`} onClick={() => void takeOff(clinician)}>
                  Take off
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
