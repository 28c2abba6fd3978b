import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { addPracticeDays, isPracticeDay } from '../../../../shared/practiceDay.ts';
import { GPAS_LABELS, GPAS_STATUSES, type GpasReport, type GpasStatus } from '../../../../shared/reports.ts';
import { formatLongDate } from '../../format.ts';
import { useAnnounce } from '../common/announce.ts';
import { useReportsStore } from '../../stores/reportsStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { useUiStore } from '../../stores/uiStore.ts';
import { invalidIf } from '../common/fields.tsx';
import { SaveFooter, useOneAtATime } from '../settings/sectionSave.tsx';
import { useToday } from '../../stores/deskStore.ts';
import { PracticeNameMissing } from '../setup/PracticeNameMissing.tsx';
import { mondayOf } from './dates.ts';
import { decimalText, GPAS_SO_FAR, gpasContactsLabel, wholeText } from './reportText.ts';

const ERROR_ID = 'gpas-error';

/** The return as the LMC's weekly form asks for it, ready to paste. */
function returnText(practiceName: string, gpas: GpasReport, status: GpasStatus | null, note: string): string {
  const soFar = gpas.soFar ? ` ${GPAS_SO_FAR}` : '';
  return [
    practiceName === '' ? 'GPAS weekly return' : `GPAS weekly return: ${practiceName}`,
    formatLongDate(gpas.monday),
    `Total patient contacts (all clinicians): ${wholeText(gpas.totalContacts)}${soFar}`,
    `List size: ${gpas.listSize === null ? 'not given' : wholeText(gpas.listSize)}`,
    `Contacts per 1,000 patients: ${gpas.per1000 === null ? 'not worked out (no list size)' : `${decimalText(gpas.per1000)}${soFar}`}`,
    `Our assessment: ${status === null ? 'not chosen yet' : GPAS_LABELS[status]}`,
    ...(note.trim() === '' ? [] : [`Comment: ${note.trim()}`]),
  ].join('\n');
}

function GpasForm({ gpas }: { gpas: GpasReport }) {
  const practiceName = useSettingsStore((state) => state.settings?.practiceName ?? '');
  const assessGpas = useReportsStore((state) => state.assessGpas);
  const announce = useAnnounce();
  const go = useUiStore((state) => state.go);
  // Unchanged fields follow what is saved, so a save from another PC shows here too.
  const [draft, setDraft] = useState<{ status?: GpasStatus; note?: string }>({});
  const status = draft.status ?? gpas.assessment?.status ?? null;
  const note = draft.note ?? gpas.assessment?.note ?? '';
  const [error, setError] = useState<FormError | null>(null);
  const { busy, run } = useOneAtATime();
  const copyBox = useRef<HTMLTextAreaElement>(null);
  const dirty = status !== (gpas.assessment?.status ?? null) || note !== (gpas.assessment?.note ?? '');
  const text = returnText(practiceName, gpas, status, note);
  const monday = formatLongDate(gpas.monday);

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    if (status === null) {
      setError({ message: 'Choose Green, Amber, Red or Black.', field: 'status' });
      return;
    }
    const result = await run(() => assessGpas({ monday: gpas.monday, status, note }));
    if (!result) return;
    const failure = errorOf(result);
    setError(failure);
    if (!failure) setDraft({});
    if (!failure) announce(`Saved the GPAS assessment for ${monday}: ${GPAS_LABELS[status]}.`);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      announce('Copied. Paste it into the LMC’s weekly return.');
    } catch {
      copyBox.current?.focus();
      copyBox.current?.select();
      announce('The text is selected: press Ctrl+C to copy it.');
    }
  }

  return (
    <div className="gpas-layout">
      <section className="panel" aria-labelledby="gpas-figures-heading">
        <h2 id="gpas-figures-heading">{monday}</h2>
        <dl className="report-figures gpas-figures">
          <div>
            <dt>{gpasContactsLabel(gpas)}</dt>
            <dd>{wholeText(gpas.totalContacts)}</dd>
          </div>
          <div>
            <dt>List size</dt>
            <dd>{gpas.listSize === null ? <span className="report-figure-note">Not set</span> : wholeText(gpas.listSize)}</dd>
          </div>
          <div>
            <dt>{gpas.soFar ? 'Contacts per 1,000 patients so far' : 'Contacts per 1,000 patients'}</dt>
            <dd>{gpas.per1000 === null ? '—' : decimalText(gpas.per1000)}</dd>
          </div>
        </dl>
        {gpas.listSize === null && (
          <p className="banner banner-warning inline">
            The list size is not set, so contacts per 1,000 patients cannot be worked out. Set it on the Settings screen, under Practice.{' '}
            <button type="button" className="quiet" onClick={() => go('settings')}>
              Open Settings
            </button>
          </p>
        )}
        <form noValidate onSubmit={(event) => void save(event)}>
          <fieldset className="inline-fieldset gpas-choice" {...invalidIf(error, 'status', ERROR_ID)}>
            <legend>Our assessment for the week</legend>
            <div className="gpas-options">
              {GPAS_STATUSES.map((choice) => (
                <label key={choice} className={`gpas-option gpas-${choice}`}>
                  <input type="radio" name="gpas-status" checked={status === choice} onChange={() => setDraft({ ...draft, status: choice })} />
                  <span className="gpas-swatch" aria-hidden="true" />
                  {GPAS_LABELS[choice]}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="field">
            Comment (optional)
            <textarea rows={3} maxLength={500} value={note} onChange={(event) => setDraft({ ...draft, note: event.target.value })} {...invalidIf(error, 'note', ERROR_ID)} />
          </label>
          <SaveFooter error={error} errorId={ERROR_ID} dirty={dirty} busy={busy} label="Save assessment" part={`the GPAS assessment for ${monday}`} />
        </form>
      </section>
      <section className="panel" aria-labelledby="gpas-copy-heading">
        <h2 id="gpas-copy-heading">Ready to copy into the LMC’s return</h2>
        {practiceName === '' && <PracticeNameMissing what="the return" />}
        <textarea ref={copyBox} className="gpas-text" readOnly rows={8} value={text} aria-labelledby="gpas-copy-heading" />
        <div className="actions actions-start">
          <button type="button" className="primary" onClick={() => void copy()}>
            Copy
          </button>
          {dirty && <span className="field-note">This shows your choice; save it too, so the practice has a record.</span>}
        </div>
      </section>
    </div>
  );
}

/** The LMC's weekly General Practice Alert State return, for a Monday. */
export function GpasView() {
  const today = useToday();
  const latest = mondayOf(today);
  const shown = useReportsStore((state) => state.monday) ?? latest;
  const gpas = useReportsStore((state) => state.gpas);
  const error = useReportsStore((state) => state.gpasError);
  const showGpas = useReportsStore((state) => state.showGpas);
  const leaveFor = useUiStore((state) => state.leaveFor);

  /** Another Monday: an assessment not saved yet for this one asks first, as leaving the screen does. */
  function open(monday: string) {
    if (monday === shown) void showGpas(monday);
    else leaveFor(formatLongDate(monday), () => void showGpas(monday));
  }

  useEffect(() => {
    void showGpas(useReportsStore.getState().monday ?? latest);
  }, [showGpas, latest]);

  const ready = gpas?.monday === shown;

  return (
    <div className="report-view">
      <div className="report-toolbar">
        <label className="rota-date">
          Monday
          <input
            type="date"
            step={7}
            value={shown}
            aria-describedby="gpas-monday-note"
            onChange={(event) => {
              if (isPracticeDay(event.target.value)) open(mondayOf(event.target.value));
            }}
          />
        </label>
        <div className="rota-nav" role="group" aria-label="Move between Mondays">
          <button type="button" onClick={() => open(addPracticeDays(shown, -7))}>
            <span aria-hidden="true">‹ </span>Previous Monday
          </button>
          <button type="button" onClick={() => open(addPracticeDays(shown, 7))}>
            Next Monday<span aria-hidden="true"> ›</span>
          </button>
          <button type="button" aria-pressed={shown === latest} onClick={() => open(latest)}>
            Most recent Monday
          </button>
        </div>
        <p id="gpas-monday-note" className="field-note">
          Any date picks the Monday of its week.
        </p>
      </div>
      {error && (
        <p role="alert" className="banner banner-error inline">
          {error}
        </p>
      )}
      {!ready && !error && <p className="muted">Loading the return for {formatLongDate(shown)}…</p>}
      {ready && <GpasForm key={gpas.monday} gpas={gpas} />}
    </div>
  );
}
