import { useMemo, useState, type SyntheticEvent } from 'react';
import {
  DESTINATION_KIND_LABELS,
  PHARMACY_FIRST_CONDITIONS,
  REDIRECTION_REASON_LABELS,
  REDIRECTION_REASONS,
  type PharmacyFirstRoute,
  type RedirectionReason,
} from '../../../../shared/directory.ts';
import type { Redirection } from '../../../../shared/domain.ts';
import { checkNhsNumber } from '../../../../shared/nhsNumber.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { REDIRECTED_INSTEAD_REASON, useDeskStore } from '../../stores/deskStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { invalidIf } from '../common/fields.tsx';
import { RoutingFooter } from './RoutingFooter.tsx';
import { Modal } from '../common/Modal.tsx';
import { RedirectedStep } from './RedirectedStep.tsx';

/**
 * Redirect a patient to another service: at capacity, or because another service suits them better.
 * With `replaces`, the patient of a contact over the cap from two PCs: once the
 * redirection is recorded, that contact is voided (the dialog says so first),
 * and `onReplaced` is told what was done.
 */
export function RedirectDialog({
  fromClinician,
  defaultReason,
  onClose,
  replaces,
  onReplaced,
}: {
  fromClinician: { id: string; name: string } | null;
  defaultReason: RedirectionReason;
  onClose: () => void;
  replaces?: { contactId: string; named: string } | undefined;
  onReplaced?: (sentence: string) => void;
}) {
  const directory = useCatalogueStore((state) => state.directory).filter((entry) => entry.active);
  const collectNhsNumber = useSettingsStore((state) => state.settings?.collectNhsNumber ?? false);
  const record = useDeskStore((state) => state.record);
  const redirectInstead = useDeskStore((state) => state.redirectInstead);
  const [destinationId, setDestinationId] = useState('');
  const [reason, setReason] = useState<RedirectionReason>(defaultReason);
  const [route, setRoute] = useState<PharmacyFirstRoute | ''>('');
  const [condition, setCondition] = useState('');
  const [icbInformed, setIcbInformed] = useState(false);
  const [told, setTold] = useState(false);
  const [note, setNote] = useState('');
  const [nhsNumber, setNhsNumber] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState<{ redirection: Redirection; warnings: string[] } | null>(null);
  const destination = directory.find((entry) => entry.id === destinationId);
  const nhsCheck = useMemo(() => (nhsNumber.trim() === '' ? null : checkNhsNumber(nhsNumber)), [nhsNumber]);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (!destination) {
      setError({ message: 'Choose the service the patient is going to.', field: 'destinationId' });
      return;
    }
    const input = {
      destinationId,
      reason,
      patientTold: told as true,
      ...(fromClinician ? { fromClinicianId: fromClinician.id } : {}),
      ...(destination.kind === 'pharmacy_first' && route !== '' ? { pharmacyFirst: { route, condition: condition === '' ? null : condition } } : {}),
      ...(destination.kind === 'nhs_111' ? { icbInformed } : {}),
      ...(note.trim() === '' ? {} : { note }),
      ...(nhsNumber.trim() === '' ? {} : { nhsNumber }),
    };
    const label = {
      saving: `patient redirected to ${destination.name}`,
      done: destination.kind === 'emergency_999' ? `Emergency escalation recorded: ${destination.name}.` : `Patient redirected to ${destination.name}.`,
    };
    if (replaces) {
      const { result, voidError } = await redirectInstead(replaces.contactId, input, label);
      if (!result.ok) {
        setError(errorOf(result));
        return;
      }
      onReplaced?.(
        voidError === null
          ? `Patient redirected to ${destination.name}, and ${replaces.named} voided: it no longer counts toward the cap.`
          : `Patient redirected to ${destination.name}, but ${replaces.named} was not voided: ${voidError}`,
      );
      const warnings = voidError === null ? result.value.warnings : [...result.value.warnings, `The contact was not voided: ${voidError} Void it from today’s list.`];
      setDone({ redirection: result.value.redirection, warnings });
      return;
    }
    const result = await record('redirection.record', input, label);
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    setDone(result.value);
  }

  if (done && destination) {
    return <RedirectedStep redirection={done.redirection} warnings={done.warnings} entry={destination} onClose={onClose} />;
  }

  return (
    <Modal title={fromClinician ? `Redirect instead of ${fromClinician.name}` : 'Redirect a patient to another service'} onClose={onClose} wide desk="form">
      <form onSubmit={(event) => void submit(event)} className="redirect-form">
        {replaces && (
          <p className="dialog-lead replaces-note">
            Once this redirection is recorded, {replaces.named} will be voided with the reason “{REDIRECTED_INSTEAD_REASON}”, so it no longer counts toward the cap.
          </p>
        )}
        <label className="field">
          Service
          <select data-autofocus value={destinationId} onChange={(event) => setDestinationId(event.target.value)} {...invalidIf(error, 'destinationId', 'redirect-error')}>
            <option value="">Choose a service…</option>
            {directory.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        {destination && (
          <div className="hint-box">
            <strong>{DESTINATION_KIND_LABELS[destination.kind]}</strong>
            {destination.hint && <p>{destination.hint}</p>}
            {(destination.phone || destination.hours) && (
              <p className="muted">
                {destination.phone && `Phone ${destination.phone}`} {destination.hours && `· ${destination.hours}`}
              </p>
            )}
          </div>
        )}
        {destination?.kind === 'pharmacy_first' && (
          <fieldset className="inline-fieldset" {...invalidIf(error, 'pharmacyFirst', 'redirect-error')}>
            <legend>Pharmacy First</legend>
            <label>
              <input type="radio" name="pf-route" checked={route === 'referred'} onChange={() => setRoute('referred')} /> Referred (digital referral sent)
            </label>
            <label>
              <input type="radio" name="pf-route" checked={route === 'signposted'} onChange={() => setRoute('signposted')} /> Signposted (patient walks in)
            </label>
            <label className="field">
              Condition (optional)
              <select value={condition} onChange={(event) => setCondition(event.target.value)}>
                <option value="">Not one of the seven, or not known</option>
                {PHARMACY_FIRST_CONDITIONS.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name} — {item.who}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        )}
        {destination?.kind === 'nhs_111' && (
          <div className="banner banner-warning inline">
            <p>Send patients to NHS 111 only in exceptional circumstances. The ICB must be told each time.</p>
            <label>
              <input type="checkbox" checked={icbInformed} onChange={(event) => setIcbInformed(event.target.checked)} /> The ICB has been told
            </label>
          </div>
        )}
        {destination?.kind === 'emergency_999' && (
          <p className="banner banner-error inline">This is recorded as an emergency, not as a patient sent elsewhere because the practice was full.</p>
        )}
        <fieldset className="inline-fieldset">
          <legend>Why</legend>
          {REDIRECTION_REASONS.map((value) => (
            <label key={value}>
              <input type="radio" name="reason" checked={reason === value} onChange={() => setReason(value)} /> {REDIRECTION_REASON_LABELS[value]}
            </label>
          ))}
        </fieldset>
        {collectNhsNumber && (
          <label className="field">
            NHS number (optional)
            <input value={nhsNumber} inputMode="numeric" onChange={(event) => setNhsNumber(event.target.value)} {...invalidIf(error, 'nhsNumber', 'redirect-error')} />
            {nhsCheck && (
              <span className={nhsCheck.valid && !nhsCheck.testRange ? 'field-ok' : 'field-warning'}>
                {nhsCheck.valid ? `${nhsCheck.formatted}${nhsCheck.testRange ? ' — a 999 test number: check it with the patient' : ''}` : nhsCheck.message}
              </span>
            )}
          </label>
        )}
        <RoutingFooter
          note={note}
          onNote={setNote}
          told={told}
          onTold={setTold}
          error={error}
          errorId="redirect-error"
          submitLabel="Record redirection"
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
