import { useState, type SyntheticEvent } from 'react';
import { DEFERRAL_KINDS, type DeferralKind } from '../../../../shared/domain.ts';
import { addPracticeDays, practiceDayOf } from '../../../../shared/practiceDay.ts';
import { formatLongDate } from '../../format.ts';
import { useDeskStore } from '../../stores/deskStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { impossibleDateIn, invalidIf } from '../common/fields.tsx';
import { RoutingFooter } from './RoutingFooter.tsx';
import { Modal } from '../common/Modal.tsx';

const KIND_LABELS: Record<DeferralKind, string> = { later_date: 'Booked for a later date', waiting_list: 'Added to the practice waiting list' };

/** Kept within the practice for later (not "call back tomorrow": the practice does the booking). */
export function DeferDialog({ clinician, onClose }: { clinician: { id: string; name: string } | null; onClose: () => void }) {
  const [tomorrow] = useState(() => addPracticeDays(practiceDayOf(Date.now()), 1));
  const [kind, setKind] = useState<DeferralKind>('later_date');
  const [untilDay, setUntilDay] = useState(tomorrow);
  const [told, setTold] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const record = useDeskStore((state) => state.record);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const impossible = impossibleDateIn(event.currentTarget);
    if (impossible) {
      setError(impossible);
      return;
    }
    const withWhom = clinician ? ` with ${clinician.name}` : '';
    const forWhom = clinician ? ` for ${clinician.name}` : '';
    const sentence =
      kind === 'later_date'
        ? { saving: `patient booked for ${formatLongDate(untilDay)}${withWhom}`, done: `Patient booked for ${formatLongDate(untilDay)}${withWhom}.` }
        : { saving: `patient added to the waiting list${forWhom}`, done: `Patient added to the practice waiting list${forWhom}.` };
    const result = await record(
      'deferral.record',
      {
        kind,
        patientTold: told as true,
        ...(kind === 'later_date' ? { untilDay } : {}),
        ...(clinician ? { clinicianId: clinician.id } : {}),
        ...(note.trim() === '' ? {} : { note }),
      },
      sentence,
    );
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    onClose();
  }

  return (
    <Modal title={clinician ? `Later, within the practice (instead of ${clinician.name} today)` : 'Later, within the practice'} onClose={onClose} desk="form">
      <form onSubmit={(event) => void submit(event)}>
        <fieldset className="inline-fieldset">
          <legend>What happens next</legend>
          {DEFERRAL_KINDS.map((value) => (
            <label key={value}>
              <input type="radio" name="defer-kind" data-autofocus={value === 'later_date' ? '' : undefined} checked={kind === value} onChange={() => setKind(value)} /> {KIND_LABELS[value]}
            </label>
          ))}
        </fieldset>
        {kind === 'later_date' && (
          <label className="field narrow">
            Date
            <input type="date" name="untilDay" min={tomorrow} value={untilDay} onChange={(event) => setUntilDay(event.target.value)} {...invalidIf(error, 'untilDay', 'defer-error')} />
          </label>
        )}
        <RoutingFooter
          note={note}
          onNote={setNote}
          told={told}
          onTold={setTold}
          error={error}
          errorId="defer-error"
          submitLabel={kind === 'later_date' ? 'Record the later date' : 'Record the waiting list'}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
