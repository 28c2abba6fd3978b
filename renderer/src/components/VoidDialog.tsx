import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { Contact } from '../../../shared/domain.ts';
import { MODE_LABELS } from '../../../shared/domain.ts';
import { formatTime } from '../format.ts';
import { useAnnounceStore } from '../stores/announceStore.ts';
import { useTodayStore } from '../stores/todayStore.ts';

/** Asks for the reason a contact is being voided. The contact stays in the history. */
export function VoidDialog({ contact, clinicianName, onClose }: { contact: Contact; clinicianName: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const voidContact = useTodayStore((state) => state.voidContact);
  const announce = useAnnounceStore((state) => state.announce);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const result = await voidContact(contact.id, reason);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    announce(`Voided the ${formatTime(contact.occurredAt)} contact for ${clinicianName}.`);
    onClose();
  }

  return (
    <dialog ref={dialog} aria-labelledby="void-title" onClose={onClose} className="dialog">
      <form onSubmit={(event) => void submit(event)}>
        <h2 id="void-title">Void this contact?</h2>
        <p>
          {formatTime(contact.occurredAt)} · {clinicianName} · {MODE_LABELS[contact.mode]}
        </p>
        <p className="muted">It will stop counting toward the cap. It stays in the history with your reason.</p>
        <label className="field">
          Reason
          <input
            autoFocus
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'void-error' : undefined}
            placeholder="For example: recorded against the wrong clinician"
          />
        </label>
        {error && (
          <p id="void-error" role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" className="danger">
            Void contact
          </button>
        </div>
      </form>
    </dialog>
  );
}
