import { useState, type SyntheticEvent } from 'react';
import { DESTINATION_KIND_LABELS, DESTINATION_KINDS, type DestinationKind, type DirectoryEntry } from '../../../../shared/directory.ts';
import { useAnnounce } from '../common/announce.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { ErrorMessage, invalidIf } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';
import { useOneAtATime } from '../settings/sectionSave.tsx';

/** What each kind of service is for, shown under the choice so the practice files it in the right place. */
export const KIND_NOTES: Record<DestinationKind, string> = {
  pharmacy_first: 'The seven Pharmacy First conditions by walk-in, and minor illnesses by digital referral.',
  urgent_treatment_centre: 'Urgent problems that are not life-threatening. Walk-in accepted.',
  enhanced_access_hub: 'Evening and Saturday appointments, booked by the practice.',
  nhs_111: 'Exceptional circumstances only. The ICB must be told each time: reception is asked to confirm it.',
  emergency_999: 'Life-threatening emergencies. Recorded as an emergency escalation, not a capacity diversion.',
  self_care: 'Advice for minor illnesses that get better on their own.',
  self_referral: 'Services patients contact themselves, such as physiotherapy or a minor eye conditions service.',
  other: 'Anything else the practice sends patients to.',
};

const TEXT_FIELDS = ['name', 'phone', 'address', 'hours', 'hint'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Draft = Record<TextField, string> & { kind: DestinationKind | '' };

const ERROR_ID = 'service-error';

/** Add a service to the directory, or change one. Only the fields that changed are sent. */
export function ServiceDialog({ entry, onClose }: { entry: DirectoryEntry | null; onClose: () => void }) {
  const createEntry = useCatalogueStore((state) => state.createEntry);
  const updateEntry = useCatalogueStore((state) => state.updateEntry);
  const announce = useAnnounce();
  const [draft, setDraft] = useState<Draft>(() =>
    entry
      ? { kind: entry.kind, name: entry.name, phone: entry.phone, address: entry.address, hours: entry.hours, hint: entry.hint }
      : { kind: '', name: '', phone: '', address: '', hours: '', hint: '' },
  );
  const [error, setError] = useState<FormError | null>(null);
  const { busy: saving, run } = useOneAtATime();

  const set = (field: TextField, value: string) => setDraft((current) => ({ ...current, [field]: value }));
  const setKind = (value: string) => setDraft((current) => ({ ...current, kind: DESTINATION_KINDS.find((kind) => kind === value) ?? '' }));

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (draft.kind === '') {
      setError({ message: 'Choose what kind of service this is.', field: 'kind' });
      return;
    }
    const kind = draft.kind;
    const changed: Partial<Record<TextField, string>> = {};
    if (entry) for (const field of TEXT_FIELDS) if (draft[field] !== entry[field]) changed[field] = draft[field];
    if (entry && kind === entry.kind && Object.keys(changed).length === 0) {
      announce(`No changes to ${entry.name}.`);
      onClose();
      return;
    }
    const result = await run(() => (entry ? updateEntry({ entryId: entry.id, ...(kind === entry.kind ? {} : { kind }), ...changed }) : createEntry({ ...draft, kind })));
    if (!result) return;
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    announce(entry ? `Saved ${result.value.name}.` : `Added ${result.value.name}. Reception can now redirect patients to it.`);
    onClose();
  }

  const text = (field: TextField) => ({
    value: draft[field],
    onChange: (event: { target: { value: string } }) => set(field, event.target.value),
    ...invalidIf(error, field, ERROR_ID),
  });

  return (
    <Modal title={entry ? `Change ${entry.name}` : 'Add a service'} onClose={onClose} wide>
      <form onSubmit={(event) => void submit(event)}>
        <p className="dialog-lead">Reception chooses from these when redirecting a patient. The name, phone, address and hours are printed on the patient’s slip.</p>
        <div className="service-form">
          <div className="field span-2">
            <label htmlFor="service-kind">Kind of service</label>
            <select
              id="service-kind"
              data-autofocus
              value={draft.kind}
              onChange={(event) => setKind(event.target.value)}
              aria-invalid={error?.field === 'kind' ? true : undefined}
              aria-describedby={error?.field === 'kind' ? `service-kind-note ${ERROR_ID}` : 'service-kind-note'}
            >
              {draft.kind === '' && <option value="">Choose the kind of service…</option>}
              {DESTINATION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {DESTINATION_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
            <span id="service-kind-note" className="field-note">
              {draft.kind === '' ? 'The kind decides what reception is asked when they choose it.' : KIND_NOTES[draft.kind]}
            </span>
          </div>
          <label className="field span-2">
            Name, as the patient will see it
            <input {...text('name')} placeholder="For example: High Street Pharmacy" />
          </label>
          <label className="field">
            Phone (optional)
            <input {...text('phone')} inputMode="tel" />
          </label>
          <label className="field">
            Opening hours (optional)
            <input {...text('hours')} placeholder="For example: Mon–Sat 08:00–20:00" />
          </label>
          <label className="field span-2">
            Address or website (optional)
            <input {...text('address')} />
          </label>
          <label className="field span-2">
            Hint for reception (optional, not printed)
            <textarea {...text('hint')} rows={2} placeholder="Who it suits and what to check, for example: adults only, walk in before 18:00" />
          </label>
        </div>
        <ErrorMessage error={error} id={ERROR_ID} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" aria-disabled={saving || undefined}>
            {entry ? 'Save changes' : 'Add service'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
