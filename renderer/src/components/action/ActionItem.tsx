import { useState, type SyntheticEvent } from 'react';
import type { CollectiveAction } from '../../../../shared/actions.ts';
import type { InputOf } from '../../../../shared/contract.ts';
import { useAnnounce } from '../common/announce.ts';
import { useReportsStore } from '../../stores/reportsStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { ErrorMessage, impossibleDateIn, invalidIf } from '../common/fields.tsx';
import { Unsaved, useOneAtATime } from '../settings/sectionSave.tsx';
import { standing, takenOn } from './actionDates.ts';

interface Draft {
  taking?: boolean;
  from?: string;
  until?: string;
  forPatients?: string;
}

/** One action in the register: whether the practice is taking it, from and until when, and what it means for patients. */
export function ActionItem({ action, today }: { action: CollectiveAction; today: string }) {
  const updateAction = useReportsStore((state) => state.updateAction);
  const announce = useAnnounce();
  const [draft, setDraft] = useState<Draft>({});
  const [error, setError] = useState<FormError | null>(null);
  const { busy, run } = useOneAtATime();
  const errorId = `action-error-${action.id}`;
  const taking = draft.taking ?? action.taking;
  const from = draft.from ?? action.from ?? '';
  const until = draft.until ?? action.until ?? '';
  const forPatients = draft.forPatients ?? action.forPatients;
  const dirty = taking !== action.taking || from !== (action.from ?? '') || until !== (action.until ?? '') || forPatients !== action.forPatients;
  const now = takenOn(action, today);

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    const impossible = impossibleDateIn(event.currentTarget);
    if (impossible) {
      setError({ ...impossible, message: `${action.title}: ${impossible.message}` });
      return;
    }
    if (!dirty) {
      setError(null);
      announce(`Nothing to save for “${action.title}”.`);
      return;
    }
    const patch: InputOf<'action.update'> = { actionId: action.id };
    if (taking !== action.taking) patch.taking = taking;
    if (from !== (action.from ?? '')) patch.from = from === '' ? null : from;
    if (until !== (action.until ?? '')) patch.until = until === '' ? null : until;
    if (forPatients !== action.forPatients) patch.forPatients = forPatients;
    const result = await run(() => updateAction(patch));
    if (!result) return;
    if (!result.ok) {
      const failure = errorOf(result);
      setError(failure && { ...failure, message: `${action.title}: ${failure.message}` });
      return;
    }
    setError(null);
    setDraft({});
    announce(`Saved “${action.title}”: ${standing(result.value, today).toLowerCase()}.`);
  }

  return (
    <li className={`action-item${now ? ' action-now' : ''}`}>
      <form noValidate onSubmit={(event) => void save(event)} aria-labelledby={`action-title-${action.id}`}>
        <div className="action-head">
          <h3 id={`action-title-${action.id}`}>{action.title}</h3>
          <span className={`tag${now ? ' tag-now' : ''}`}>{standing(action, today)}</span>
        </div>
        <div className="action-controls">
          <label className="check-inline action-taking">
            <input
              type="checkbox"
              checked={taking}
              aria-label={`We are taking this action: ${action.title}`}
              onChange={(event) => {
                const checked = event.target.checked;
                // Taking an action needs a start date: today, unless one is already set.
                setDraft({ ...draft, taking: checked, ...(checked && from === '' ? { from: today } : {}) });
              }}
              {...invalidIf(error, 'taking', errorId)}
            />
            <span aria-hidden="true">We are taking this action</span>
          </label>
          <label className="rota-date">
            From
            <input type="date" name="from" value={from} aria-label={`From: ${action.title}`} onChange={(event) => setDraft({ ...draft, from: event.target.value })} {...invalidIf(error, 'from', errorId)} />
          </label>
          <label className="rota-date">
            Until
            <input type="date" name="until" value={until} aria-label={`Until: ${action.title}`} onChange={(event) => setDraft({ ...draft, until: event.target.value })} {...invalidIf(error, 'until', errorId)} />
          </label>
        </div>
        <div className="action-text-row">
          <label className="field action-text">
            <span aria-hidden="true">For patients, in plain words</span>
            <textarea
              rows={2}
              maxLength={600}
              value={forPatients}
              aria-label={`For patients, in plain words: ${action.title}`}
              onChange={(event) => setDraft({ ...draft, forPatients: event.target.value })}
              {...invalidIf(error, 'forPatients', errorId)}
            />
          </label>
          <span className="action-save">
            <Unsaved dirty={dirty} />
            <button type="submit" className={dirty ? 'primary' : 'quiet'} aria-label={`Save: ${action.title}`} aria-disabled={busy || undefined}>
              Save
            </button>
          </span>
        </div>
        <ErrorMessage error={error} id={errorId} />
      </form>
    </li>
  );
}
