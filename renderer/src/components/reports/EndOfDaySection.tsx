import { useEffect, useState, type SyntheticEvent } from 'react';
import { isClockTime } from '../../../../shared/practiceDay.ts';
import type { EndOfDayStatus } from '../../../../shared/reports.ts';
import { formatLongDate, formatShortDate, formatWhen, plural } from '../../format.ts';
import { useAnnounce } from '../common/announce.ts';
import { useReportsStore } from '../../stores/reportsStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { ErrorMessage } from '../common/fields.tsx';
import { describedField, Unsaved, useOneAtATime } from '../settings/sectionSave.tsx';

const ERROR_ID = 'end-of-day-error';

interface Draft {
  enabled?: boolean;
  time?: string;
  folder?: string;
}


function StatusFacts({ status }: { status: EndOfDayStatus }) {
  const waiting = status.waiting;
  return (
    <dl className="report-facts end-of-day-status">
      <div>
        <dt>Last written</dt>
        <dd>
          {status.lastExportedDay === null ? (
            'Nothing yet'
          ) : (
            <>
              {formatLongDate(status.lastExportedDay)}
              {status.lastSuccessAt && <span className="who-detail">written {formatWhen(status.lastSuccessAt)}</span>}
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Waiting to be written</dt>
        <dd>
          {waiting.length === 0 ? 'None' : plural(waiting.length, 'day')}
          {waiting.length > 0 && (
            <span className="who-detail">
              {waiting.slice(0, 3).map(formatShortDate).join(', ')}
              {waiting.length > 3 ? ' …' : ''}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>Last problem</dt>
        <dd>
          {status.lastError === null ? (
            'None'
          ) : (
            <span className="end-of-day-problem">
              <strong className="field-warning">{formatShortDate(status.lastError.day)}’s files, {formatWhen(status.lastError.at)}:</strong> {status.lastError.message}
            </span>
          )}
        </dd>
      </div>
      {status.note !== null && (
        <div>
          <dt>Note</dt>
          <dd>{status.note}</dd>
        </div>
      )}
    </dl>
  );
}

/** This PC's own end-of-day export: on or off, when, where, and how it last went. */
export function EndOfDaySection() {
  const status = useReportsStore((state) => state.endOfDay);
  const loadEndOfDay = useReportsStore((state) => state.loadEndOfDay);
  const configureEndOfDay = useReportsStore((state) => state.configureEndOfDay);
  const runEndOfDay = useReportsStore((state) => state.runEndOfDay);
  const announce = useAnnounce();
  const [draft, setDraft] = useState<Draft>({});
  const [error, setError] = useState<FormError | null>(null);
  const saving = useOneAtATime();
  const writing = useOneAtATime();

  useEffect(() => {
    void loadEndOfDay();
  }, [loadEndOfDay]);

  if (!status) {
    return (
      <section className="panel" aria-labelledby="end-of-day-heading">
        <h2 id="end-of-day-heading">End-of-day export on this PC</h2>
        <p className="muted">Loading…</p>
      </section>
    );
  }

  const enabled = draft.enabled ?? status.enabled;
  const time = draft.time ?? status.time;
  const folder = draft.folder ?? status.folder;
  const dirty = enabled !== status.enabled || time !== status.time || folder !== status.folder;

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    if (!isClockTime(time)) {
      setError({ message: 'Enter the time as hours and minutes, for example 18:30.', field: 'time' });
      return;
    }
    if (enabled && folder.trim() === '') {
      setError({ message: 'Enter the folder the daily files go to, for example \\\\server\\share\\ContactCap.', field: 'folder' });
      return;
    }
    const result = await saving.run(() => configureEndOfDay({ enabled, time, ...(folder.trim() === '' ? {} : { folder }) }));
    if (!result) return;
    const failure = errorOf(result);
    setError(failure);
    if (failure) return;
    setDraft({});
    announce(enabled ? `End-of-day export is on: every day at ${time}, to ${folder}.` : 'End-of-day export is off on this PC.');
  }

  async function writeNow() {
    if (!status?.enabled) {
      announce('The end-of-day export is off on this PC: turn it on and save first.');
      return;
    }
    const before = status.waiting.length;
    const result = await writing.run(() => runEndOfDay());
    if (!result) return;
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    const written = before - result.value.waiting.length;
    if (result.value.lastError && result.value.waiting.length > 0) announce(`Not all written: ${result.value.lastError.message}`, 'error');
    else if (written > 0) announce(`Wrote the files for ${plural(written, 'day')}.`);
    else announce('Nothing was waiting: every day due is already written.');
  }

  return (
    <section className="panel" aria-labelledby="end-of-day-heading">
      <h2 id="end-of-day-heading">End-of-day export on this PC</h2>
      <p className="muted">
        Each day at the time you set, this PC writes that day’s workbook and CSV files to a folder of their own (named by the date) inside the folder you choose, which
        can be a network share. A day it misses (the PC was off) is written the next time it can. If a day changes after its files were written, a revised set is
        written beside them (“revision 2”): the highest revision is the final word. Turned on after today’s time, it starts tomorrow.
      </p>
      <form noValidate onSubmit={(event) => void save(event)}>
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />
          Write the day’s files automatically
        </label>
        <div className="end-of-day-fields">
          <div className="field">
            <label htmlFor="end-of-day-time">Time</label>
            <input
              id="end-of-day-time"
              type="time"
              className="input-time"
              value={time}
              onChange={(event) => setDraft({ ...draft, time: event.target.value.slice(0, 5) })}
              {...describedField(error, 'time', ERROR_ID, 'end-of-day-time-note')}
            />
            <span id="end-of-day-time-note" className="field-note">
              After the last session.
            </span>
          </div>
          <div className="field end-of-day-folder">
            <label htmlFor="end-of-day-folder">Folder (full path)</label>
            <input
              id="end-of-day-folder"
              value={folder}
              spellCheck={false}
              onChange={(event) => setDraft({ ...draft, folder: event.target.value })}
              {...describedField(error, 'folder', ERROR_ID, 'end-of-day-folder-note')}
            />
            <span id="end-of-day-folder-note" className="field-note">
              For example \\server\share\ContactCap or C:\ContactCap exports. The files hold no patient identifiers.
            </span>
          </div>
        </div>
        <ErrorMessage error={error} id={ERROR_ID} />
        <div className="actions">
          <Unsaved dirty={dirty} />
          <button type="submit" className="primary" aria-disabled={saving.busy || undefined}>
            Save
          </button>
        </div>
      </form>
      <h3 className="end-of-day-status-heading">How it is going</h3>
      <p className="end-of-day-state">
        <strong>{status.enabled ? `On: every day at ${status.time}` : 'Off'}</strong>
        {status.enabled && status.folder && <span className="who-detail end-of-day-path">{status.folder}</span>}
      </p>
      <StatusFacts status={status} />
      <div className="actions actions-start">
        <button type="button" onClick={() => void writeNow()} aria-disabled={writing.busy || !status.enabled || undefined} aria-describedby="write-now-note">
          Write now
        </button>
        <span id="write-now-note" className="field-note">
          {status.enabled ? 'Writes any days that are due now.' : 'Turn the export on and save first.'}
        </span>
      </div>
    </section>
  );
}
