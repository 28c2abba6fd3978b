import { useRef, useState } from 'react';
import type { Clinician, Session } from '../../../../shared/domain.ts';
import { WEEKDAY_LABELS, WEEKDAYS, type WeekPattern, type Weekday } from '../../../../shared/rota.ts';
import { plural } from '../../format.ts';
import { useAnnounce } from '../common/announce.ts';
import { useRotaStore } from '../../stores/rotaStore.ts';
import { samePattern, sessionsPerWeek } from './dayChoice.ts';

const SESSION_WORDS: Record<Session, { word: string; short: string }> = { am: { word: 'morning', short: 'AM' }, pm: { word: 'afternoon', short: 'PM' } };

/** One clinician's usual week. Ticks stay here until Save, so a half-made pattern never reaches the board. */
export function PatternRow({ clinician, saved, hasSaved, ready }: { clinician: Clinician; saved: WeekPattern; hasSaved: boolean; ready: boolean }) {
  const setPattern = useRotaStore((state) => state.setPattern);
  const refresh = useRotaStore((state) => state.refresh);
  const announce = useAnnounce();
  const [draft, setDraft] = useState<WeekPattern | null>(null);
  const [saving, setSaving] = useState(false);
  const saveButton = useRef<HTMLButtonElement>(null);
  const shown = draft ?? saved;
  const dirty = draft !== null && !samePattern(draft, saved);
  const name = clinician.name;

  function toggle(day: Weekday, session: Session, on: boolean) {
    setDraft({ ...shown, [day]: { ...shown[day], [session]: on } });
  }

  async function save() {
    if (saving) return;
    setSaving(true);
    const pattern = shown;
    const result = await setPattern(clinician.id, pattern);
    if (result.ok) {
      await refresh();
      setDraft(null);
      announce(`Saved the weekly pattern for ${name}: ${plural(sessionsPerWeek(pattern), 'session')} a week.`);
    } else announce(result.error.message, 'error');
    setSaving(false);
  }

  return (
    <tr className={dirty ? 'pattern-dirty' : undefined}>
      <th scope="row" className="rota-who">
        <span className="rota-name">{name}</span>
        <span className={dirty ? 'pattern-state pattern-unsaved' : 'who-detail'}>
          {dirty ? 'Not saved yet' : `${plural(sessionsPerWeek(saved), 'session')} a week${hasSaved ? '' : ' (default)'}`}
        </span>
      </th>
      {WEEKDAYS.map((day) => (
        <td key={day} className="pattern-cell">
          {(['am', 'pm'] as const).map((session) => (
            <label key={session}>
              <input
                type="checkbox"
                aria-label={`${WEEKDAY_LABELS[day]} ${SESSION_WORDS[session].word} for ${name}`}
                checked={shown[day][session]}
                disabled={!ready}
                onChange={(event) => toggle(day, session, event.target.checked)}
              />
              <span aria-hidden="true">{SESSION_WORDS[session].short}</span>
            </label>
          ))}
        </td>
      ))}
      <td className="pattern-actions">
        <button ref={saveButton} type="button" className={dirty ? 'primary' : 'quiet'} aria-label={`Save pattern for ${name}`} disabled={!ready} onClick={() => void save()}>
          Save
        </button>
        {dirty && (
          <button type="button" className="quiet" aria-label={`Undo changes to the pattern for ${name}`}
            onClick={() => {
              setDraft(null);
              saveButton.current?.focus();
            }}
          >
            Undo
          </button>
        )}
      </td>
    </tr>
  );
}
