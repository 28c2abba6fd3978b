import { useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { capFieldsOf, capFromText } from '../../../../shared/clinicianImport.ts';
import { CLINICIAN_ROLES, ROLE_LABELS, type ClinicianRole } from '../../../../shared/domain.ts';
import { useAnnounce } from '../common/announce.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { ErrorMessage } from '../common/fields.tsx';
import { addedText, useRoleDefaults } from '../roster/clinicianText.ts';
import { useOneAtATime } from '../settings/sectionSave.tsx';
import { describedInput, FieldError, fieldIds, footerError, useFocusOnError } from './fieldErrors.tsx';

const PREFIX = 'setup-add';
const ERROR_ID = 'setup-add-error';
const FIELDS = ['name', 'role', 'dailyCap'] as const;

function usualCapText(role: ClinicianRole | '', defaults: ReturnType<typeof useRoleDefaults>): string {
  if (role === '') return 'Left blank, it is the role’s usual one (25 a day for GPs unless Settings say otherwise).';
  const usual = defaults[role];
  return `Left blank, it is the usual one for ${ROLE_LABELS[role]}: ${usual.capped ? `${usual.dailyCap} a day` : 'counted, not capped'}.`;
}

/**
 * One clinician at a time: name, role and, if it is not the role's usual one, a
 * daily cap. Enter adds them from any of the three, and the focus goes back to
 * the name for the next one.
 */
export function AddClinicianForm({ onNameChange }: { onNameChange: (name: string) => void }) {
  const createClinician = useRosterStore((state) => state.createClinician);
  const announce = useAnnounce();
  const defaults = useRoleDefaults();
  const [name, setName] = useState('');
  const [role, setRole] = useState<ClinicianRole | ''>('');
  const [cap, setCap] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const { busy, run } = useOneAtATime();
  const nameBox = useRef<HTMLInputElement>(null);
  useFocusOnError(error, PREFIX, FIELDS);

  const changeName = (value: string) => {
    setName(value);
    onNameChange(value);
  };

  async function add(event: SyntheticEvent) {
    event.preventDefault();
    if (role === '') {
      setError({ message: 'Choose the clinician’s role from the list.', field: 'role' });
      return;
    }
    const capCell = capFromText(cap);
    if (!capCell.ok) {
      setError({ message: capCell.message, field: 'dailyCap' });
      return;
    }
    const { capped, dailyCap } = capFieldsOf(capCell.value, role, defaults);
    const result = await run(() => createClinician({ name, role, capped, dailyCap }));
    if (!result) return;
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    setError(null);
    changeName('');
    setRole('');
    setCap('');
    announce(addedText(result.value, defaults));
    nameBox.current?.focus();
  }

  // A closed list does not submit its form on Enter by itself: here it adds the clinician, like the boxes beside it.
  function enterAdds(event: KeyboardEvent<HTMLSelectElement>) {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  return (
    <section className="setup-add" aria-labelledby="setup-add-heading">
      <h4 id="setup-add-heading">Add a clinician</h4>
      <form noValidate className="inline-form" onSubmit={(event) => void add(event)}>
        <div className="field setup-add-name">
          <label htmlFor={fieldIds(PREFIX, 'name').input}>Name</label>
          <input ref={nameBox} autoFocus autoComplete="off" value={name} onChange={(event) => changeName(event.target.value)} {...describedInput(error, PREFIX, 'name', false)} />
        </div>
        <div className="field">
          <label htmlFor={fieldIds(PREFIX, 'role').input}>Role</label>
          <select value={role} onChange={(event) => setRole(event.target.value as ClinicianRole | '')} onKeyDown={enterAdds} {...describedInput(error, PREFIX, 'role', false)}>
            <option value="">Choose a role</option>
            {CLINICIAN_ROLES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {ROLE_LABELS[candidate]}
              </option>
            ))}
          </select>
        </div>
        <div className="field setup-add-cap">
          <label htmlFor={fieldIds(PREFIX, 'dailyCap').input}>Daily cap</label>
          <input autoComplete="off" inputMode="numeric" value={cap} onChange={(event) => setCap(event.target.value)} {...describedInput(error, PREFIX, 'dailyCap')} />
        </div>
        <button type="submit" className="primary setup-add-button" aria-disabled={busy || undefined}>
          Add clinician
        </button>
      </form>
      <p id={fieldIds(PREFIX, 'dailyCap').note} className="field-note setup-add-note">
        The daily cap is optional. {usualCapText(role, defaults)} Write “No cap” to count their contacts without a cap.
      </p>
      {FIELDS.map((field) => (
        <FieldError key={field} error={error} prefix={PREFIX} field={field} />
      ))}
      <ErrorMessage error={footerError(error, FIELDS)} id={ERROR_ID} />
    </section>
  );
}
