import { useState, type ReactNode } from 'react';
import type { Envelope } from '../../../../../shared/result.ts';
import { errorOf, type FormError } from '../../../stores/result.ts';
import { ErrorMessage } from '../../common/fields.tsx';
import { Modal } from '../../common/Modal.tsx';
import { useOneAtATime } from '../sectionSave.tsx';

/**
 * Asks before a change to this PC's place in the network. The safe answer has
 * the focus, so a stray Enter changes nothing; the core's refusal is shown here.
 */
export function ConfirmDialog({
  title,
  children,
  keepLabel,
  doLabel,
  onConfirm,
  onDone,
  onClose,
}: {
  title: string;
  children: ReactNode;
  keepLabel: string;
  doLabel: string;
  onConfirm: () => Promise<Envelope<unknown>>;
  onDone: () => void;
  onClose: () => void;
}) {
  const [error, setError] = useState<FormError | null>(null);
  const { busy, run } = useOneAtATime();

  async function confirm() {
    const result = await run(onConfirm);
    if (!result) return;
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    onClose();
    onDone();
  }

  return (
    <Modal title={title} onClose={onClose} describedBy="confirm-what">
      <div id="confirm-what">{children}</div>
      <ErrorMessage error={error} id="confirm-error" />
      <div className="actions">
        <button type="button" className="primary" data-autofocus onClick={onClose}>
          {keepLabel}
        </button>
        <button type="button" className="danger" aria-disabled={busy || undefined} onClick={() => void confirm()}>
          {doLabel}
        </button>
      </div>
    </Modal>
  );
}
