import { useState, type KeyboardEvent } from 'react';
import { ROLE_LABELS, type BoardRow, type ContactType } from '../../../../shared/domain.ts';
import { alternativesFor } from '../../../../shared/routing.ts';
import { useAnnounceStore } from '../../stores/announceStore.ts';
import { useDeskStore } from '../../stores/deskStore.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { ErrorMessage, KeyCap } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';
import { plainKey } from './shortcuts.ts';
import { typeForKey } from './TypePicker.tsx';
import { describeUsage } from './usageText.ts';

const MAX_ALTERNATIVES = 9;

/**
 * At capacity — never a dead end (DOMAIN.md §4). In this order: another
 * clinician with room (one key each), another service, later in the practice,
 * and, always, an urgent contact over the cap.
 */
export function RoutingDialog({
  row,
  rows,
  types,
  typeId,
  onClose,
  onService,
  onLater,
  onUrgent,
}: {
  row: BoardRow;
  rows: BoardRow[];
  types: ContactType[];
  typeId: string;
  onClose: () => void;
  onService: () => void;
  onLater: () => void;
  onUrgent: (typeId: string) => void;
}) {
  const [chosenType, setChosenType] = useState(typeId);
  const [error, setError] = useState<FormError | null>(null);
  const recordContact = useDeskStore((state) => state.recordContact);
  const announce = useAnnounceStore((state) => state.announce);
  const script = useSettingsStore((state) => state.settings?.receptionScript ?? '');
  const alternatives = alternativesFor(rows, row.clinicianId).slice(0, MAX_ALTERNATIVES);
  const type = types.find((candidate) => candidate.id === chosenType);

  async function recordFor(other: BoardRow) {
    const label = `${type?.name ?? 'Contact'} for ${other.name} (instead of ${row.name})`;
    const result = await recordContact({ clinicianId: other.clinicianId, typeId: chosenType }, label);
    if (result.ok) {
      announce(`Recorded: ${label}.`);
      onClose();
    } else setError(errorOf(result));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    const key = plainKey(event);
    if (key === null) return;
    const index = '123456789'.indexOf(key);
    if (index >= 0) {
      const other = alternatives[index];
      if (other) void recordFor(other);
    } else if (key === 'S') onService();
    else if (key === 'L') onLater();
    else if (key === 'U') onUrgent(chosenType);
    else {
      const picked = typeForKey(types, key);
      if (!picked) return;
      setChosenType(picked.id);
    }
    event.preventDefault();
  }

  const title = row.working ? `${row.name} is full` : `${row.name} is not on the rota today`;
  return (
    <Modal title={title} onClose={onClose} onKeyDown={onKeyDown} describedBy="routing-usage" wide>
      <p id="routing-usage" className="dialog-lead">
        {describeUsage(row)}. Choose where this patient goes. Nothing has been recorded yet.
      </p>
      <p className="muted">
        Type of contact: <strong>{type?.name}</strong> (a letter changes it)
      </p>
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
            <p className="muted">Nobody working today has room.</p>
          ) : (
            <ul className="choice-list">
              {alternatives.map((other, index) => (
                <li key={other.clinicianId}>
                  <button type="button" className="choice" onClick={() => void recordFor(other)} data-autofocus={index === 0 ? '' : undefined}>
                    <KeyCap>{String(index + 1)}</KeyCap>
                    <span className="choice-name">{other.name}</span>
                    <span className="choice-detail">
                      {ROLE_LABELS[other.role]} · {other.capped ? `${other.remaining} left` : 'no cap'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>
          <h3>Another service</h3>
          <button type="button" className="choice" onClick={onService}>
            <KeyCap>S</KeyCap>
            <span className="choice-name">Redirect to another service</span>
            <span className="choice-detail">Pharmacy First, urgent treatment centre, hub, self-care…</span>
          </button>
        </li>
        <li>
          <h3>Later, within the practice</h3>
          <button type="button" className="choice" onClick={onLater}>
            <KeyCap>L</KeyCap>
            <span className="choice-name">Book a later date or add to the waiting list</span>
            <span className="choice-detail">Recorded as deferred, not diverted</span>
          </button>
        </li>
        <li>
          <h3>Urgent: see today anyway</h3>
          <button type="button" className="choice choice-urgent" onClick={() => onUrgent(chosenType)} data-autofocus={alternatives.length === 0 ? '' : undefined}>
            <KeyCap>U</KeyCap>
            <span className="choice-name">Urgent contact with {row.name}, over the cap</span>
            <span className="choice-detail">Always possible · asks for a short reason</span>
          </button>
        </li>
      </ol>
      <ErrorMessage error={error} id="routing-error" />
      <div className="actions">
        <button type="button" onClick={onClose}>
          <KeyCap>Esc</KeyCap> Cancel, record nothing
        </button>
      </div>
    </Modal>
  );
}
