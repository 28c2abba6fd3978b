import { useState, type SyntheticEvent } from 'react';
import type { Clinician } from '../../../../shared/domain.ts';
import { useAnnounce } from '../common/announce.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { ErrorMessage } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';
import { ClinicianFields, draftOf, valuesOf, type ClinicianDraft } from './ClinicianFields.tsx';
import { capText, type RoleDefaults } from './clinicianText.ts';

/** Change a clinician. A cap left blank (or "Follow the role default") is sent as null: back to the role default. */
export function EditClinicianDialog({ clinician, defaults, onClose }: { clinician: Clinician; defaults: RoleDefaults; onClose: () => void }) {
  const updateClinician = useRosterStore((state) => state.updateClinician);
  const announce = useAnnounce();
  const [draft, setDraft] = useState<ClinicianDraft>(() => draftOf(clinician));
  const [error, setError] = useState<FormError | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const parsed = valuesOf(draft, true);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setSaving(true);
    const result = await updateClinician({ clinicianId: clinician.id, ...parsed.values });
    setSaving(false);
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    announce(`Saved changes to ${result.value.name}. Cap: ${capText(result.value, defaults)}.`);
    onClose();
  }

  return (
    <Modal title={`Edit ${clinician.name}`} onClose={onClose} wide>
      <form noValidate onSubmit={(event) => void submit(event)} className="roster-form">
        <ClinicianFields
          draft={draft}
          onChange={(patch) => setDraft((current) => ({ ...current, ...patch }))}
          error={error}
          errorId="edit-clinician-error"
          defaults={defaults}
          autoFocus
          editing
        />
        <ErrorMessage error={error} id="edit-clinician-error" />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            Save changes
          </button>
        </div>
      </form>
    </Modal>
  );
}
