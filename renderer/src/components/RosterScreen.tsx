import { useState, type SyntheticEvent } from 'react';
import { CLINICIAN_ROLES, DEFAULT_DAILY_CAP, ROLE_LABELS, type Clinician, type ClinicianRole } from '../../../shared/domain.ts';
import { useAnnounceStore } from '../stores/announceStore.ts';
import { useRosterStore } from '../stores/rosterStore.ts';

export function RosterScreen() {
  const clinicians = useRosterStore((state) => state.clinicians);
  return (
    <div className="roster">
      <AddClinicianForm />
      <section aria-labelledby="roster-heading" className="panel">
        <h2 id="roster-heading">Clinicians</h2>
        {clinicians.length === 0 ? (
          <p className="muted">Nobody yet. Add the clinicians who see patients here.</p>
        ) : (
          <table className="roster-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col" className="num">
                  Daily cap
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {clinicians.map((clinician) => (
                <RosterRow key={clinician.id} clinician={clinician} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function AddClinicianForm() {
  const createClinician = useRosterStore((state) => state.createClinician);
  const announce = useAnnounceStore((state) => state.announce);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ClinicianRole>('salaried_gp');
  const [cap, setCap] = useState(String(DEFAULT_DAILY_CAP));
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    // Anything that is not a number goes to the core as NaN, which answers with the message to show.
    const dailyCap = cap.trim() === '' ? Number.NaN : Number(cap);
    const result = await createClinician({ name, role, dailyCap });
    if (!result.ok) {
      setError(result.error.field === undefined ? { message: result.error.message } : { message: result.error.message, field: result.error.field });
      return;
    }
    setError(null);
    setName('');
    announce(`Added ${result.value.name} with a daily cap of ${result.value.dailyCap}.`);
  }

  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': true, 'aria-describedby': 'add-error' } : {});

  return (
    <section aria-labelledby="add-heading" className="panel">
      <h2 id="add-heading">Add a clinician</h2>
      <form className="add-form" onSubmit={(event) => void submit(event)}>
        <label className="field">
          Name
          <input value={name} onChange={(event) => setName(event.target.value)} placeholder="For example: Dr Ada Patel" {...invalid('name')} />
        </label>
        <label className="field">
          Role
          <select value={role} onChange={(event) => setRole(event.target.value as ClinicianRole)} {...invalid('role')}>
            {CLINICIAN_ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="field narrow">
          Daily cap
          <input inputMode="numeric" value={cap} onChange={(event) => setCap(event.target.value)} {...invalid('dailyCap')} />
        </label>
        <button type="submit" className="primary">
          Add clinician
        </button>
      </form>
      {error && (
        <p id="add-error" role="alert" className="field-error">
          {error.message}
        </p>
      )}
    </section>
  );
}

function RosterRow({ clinician }: { clinician: Clinician }) {
  const renameClinician = useRosterStore((state) => state.renameClinician);
  const deactivateClinician = useRosterStore((state) => state.deactivateClinician);
  const announce = useAnnounceStore((state) => state.announce);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(clinician.name);
  const [error, setError] = useState<string | null>(null);

  async function rename(event: SyntheticEvent) {
    event.preventDefault();
    const result = await renameClinician(clinician.id, name);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setEditing(false);
    announce(`Renamed to ${result.value.name}.`);
  }

  async function deactivate() {
    const result = await deactivateClinician(clinician.id);
    announce(result.ok ? `${clinician.name} is off the board. Their contacts are kept.` : result.error.message, result.ok ? 'info' : 'error');
  }

  return (
    <tr className={clinician.active ? undefined : 'inactive'}>
      <th scope="row">
        {editing ? (
          <form onSubmit={(event) => void rename(event)} className="inline-form">
            <label className="visually-hidden" htmlFor={`rename-${clinician.id}`}>
              New name for {clinician.name}
            </label>
            <input id={`rename-${clinician.id}`} autoFocus value={name} onChange={(event) => setName(event.target.value)} />
            <button type="submit">Save name</button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {error && (
              <span role="alert" className="field-error">
                {error}
              </span>
            )}
          </form>
        ) : (
          clinician.name
        )}
      </th>
      <td>{ROLE_LABELS[clinician.role]}</td>
      <td className="num">{clinician.dailyCap}</td>
      <td>{clinician.active ? 'On the board' : 'Off the board'}</td>
      <td className="row-actions">
        {clinician.active && !editing && (
          <>
            <button type="button" aria-label={`Rename ${clinician.name}`} onClick={() => setEditing(true)}>
              Rename
            </button>
            <button type="button" aria-label={`Take ${clinician.name} off the board`} onClick={() => void deactivate()}>
              Take off board
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
