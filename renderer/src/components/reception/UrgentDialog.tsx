import type { SyntheticEvent } from 'react';
import type { BoardRow, ContactType } from '../../../../shared/domain.ts';
import { useDeskFlow, type Step } from '../../stores/deskFlow.ts';
import { urgentBecause } from '../../format.ts';
import { ErrorMessage, invalidIf } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';

const QUICK_REASONS = ['Clinically urgent: needs seeing today', 'Duty doctor asked to see', 'Safeguarding concern', 'Palliative care patient'];

/** One step, one short reason: the urgent contact is never refused (DOMAIN.md §4). */
export function UrgentDialog({ step, row, type }: { step: Extract<Step, { kind: 'urgent' }>; row: BoardRow; type: ContactType | undefined }) {
  const { update, recordUrgent, close } = useDeskFlow.getState();
  const over = urgentBecause(row);

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    recordUrgent();
  }

  return (
    <Modal title={`Urgent contact with ${row.name}`} onClose={close} desk="keys">
      <form onSubmit={submit}>
        <p className="dialog-lead">
          {type ? `A ${type.name.toLowerCase()} contact` : 'It'} counts for {row.name} and is marked urgent ({over}).
        </p>
        <label className="field">
          Short reason
          <input
            data-autofocus
            value={step.reason}
            onChange={(event) => update({ reason: event.target.value, error: null })}
            {...invalidIf(step.error, 'overCapReason', 'urgent-error')}
          />
        </label>
        <div className="chips" role="group" aria-label="Common reasons">
          {QUICK_REASONS.map((text) => (
            <button type="button" key={text} className="chip" onClick={() => update({ reason: text, error: null })}>
              {text}
            </button>
          ))}
        </div>
        <ErrorMessage error={step.error} id="urgent-error" />
        <div className="actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="danger" data-desk-record>
            Record urgent contact
          </button>
        </div>
      </form>
    </Modal>
  );
}
