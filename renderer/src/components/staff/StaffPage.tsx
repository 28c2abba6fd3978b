import { useEffect, useState, type SyntheticEvent } from 'react';
import { STAFF_ROLE_LABELS, STAFF_ROLES, roleMeets, type StaffMember, type StaffRole } from '../../../../shared/staff.ts';
import type { Envelope } from '../../../../shared/result.ts';
import { formatTime } from '../../format.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useSessionStore } from '../../stores/sessionStore.ts';
import { useAnnounce } from '../common/announce.ts';
import { ErrorMessage, invalidIf } from '../common/fields.tsx';

const ADD_ERROR = 'staff-add-error';
const ROW_ERROR = 'staff-row-error';

/**
 * Settings → Staff: who works here, in which role, and their PINs. The core
 * decides who may change what (a manager or administrator; administrators by
 * an administrator); this page says so before anyone tries.
 */
export function StaffPage() {
  const session = useSessionStore((state) => state.session);
  const staff = useSessionStore((state) => state.everyone);
  const loadEveryone = useSessionStore((state) => state.loadEveryone);
  const [rowError, setRowError] = useState<FormError | null>(null);
  const announce = useAnnounce();
  // Read when the page opens; the store reads it again whenever staff change (liveUpdates.ts).
  useEffect(() => {
    void loadEveryone();
  }, [loadEveryone]);

  const me = session?.staff ?? null;
  const manages = me !== null && roleMeets(me.role, 'manager');

  function act(result: Envelope<StaffMember>, said: string) {
    if (!result.ok) {
      setRowError(errorOf(result) ?? { message: result.error.message });
      return;
    }
    setRowError(null);
    announce(said);
  }

  return (
    <section className="panel" aria-labelledby="staff-heading">
      <h2 id="staff-heading">Staff</h2>
      <p className="muted">
        Everyone who signs in at the practice’s PCs, with their role. Reception and clinicians record and see the desk; practice managers and administrators also change caps,
        the rota, clinicians, services and settings, export with patient identifiers, and restore backups. Staff are shared with every PC of the practice network.
      </p>
      {!manages && session?.staffNamed && <p className="banner banner-info">Only a practice manager or administrator can change staff. Press F8 to sign in as one.</p>}
      {staff === null ? (
        <p className="muted">Loading the staff list…</p>
      ) : (
        <table className="staff-table">
          <caption className="visually-hidden">Staff and their roles</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => (
              <StaffRow key={member.id} member={member} manages={manages} onAct={act} />
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage error={rowError} id={ROW_ERROR} />
      {manages && <AddStaff adminSignedIn={me.role === 'admin'} />}
    </section>
  );
}

function StaffRow({ member, manages, onAct }: { member: StaffMember; manages: boolean; onAct: (result: Envelope<StaffMember>, said: string) => void }) {
  const [newPin, setNewPin] = useState<string | null>(null);
  const { updateStaff, unlock, setPin } = useSessionStore.getState();
  const status = !member.active ? 'Taken off' : member.lockedUntil !== null ? `Locked out until ${formatTime(member.lockedUntil)}` : 'Active';
  return (
    <tr>
      <th scope="row">{member.name}</th>
      <td>
        {manages ? (
          <select
            aria-label={`Role of ${member.name}`}
            value={member.role}
            onChange={(event) => void updateStaff({ staffId: member.id, role: event.target.value as StaffRole }).then((result) => onAct(result, `${member.name} is now ${STAFF_ROLE_LABELS[event.target.value as StaffRole]}.`))}
          >
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {STAFF_ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        ) : (
          STAFF_ROLE_LABELS[member.role]
        )}
      </td>
      <td>{status}</td>
      <td>
        {manages && (
          <div className="row-actions">
            {member.lockedUntil !== null && (
              <button type="button" onClick={() => void unlock(member.id).then((result) => onAct(result, `${member.name} is unlocked.`))}>
                Unlock {member.name}
              </button>
            )}
            {newPin === null ? (
              <button type="button" onClick={() => setNewPin('')}>
                New PIN for {member.name}
              </button>
            ) : (
              <form
                className="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void setPin(member.id, newPin).then((result) => {
                      onAct(result, `${member.name} has a new PIN.`);
                      if (result.ok) setNewPin(null);
                    });
                }}
              >
                <label>
                  New PIN for {member.name}
                  <input type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={newPin} onChange={(event) => setNewPin(event.target.value)} />
                </label>
                <button type="submit">Save PIN</button>
                <button type="button" onClick={() => setNewPin(null)}>
                  Cancel
                </button>
              </form>
            )}
            <button
              type="button"
              onClick={() =>
                void updateStaff({ staffId: member.id, active: !member.active }).then((result) => onAct(result, member.active ? `${member.name} is taken off the staff list.` : `${member.name} is back on the staff list.`))
              }
            >
              {member.active ? `Take ${member.name} off` : `Put ${member.name} back`}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

function AddStaff({ adminSignedIn }: { adminSignedIn: boolean }) {
  const addStaff = useSessionStore((state) => state.addStaff);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('reception');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const announce = useAnnounce();

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await addStaff({ name, role, pin });
    setBusy(false);
    if (!result.ok) {
      setError(errorOf(result) ?? { message: result.error.message });
      return;
    }
    setError(null);
    setName('');
    setPin('');
    announce(`${result.value.name} is added as ${STAFF_ROLE_LABELS[result.value.role]}. Tell them their PIN.`);
  }

  return (
    <form className="staff-add" onSubmit={(event) => void submit(event)} aria-labelledby="staff-add-heading">
      <h3 id="staff-add-heading">Add a member of staff</h3>
      <label className="field">
        Name
        <input autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} {...invalidIf(error, 'name', ADD_ERROR)} />
      </label>
      <label className="field">
        Role
        <select value={role} onChange={(event) => setRole(event.target.value as StaffRole)} {...invalidIf(error, 'role', ADD_ERROR)}>
          {STAFF_ROLES.filter((candidate) => candidate !== 'admin' || adminSignedIn).map((candidate) => (
            <option key={candidate} value={candidate}>
              {STAFF_ROLE_LABELS[candidate]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Their PIN (4 to 8 digits)
        <input type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} onChange={(event) => setPin(event.target.value)} {...invalidIf(error, 'pin', ADD_ERROR)} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Add
      </button>
      <ErrorMessage error={error} id={ADD_ERROR} />
    </form>
  );
}
