import { useState, type KeyboardEvent } from 'react';
import { ROLE_LABELS, type BoardRow, type ContactType } from '../../../../shared/domain.ts';
import { useAnnounceStore } from '../../stores/announceStore.ts';
import { useDeskStore } from '../../stores/deskStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { instantAt, practiceDayOf } from '../../../../shared/practiceDay.ts';
import { ErrorMessage, invalidIf, KeyCap } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';
import { isTyping, plainKey } from './shortcuts.ts';
import { TypePicker, typeForKey } from './TypePicker.tsx';
import { describeUsage } from './usageText.ts';

/**
 * The second keystroke: Enter records the contact for the chosen clinician with
 * the usual type; a letter changes the type first. S and L send the patient
 * elsewhere instead.
 */
export function RecordPanel({
  row,
  types,
  defaultTypeId,
  onClose,
  onFull,
  onService,
  onLater,
}: {
  row: BoardRow;
  types: ContactType[];
  defaultTypeId: string;
  onClose: () => void;
  onFull: (typeId: string) => void;
  onService: () => void;
  onLater: () => void;
}) {
  const [typeId, setTypeId] = useState(defaultTypeId);
  const [time, setTime] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const recordContact = useDeskStore((state) => state.recordContact);
  const announce = useAnnounceStore((state) => state.announce);
  const type = types.find((candidate) => candidate.id === typeId);

  async function record() {
    if (busy) return;
    setBusy(true);
    let occurredAt: string | undefined;
    if (time !== '') {
      const at = instantAt(practiceDayOf(Date.now()), time);
      if (at === null) {
        setBusy(false);
        setError({ message: 'That time does not exist today: the clocks changed. Enter another time.', field: 'occurredAt' });
        return;
      }
      occurredAt = new Date(at).toISOString();
    }
    const label = `${type?.name ?? 'Contact'} for ${row.name}${time === '' ? '' : ` at ${time}`}`;
    const result = await recordContact({ clinicianId: row.clinicianId, typeId, ...(occurredAt === undefined ? {} : { occurredAt }) }, label);
    setBusy(false);
    if (result.ok) {
      announce(`Recorded: ${label}.`);
      onClose();
    } else if (result.error.code === 'at_capacity') {
      onFull(typeId);
    } else {
      setError(errorOf(result));
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      void record();
      return;
    }
    const key = isTyping(event.target) ? null : plainKey(event);
    if (key === null) return;
    if (key === 'S') onService();
    else if (key === 'L') onLater();
    else {
      const picked = typeForKey(types, key);
      if (!picked) return;
      setTypeId(picked.id);
    }
    event.preventDefault();
  }

  return (
    <Modal title={`Record a contact for ${row.name}`} onClose={onClose} onKeyDown={onKeyDown} describedBy="record-usage" wide>
      <p id="record-usage" className="dialog-lead">
        {ROLE_LABELS[row.role]} · {describeUsage(row)}
      </p>
      <TypePicker types={types} value={typeId} onChange={setTypeId} />
      <label className="field narrow record-time">
        Time (leave empty for now; earlier today is allowed)
        <input type="time" value={time} onChange={(event) => setTime(event.target.value)} {...invalidIf(error, 'occurredAt', 'record-error')} />
      </label>
      <ErrorMessage error={error} id="record-error" />
      <div className="actions">
        <button type="button" onClick={onService}>
          <KeyCap>S</KeyCap> Another service
        </button>
        <button type="button" onClick={onLater}>
          <KeyCap>L</KeyCap> Later or waiting list
        </button>
        <button type="button" onClick={onClose}>
          <KeyCap>Esc</KeyCap> Cancel
        </button>
        <button type="button" className="primary" data-autofocus onClick={() => void record()} disabled={busy}>
          <KeyCap>Enter</KeyCap> Record {type ? type.name.toLowerCase() : 'contact'}
        </button>
      </div>
    </Modal>
  );
}
