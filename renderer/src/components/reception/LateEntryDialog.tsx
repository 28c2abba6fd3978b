import { useState, type SyntheticEvent } from 'react';
import { REDIRECTION_REASON_LABELS, REDIRECTION_REASONS, type PharmacyFirstRoute, type RedirectionReason } from '../../../../shared/directory.ts';
import { DEFERRAL_KINDS, type DeferralKind } from '../../../../shared/domain.ts';
import { addPracticeDays, instantAt, practiceDayOf } from '../../../../shared/practiceDay.ts';
import { formatLongDate } from '../../format.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { useDeskStore } from '../../stores/deskStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { ErrorMessage, impossibleDateIn, invalidIf } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';

type What = 'contact' | 'redirection' | 'deferral';

const WHAT_LABELS: Record<What, string> = { contact: 'A contact with a clinician', redirection: 'A redirection to another service', deferral: 'A later date or the waiting list' };
const KIND_LABELS: Record<DeferralKind, string> = { later_date: 'Booked for a later date', waiting_list: 'Added to the waiting list' };

/**
 * A forgotten tally, put right as it would be on paper: a contact, redirection
 * or deferral for an earlier day, with a short reason. It counts on its own day,
 * in its place by the time it happened, and is marked as a late entry.
 */
export function LateEntryDialog({ onClose }: { onClose: () => void }) {
  const [today] = useState(() => practiceDayOf(Date.now()));
  const lateDays = useSettingsStore((state) => state.settings?.lateEntryDays ?? 0);
  const clinicians = useDeskStore((state) => state.board?.rows ?? []);
  const types = useCatalogueStore((state) => state.contactTypes).filter((type) => type.active);
  const services = useCatalogueStore((state) => state.directory).filter((entry) => entry.active);
  const record = useDeskStore((state) => state.record);
  const [what, setWhat] = useState<What>('contact');
  const [day, setDay] = useState(() => addPracticeDays(today, -1));
  const [time, setTime] = useState('');
  const [clinicianId, setClinicianId] = useState('');
  const [typeId, setTypeId] = useState(() => useDeskStore.getState().board?.defaultTypeId ?? '');
  const [destinationId, setDestinationId] = useState('');
  const [reason, setReason] = useState<RedirectionReason>('clinician_at_capacity');
  const [route, setRoute] = useState<PharmacyFirstRoute>('signposted');
  const [kind, setKind] = useState<DeferralKind>('waiting_list');
  const [untilDay, setUntilDay] = useState('');
  const [told, setTold] = useState(false);
  const [lateReason, setLateReason] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const earliest = addPracticeDays(today, -lateDays);
  const yesterday = addPracticeDays(today, -1);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const impossible = impossibleDateIn(event.currentTarget);
    if (impossible) {
      setError(impossible);
      return;
    }
    const at = time === '' ? null : instantAt(day, time);
    if (at === null) {
      setError({ message: time === '' ? 'Enter the time it happened, as near as you know.' : 'That time does not exist on that day: the clocks changed. Enter another time.', field: 'occurredAt' });
      return;
    }
    const occurredAt = new Date(at).toISOString();
    const when = `${formatLongDate(day)} at ${time}`;
    const who = clinicians.find((row) => row.clinicianId === clinicianId);
    let result;
    if (what === 'contact') {
      if (!who) {
        setError({ message: 'Choose the clinician the patient was in contact with.', field: 'clinicianId' });
        return;
      }
      const type = types.find((candidate) => candidate.id === typeId);
      const sentence = `${type?.name ?? 'Contact'} contact for ${who.name}, ${when}`;
      result = await record('contact.record', { clinicianId, typeId, occurredAt, lateReason }, { saving: `a late entry: ${sentence}`, done: `Late entry recorded: ${sentence}. It counts on that day.` });
      const last = useDeskStore.getState().lastAction;
      if (result.ok && result.value.overCap && last) {
        useDeskStore.setState({ lastAction: { ...last, sentence: `${last.sentence} It is over ${who.name}’s cap for that day.` } });
      }
    } else if (what === 'redirection') {
      const service = services.find((entry) => entry.id === destinationId);
      if (!service) {
        setError({ message: 'Choose the service the patient was sent to.', field: 'destinationId' });
        return;
      }
      result = await record(
        'redirection.record',
        {
          destinationId,
          reason,
          patientTold: told as true,
          occurredAt,
          lateReason,
          ...(service.kind === 'pharmacy_first' ? { pharmacyFirst: { route } } : {}),
        },
        { saving: `a late entry: redirection to ${service.name}`, done: `Late entry recorded: patient redirected to ${service.name}, ${when}.` },
      );
    } else {
      result = await record(
        'deferral.record',
        {
          kind,
          patientTold: told as true,
          occurredAt,
          lateReason,
          ...(kind === 'later_date' ? { untilDay } : {}),
          ...(who ? { clinicianId } : {}),
        },
        { saving: `a late entry: ${KIND_LABELS[kind].toLowerCase()}`, done: `Late entry recorded: ${KIND_LABELS[kind].toLowerCase()}, ${when}.` },
      );
    }
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    onClose();
  }

  if (lateDays === 0) {
    return (
      <Modal title="Late entry for an earlier day" onClose={onClose} desk="form">
        <p>This practice does not take late entries for earlier days. A practice manager can turn them on in Settings, Reception desk.</p>
        <div className="actions">
          <button type="button" className="primary" data-autofocus onClick={onClose}>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title="Late entry for an earlier day" onClose={onClose} wide desk="form">
      <form noValidate onSubmit={(event) => void submit(event)} className="late-form">
        <p className="dialog-lead">
          For something forgotten on an earlier day (up to {lateDays} {lateDays === 1 ? 'day' : 'days'} back). It counts on that day, at the time it happened, and is marked as a late entry.
        </p>
        <fieldset className="inline-fieldset">
          <legend>What to enter</legend>
          {(['contact', 'redirection', 'deferral'] as const).map((value) => (
            <label key={value}>
              <input type="radio" name="late-what" checked={what === value} data-autofocus={value === 'contact' ? '' : undefined} onChange={() => setWhat(value)} /> {WHAT_LABELS[value]}
            </label>
          ))}
        </fieldset>
        <div className="inline-form">
          <label className="field narrow">
            Day
            <input type="date" name="occurredAt" min={earliest} max={yesterday} value={day} onChange={(event) => setDay(event.target.value)} {...invalidIf(error, 'occurredAt', 'late-error')} />
          </label>
          <label className="field narrow">
            Time
            <input type="time" value={time} onChange={(event) => setTime(event.target.value)} {...invalidIf(error, 'occurredAt', 'late-error')} />
          </label>
        </div>
        {what !== 'redirection' && (
          <label className="field">
            Clinician{what === 'deferral' ? ' (optional)' : ''}
            <select value={clinicianId} onChange={(event) => setClinicianId(event.target.value)} {...invalidIf(error, 'clinicianId', 'late-error')}>
              <option value="">{what === 'deferral' ? 'Nobody in particular' : 'Choose a clinician…'}</option>
              {clinicians.map((row) => (
                <option key={row.clinicianId} value={row.clinicianId}>
                  {row.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {what === 'contact' && (
          <label className="field">
            Type of contact
            <select value={typeId} onChange={(event) => setTypeId(event.target.value)} {...invalidIf(error, 'typeId', 'late-error')}>
              {types.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name}
                  {type.counts ? '' : ' (not counted)'}
                </option>
              ))}
            </select>
          </label>
        )}
        {what === 'redirection' && (
          <>
            <label className="field">
              Service
              <select value={destinationId} onChange={(event) => setDestinationId(event.target.value)} {...invalidIf(error, 'destinationId', 'late-error')}>
                <option value="">Choose a service…</option>
                {services.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.name}
                  </option>
                ))}
              </select>
            </label>
            {services.find((entry) => entry.id === destinationId)?.kind === 'pharmacy_first' && (
              <fieldset className="inline-fieldset">
                <legend>Pharmacy First</legend>
                <label>
                  <input type="radio" name="late-route" checked={route === 'referred'} onChange={() => setRoute('referred')} /> Referred (digital referral sent)
                </label>
                <label>
                  <input type="radio" name="late-route" checked={route === 'signposted'} onChange={() => setRoute('signposted')} /> Signposted (patient walks in)
                </label>
              </fieldset>
            )}
            <fieldset className="inline-fieldset">
              <legend>Why</legend>
              {REDIRECTION_REASONS.map((value) => (
                <label key={value}>
                  <input type="radio" name="late-reason-kind" checked={reason === value} onChange={() => setReason(value)} /> {REDIRECTION_REASON_LABELS[value]}
                </label>
              ))}
            </fieldset>
          </>
        )}
        {what === 'deferral' && (
          <div className="inline-form">
            <fieldset className="inline-fieldset">
              <legend>What happened</legend>
              {DEFERRAL_KINDS.map((value) => (
                <label key={value}>
                  <input type="radio" name="late-kind" checked={kind === value} onChange={() => setKind(value)} /> {KIND_LABELS[value]}
                </label>
              ))}
            </fieldset>
            {kind === 'later_date' && (
              <label className="field narrow">
                Booked for
                <input type="date" name="untilDay" value={untilDay} onChange={(event) => setUntilDay(event.target.value)} {...invalidIf(error, 'untilDay', 'late-error')} />
              </label>
            )}
          </div>
        )}
        {what !== 'contact' && (
          <label className="check" {...invalidIf(error, 'patientTold', 'late-error')}>
            <input type="checkbox" checked={told} onChange={(event) => setTold(event.target.checked)} />
            The patient was told what happens next and what to do if they get worse
          </label>
        )}
        <label className="field">
          Why it is entered late
          <input value={lateReason} placeholder="For example: tally sheet found" onChange={(event) => setLateReason(event.target.value)} {...invalidIf(error, 'lateReason', 'late-error')} />
        </label>
        <ErrorMessage error={error} id="late-error" />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Record late entry
          </button>
        </div>
      </form>
    </Modal>
  );
}
