import { spokenKey } from '../../../../shared/deskKeys.ts';
import { ROLE_LABELS, type BoardRow, type ContactType } from '../../../../shared/domain.ts';
import { alternativesFor } from '../../../../shared/routing.ts';
import { useDeskFlow, type Step } from '../../stores/deskFlow.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { KeyCap } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';
import { urgentBecause } from '../../format.ts';
import { QuietWarning, useQuietWarning } from './QuietWarning.tsx';
import { describeUsage } from './usageText.ts';

const MAX_ALTERNATIVES = 9;

/** "absent today · …" → "Absent today · …": the step's first sentence. */
const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const TITLES: Record<BoardRow['status'], (name: string) => string> = {
  working: (name) => `${name} is full`,
  finished: (name) => `${name} has finished for today`,
  absent: (name) => `${name} is absent today`,
  not_working: (name) => `${name} is not on the rota today`,
};

/**
 * At capacity — never a dead end (DOMAIN.md §4). Another clinician with room,
 * chosen with their own key from the board; another service; later in the
 * practice; and always an urgent contact. Nothing here has the focus or records
 * on Enter: a "key, Enter" habit leaves the step open and records nothing.
 */
export function RoutingDialog({ step, row, rows, types }: { step: Extract<Step, { kind: 'routing' }>; row: BoardRow; rows: BoardRow[]; types: ContactType[] }) {
  const { open, close, choose, update } = useDeskFlow.getState();
  const script = useSettingsStore((state) => state.settings?.receptionScript ?? '');
  const alternatives = alternativesFor(rows, row.clinicianId).slice(0, MAX_ALTERNATIVES);
  const type = types.find((candidate) => candidate.id === step.typeId);
  const countedTypes = types.filter((candidate) => candidate.counts);
  const quiet = useQuietWarning(row);

  return (
    <Modal title={TITLES[row.status](row.name)} onClose={close} describedBy={quiet === null ? 'routing-usage' : 'routing-usage routing-quiet'} wide desk="keys" focusDialog>
      <p id="routing-usage" className="dialog-lead">
        {sentenceCase(describeUsage(row))}. Choose where this patient goes. <strong>Nothing has been recorded yet.</strong>
      </p>
      <QuietWarning text={quiet} id="routing-quiet" />
      <p className="routing-notice" role="status">
        {step.notice}
      </p>
      <label className="field narrow routing-type">
        Type of contact
        <select value={step.typeId} onChange={(event) => update({ typeId: event.target.value })}>
          {countedTypes.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
          {type && !type.counts && <option value={type.id}>{type.name}</option>}
        </select>
      </label>
      {script && (
        <details className="routing-script">
          <summary>What to say</summary>
          <p>{script}</p>
        </details>
      )}
      <ol className="routing">
        <li className="routing-clinicians">
          <h3>Another clinician with room</h3>
          {alternatives.length === 0 ? (
            <p className="muted">Nobody working now has room.</p>
          ) : (
            <ul className="choice-list">
              {alternatives.map((other) => (
                <li key={other.clinicianId}>
                  <button
                    type="button"
                    className="choice"
                    aria-keyshortcuts={other.key ? spokenKey(other.key) : undefined}
                    onClick={() => choose({ ...other })}
                  >
                    {other.key ? <KeyCap>{other.key}</KeyCap> : <span className="keycap keycap-none">—</span>}
                    <span className="choice-name">{other.name}</span>
                    <span className="choice-detail">
                      {ROLE_LABELS[other.role]} · {other.capped ? `${other.remaining} left` : 'no cap'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">Press their key from the board, then Enter to record.</p>
        </li>
        <li>
          <h3>Another service</h3>
          <button type="button" className="choice" onClick={() => open({ kind: 'redirect', clinicianId: row.clinicianId, reason: 'clinician_at_capacity' })}>
            <KeyCap>S</KeyCap>
            <span className="choice-name">Redirect to another service</span>
            <span className="choice-detail">Pharmacy First, urgent treatment centre, hub, self-care…</span>
          </button>
        </li>
        <li>
          <h3>Later, within the practice</h3>
          <button type="button" className="choice" onClick={() => open({ kind: 'defer', clinicianId: row.clinicianId })}>
            <KeyCap>L</KeyCap>
            <span className="choice-name">Book a later date or add to the waiting list</span>
            <span className="choice-detail">Recorded as deferred, not diverted</span>
          </button>
        </li>
        <li>
          <h3>Urgent: see today anyway</h3>
          <button
            type="button"
            className="choice choice-urgent"
            onClick={() => open({ kind: 'urgent', clinicianId: row.clinicianId, typeId: step.typeId, reason: '', error: null })}
          >
            <KeyCap>U</KeyCap>
            <span className="choice-name">
              Urgent contact with {row.name}, {urgentBecause(row)}
            </span>
            <span className="choice-detail">Always possible · asks for a short reason</span>
          </button>
        </li>
      </ol>
      {row.status === 'finished' && (
        <p className="muted">
          Seen during their session and only being entered now?{' '}
          <button type="button" className="link" onClick={() => open({ kind: 'record', clinicianId: row.clinicianId, typeId: step.typeId, time: '', insteadOf: null, error: null })}>
            Enter the time it happened
          </button>
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={close}>
          <KeyCap>Esc</KeyCap> Cancel, record nothing
        </button>
      </div>
    </Modal>
  );
}
