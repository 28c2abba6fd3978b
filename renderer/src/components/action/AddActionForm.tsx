import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useAnnounce } from '../common/announce.ts';
import { useReportsStore } from '../../stores/reportsStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { ErrorMessage, impossibleDateIn, invalidIf } from '../common/fields.tsx';
import { useOneAtATime } from '../settings/sectionSave.tsx';

const ERROR_ID = 'add-action-error';

/** The BMA adds actions as the dispute goes on; the practice adds them here. */
export function AddActionForm({ today, onDone }: { today: string; onDone: () => void }) {
  const createAction = useReportsStore((state) => state.createAction);
  const announce = useAnnounce();
  const [title, setTitle] = useState('');
  const [forPatients, setForPatients] = useState('');
  const [taking, setTaking] = useState(false);
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const { busy, run } = useOneAtATime();
  const titleBox = useRef<HTMLInputElement>(null);

  // Opened from the register's "Add an action" button: start in the title.
  useEffect(() => {
    titleBox.current?.focus();
  }, []);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const impossible = impossibleDateIn(event.currentTarget);
    if (impossible) {
      setError(impossible);
      return;
    }
    const result = await run(() =>
      createAction({
        title,
        ...(forPatients.trim() === '' ? {} : { forPatients }),
        taking,
        ...(from === '' ? {} : { from }),
        ...(until === '' ? {} : { until }),
      }),
    );
    if (!result) return;
    const failure = errorOf(result);
    setError(failure);
    if (failure) return;
    announce(`Added “${title.trim()}” to the register.`);
    setTitle('');
    setForPatients('');
    setTaking(false);
    setFrom('');
    setUntil('');
    onDone();
  }

  return (
    <section className="add-action" aria-labelledby="add-action-heading">
      <h3 id="add-action-heading">Add an action</h3>
      <p className="muted">When the BMA adds an action, or the practice decides on one of its own.</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <label className="field">
          Title
          <input ref={titleBox} value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} {...invalidIf(error, 'title', ERROR_ID)} />
        </label>
        <label className="field">
          For patients, in plain words (optional)
          <textarea rows={2} maxLength={600} value={forPatients} onChange={(event) => setForPatients(event.target.value)} {...invalidIf(error, 'forPatients', ERROR_ID)} />
        </label>
        <div className="action-controls">
          <label className="check-inline action-taking">
            <input
              type="checkbox"
              checked={taking}
              onChange={(event) => {
                setTaking(event.target.checked);
                if (event.target.checked && from === '') setFrom(today);
              }}
              {...invalidIf(error, 'taking', ERROR_ID)}
            />
            We are taking this action
          </label>
          <label className="rota-date">
            From
            <input type="date" name="from" value={from} onChange={(event) => setFrom(event.target.value)} {...invalidIf(error, 'from', ERROR_ID)} />
          </label>
          <label className="rota-date">
            Until
            <input type="date" name="until" value={until} onChange={(event) => setUntil(event.target.value)} {...invalidIf(error, 'until', ERROR_ID)} />
          </label>
        </div>
        <ErrorMessage error={error} id={ERROR_ID} />
        <div className="actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" aria-disabled={busy || undefined}>
            Add the action
          </button>
        </div>
      </form>
    </section>
  );
}
