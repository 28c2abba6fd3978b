import { useRef, useState } from 'react';
import { MAX_DAILY_CAP, type Clinician } from '../../../../shared/domain.ts';
import type { DayOverride, SessionPair } from '../../../../shared/rota.ts';
import { useAnnounce } from '../common/announce.ts';
import { useRotaStore } from '../../stores/rotaStore.ts';
import { parseWhole } from '../settings/sectionSave.tsx';
import { choiceOf, overrideOf, sessionsText, type DayChoice } from './dayChoice.ts';

/** What the date's change amounts to, in words: "absent", "afternoon only · duty · cap 20". */
function changeText(choice: DayChoice): string {
  const parts = [choice.absent ? 'absent' : sessionsText(choice)];
  if (choice.duty) parts.push('duty');
  if (choice.cap !== null) parts.push(`cap ${choice.cap}`);
  return parts.join(' · ');
}

/**
 * One clinician on one date. Every change saves at once, as the whole change for
 * that date. Until the core has it and the rota has been read back, the row shows
 * what was asked for, so a second quick tick builds on the first rather than on
 * the old rota.
 */
export function DayRow({
  clinician,
  day,
  dayLabel,
  usual,
  usualCap,
  stored,
  ready,
}: {
  clinician: Clinician;
  day: string;
  dayLabel: string;
  usual: SessionPair;
  usualCap: string;
  stored: DayOverride | null;
  ready: boolean;
}) {
  const setDay = useRotaStore((state) => state.setDay);
  const refresh = useRotaStore((state) => state.refresh);
  const announce = useAnnounce();
  const [pending, setPending] = useState<{ override: DayOverride | null } | null>(null);
  const [capDraft, setCapDraft] = useState<string | null>(null);
  const [capInvalid, setCapInvalid] = useState(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const absentBox = useRef<HTMLInputElement>(null);
  const name = clinician.name;
  const current = pending ? pending.override : stored;
  const choice = choiceOf(usual, current);
  const changed = current !== null;

  function save(next: DayChoice, message: string, done?: (ok: boolean) => void) {
    const mark = { override: overrideOf(usual, next) };
    setPending(mark);
    queue.current = queue.current
      .then(async () => {
        const result = await setDay(clinician.id, day, mark.override);
        if (result.ok) {
          await refresh();
          announce(message);
        } else announce(result.error.message, 'error');
        done?.(result.ok);
      })
      .catch(() => announce(`The rota for ${name} could not be saved. Try again.`, 'error'))
      .finally(() => setPending((latest) => (latest === mark ? null : latest)));
  }

  function commitCap() {
    if (capDraft === null) return;
    const cap = parseWhole(capDraft);
    if (cap !== null && Number.isNaN(cap)) {
      setCapInvalid(true);
      announce('Enter the cap for the day as a whole number, for example 20.', 'error');
      return;
    }
    if (cap === choice.cap) {
      setCapDraft(null);
      setCapInvalid(false);
      return;
    }
    const typed = capDraft;
    save({ ...choice, cap }, cap === null ? `${name}: the usual cap on ${dayLabel}.` : `${name}: cap of ${cap} on ${dayLabel}.`, (ok) => {
      setCapInvalid(!ok);
      if (ok) setCapDraft((latest) => (latest === typed ? null : latest));
    });
  }

  const sessionBox = (session: 'am' | 'pm', label: string, words: string) => (
    <td className="rota-check">
      <label>
        <input
          type="checkbox"
          aria-label={`${label} for ${name}`}
          checked={!choice.absent && choice[session]}
          disabled={!ready || choice.absent}
          onChange={(event) => {
            const on = event.target.checked;
            save({ ...choice, [session]: on }, `${name} ${on ? 'works' : 'does not work'} the ${words} on ${dayLabel}.`);
          }}
        />
      </label>
    </td>
  );

  return (
    <tr className={changed ? 'rota-changed' : undefined}>
      <th scope="row" className="rota-who">
        <span className="rota-name">{name}</span>
        {choice.duty && <span className="badge-duty">Duty</span>}
        <span className="who-detail">
          Usual: {sessionsText(usual)} · {usualCap}
        </span>
        {changed && <span className="rota-change-note">This date: {changeText(choice)}</span>}
      </th>
      {sessionBox('am', 'Morning', 'morning')}
      {sessionBox('pm', 'Afternoon', 'afternoon')}
      <td className="rota-check">
        <label>
          <input
            ref={absentBox}
            type="checkbox"
            aria-label={`Absent: ${name}`}
            checked={choice.absent}
            disabled={!ready}
            onChange={(event) => {
              const absent = event.target.checked;
              save({ ...choice, absent }, absent ? `${name} is absent on ${dayLabel}.` : `${name} is no longer absent on ${dayLabel}.`);
            }}
          />
        </label>
      </td>
      <td className="rota-check">
        <label>
          <input
            type="checkbox"
            aria-label={`Duty: ${name}`}
            checked={choice.duty}
            disabled={!ready}
            onChange={(event) => {
              const duty = event.target.checked;
              save({ ...choice, duty }, duty ? `${name} is on duty on ${dayLabel}.` : `${name} is not on duty on ${dayLabel}.`);
            }}
          />
        </label>
      </td>
      <td className="rota-cap">
        <input
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_DAILY_CAP}
          step={1}
          placeholder="usual"
          aria-label={`Cap for the day for ${name}`}
          aria-invalid={capInvalid || undefined}
          disabled={!ready}
          value={capDraft ?? (choice.cap === null ? '' : String(choice.cap))}
          onChange={(event) => {
            setCapDraft(event.target.value);
            setCapInvalid(false);
          }}
          onBlur={commitCap}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commitCap();
            }
            if (event.key === 'Escape' && capDraft !== null) {
              event.preventDefault();
              setCapDraft(null);
              setCapInvalid(false);
            }
          }}
        />
      </td>
      <td className="rota-reset">
        {changed && (
          <button
            type="button"
            className="quiet"
            aria-label={`Back to usual: ${name}`}
            disabled={!ready}
            onClick={() => {
              setCapDraft(null);
              setCapInvalid(false);
              absentBox.current?.focus();
              save(choiceOf(usual, null), `${name} is back to the usual rota on ${dayLabel}.`);
            }}
          >
            Back to usual
          </button>
        )}
      </td>
    </tr>
  );
}
