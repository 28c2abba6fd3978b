import { useState, type SyntheticEvent } from 'react';
import type { BoardRow, ContactType } from '../../../../shared/domain.ts';
import { useAnnounceStore } from '../../stores/announceStore.ts';
import { useDeskStore } from '../../stores/deskStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { ErrorMessage, invalidIf } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';

const QUICK_REASONS = ['Clinically urgent: needs seeing today', 'Duty doctor asked to see', 'Safeguarding concern', 'Palliative care patient'];

/** One step, one short reason: the urgent over-cap contact is never refused (DOMAIN.md §4). */
export function UrgentDialog({ row, type, onClose }: { row: BoardRow; type: ContactType | undefined; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const recordContact = useDeskStore((state) => state.recordContact);
  const announce = useAnnounceStore((state) => state.announce);

  async function submit(event?: SyntheticEvent) {
    event?.preventDefault();
    const label = `urgent ${type?.name.toLowerCase() ?? 'contact'} for ${row.name}, over the cap`;
    const result = await recordContact({ clinicianId: row.clinicianId, ...(type ? { typeId: type.id } : {}), overCapReason: reason }, label);
    if (result.ok) {
      announce(`Recorded: ${label}.`);
      onClose();
    } else setError(errorOf(result));
  }

  return (
    <Modal title={`Urgent contact with ${row.name}`} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <p className="dialog-lead">It counts for {row.name} and is marked as urgent, over the cap.</p>
        <label className="field">
          Short reason
          <input data-autofocus value={reason} onChange={(event) => setReason(event.target.value)} {...invalidIf(error, 'overCapReason', 'urgent-error')} />
        </label>
        <div className="chips" role="group" aria-label="Common reasons">
          {QUICK_REASONS.map((text) => (
            <button type="button" key={text} className="chip" onClick={() => setReason(text)}>
              {text}
            </button>
          ))}
        </div>
        <ErrorMessage error={error} id="urgent-error" />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="danger">
            Record urgent contact
          </button>
        </div>
      </form>
    </Modal>
  );
}
