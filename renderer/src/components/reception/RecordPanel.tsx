import { ROLE_LABELS, type BoardRow, type ContactType } from '../../../../shared/domain.ts';
import { useDeskFlow, type Step } from '../../stores/deskFlow.ts';
import { ErrorMessage, invalidIf, KeyCap } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';
import { QuietWarning, useQuietWarning } from './QuietWarning.tsx';
import { TypePicker } from './TypePicker.tsx';
import { describeUsage } from './usageText.ts';

/**
 * The second keystroke: Enter records the contact for the clinician named in
 * the title, with the type shown; a letter changes the type first; S and L send
 * the patient elsewhere instead. The keys are read by the desk (deskFlow.ts), in
 * the order they were typed.
 */
export function RecordPanel({ step, row, insteadOf, types }: { step: Extract<Step, { kind: 'record' }>; row: BoardRow; insteadOf: BoardRow | null; types: ContactType[] }) {
  const { update, recordStep, open, close } = useDeskFlow.getState();
  const type = types.find((candidate) => candidate.id === step.typeId);
  const { error } = step;
  const quiet = useQuietWarning(row);

  return (
    <Modal title={`Record a contact for ${row.name}`} onClose={close} describedBy={quiet === null ? 'record-usage' : 'record-usage record-quiet'} wide desk="keys">
      <p id="record-usage" className="dialog-lead">
        {ROLE_LABELS[row.role]} · {describeUsage(row)}
        {insteadOf && <span className="instead-of"> · instead of {insteadOf.name}, who is full</span>}
      </p>
      <QuietWarning text={quiet} id="record-quiet" />
      <TypePicker types={types} value={step.typeId} onChange={(typeId) => update({ typeId, error: null })} />
      <label className="field narrow record-time">
        Time (leave empty for now; earlier today is allowed)
        <input type="time" value={step.time} onChange={(event) => update({ time: event.target.value, error: null })} {...invalidIf(error, 'occurredAt', 'record-error')} />
      </label>
      <ErrorMessage error={error} id="record-error" />
      <div className="actions">
        <button type="button" onClick={() => open({ kind: 'redirect', clinicianId: row.clinicianId, reason: 'more_appropriate_service' })}>
          <KeyCap>S</KeyCap> Another service
        </button>
        <button type="button" onClick={() => open({ kind: 'defer', clinicianId: row.clinicianId })}>
          <KeyCap>L</KeyCap> Later or waiting list
        </button>
        <button type="button" onClick={close}>
          <KeyCap>Esc</KeyCap> Cancel
        </button>
        <button type="button" className="primary" data-autofocus data-desk-record onClick={recordStep}>
          <KeyCap>Enter</KeyCap> Record {type ? type.name.toLowerCase() : 'contact'} for {row.name}
        </button>
      </div>
    </Modal>
  );
}
