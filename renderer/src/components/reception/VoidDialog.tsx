import { useState, type SyntheticEvent } from 'react';
import { useDeskStore, type EntryKind } from '../../stores/deskStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { ErrorMessage, invalidIf } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';

const WHAT: Record<EntryKind, string> = { contact: 'contact', redirection: 'redirection', deferral: 'deferral' };

/**
 * Asks why an entry is being voided. It stays in the history, marked, and stops counting.
 * What was voided is said once, on the desk's own line above the board (onVoided), not in the app's bar.
 */
export function VoidDialog({
  kind,
  id,
  summary,
  onClose,
  onVoided,
}: {
  kind: EntryKind;
  id: string;
  summary: string;
  onClose: () => void;
  onVoided: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const voidEntry = useDeskStore((state) => state.voidEntry);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const result = await voidEntry(kind, id, reason);
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    onVoided();
    onClose();
  }

  return (
    <Modal title={`Void this ${WHAT[kind]}?`} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <p className="dialog-lead">{summary}</p>
        <p className="muted">{kind === 'contact' ? 'It will stop counting toward the cap. ' : ''}It stays in the history with your reason.</p>
        <label className="field">
          Reason
          <input
            data-autofocus
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder="For example: recorded against the wrong clinician"
            {...invalidIf(error, 'reason', 'void-error')}
          />
        </label>
        <ErrorMessage error={error} id="void-error" />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" className="danger">
            Void {WHAT[kind]}
          </button>
        </div>
      </form>
    </Modal>
  );
}
