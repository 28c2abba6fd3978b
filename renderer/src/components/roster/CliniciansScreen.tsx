import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { ROLE_LABELS, type Clinician } from '../../../../shared/domain.ts';
import { useAnnounce } from '../common/announce.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { ErrorMessage, KeyCap } from '../common/fields.tsx';
import { ClinicianFields, EMPTY_DRAFT, valuesOf, type ClinicianDraft } from './ClinicianFields.tsx';
import { addedText, capText, sessionCapsText, useRoleDefaults } from './clinicianText.ts';
import { EditClinicianDialog } from './EditClinicianDialog.tsx';

/** The roster: who is on the board, their role and their cap. */
export function CliniciansScreen() {
  const clinicians = useRosterStore((state) => state.clinicians);
  const createClinician = useRosterStore((state) => state.createClinician);
  const setActive = useRosterStore((state) => state.setActive);
  const announce = useAnnounce();
  const defaults = useRoleDefaults();
  const [draft, setDraft] = useState<ClinicianDraft>(EMPTY_DRAFT);
  const [error, setError] = useState<FormError | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Clinician | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  /**
   * The button that takes the focus after the next render: a row's new button once it
   * moves between "on the board" and "off the board", or its Edit button once the
   * dialog closes (the dialog leaves the focus on the page itself otherwise).
   */
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const nameBox = useRef<HTMLInputElement>(null);
  const table = useRef<HTMLTableElement>(null);

  const onBoard = clinicians.filter((clinician) => clinician.active);
  const offBoard = clinicians.filter((clinician) => !clinician.active);

  useEffect(() => {
    if (focusNext === null || editing !== null) return;
    const button = table.current?.querySelector<HTMLButtonElement>(`button[data-focus="${focusNext}"]`);
    if (button) {
      button.focus();
      setFocusNext(null);
    }
  }, [clinicians, focusNext, editing]);

  async function add(event: SyntheticEvent) {
    event.preventDefault();
    const parsed = valuesOf(draft, false);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setAdding(true);
    const { key, ...values } = parsed.values;
    const result = await createClinician({ ...values, ...(typeof key === 'string' ? { key } : {}) });
    setAdding(false);
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    setError(null);
    setDraft(EMPTY_DRAFT);
    announce(addedText(result.value, defaults));
    nameBox.current?.focus();
  }

  async function toggle(clinician: Clinician) {
    const active = !clinician.active;
    setBusyId(clinician.id);
    const result = await setActive(clinician.id, active);
    setBusyId(null);
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    announce(active ? `${clinician.name} is back on the board.` : `${clinician.name} is off the board. Their contacts stay in the history.`);
    setFocusNext(`toggle:${clinician.id}:${active ? 'active' : 'inactive'}`);
  }

  const row = (clinician: Clinician) => {
    const sessions = sessionCapsText(clinician, defaults);
    return (
      <tr key={clinician.id} className={clinician.active ? undefined : 'roster-off'}>
        <th scope="row" className="roster-who">
          {clinician.name}
        </th>
        <td>{clinician.initials}</td>
        <td className="roster-nowrap">{clinician.key ? <KeyCap>{clinician.key}</KeyCap> : <span className="muted">{clinician.active ? 'None' : '—'}</span>}</td>
        <td>{ROLE_LABELS[clinician.role]}</td>
        <td className="roster-nowrap">{capText(clinician, defaults)}</td>
        <td className="roster-nowrap">
          {sessions ?? (
            <>
              <span aria-hidden="true" className="muted">
                —
              </span>
              <span className="visually-hidden">None</span>
            </>
          )}
        </td>
        <td className="roster-nowrap">{clinician.active ? 'On the board' : <span className="tag">Off the board</span>}</td>
        <td className="roster-actions">
          <button type="button" className="quiet" data-focus={`edit:${clinician.id}`} aria-label={`Edit ${clinician.name}`} onClick={() => setEditing(clinician)}>
            Edit
          </button>
          <button
            type="button"
            className="quiet"
            data-focus={`toggle:${clinician.id}:${clinician.active ? 'active' : 'inactive'}`}
            disabled={busyId === clinician.id}
            aria-label={clinician.active ? `Take off the board: ${clinician.name}` : `Put back on the board: ${clinician.name}`}
            onClick={() => void toggle(clinician)}
          >
            {clinician.active ? 'Take off the board' : 'Put back on the board'}
          </button>
        </td>
      </tr>
    );
  };

  return (
    <div className="roster">
      <section className="panel" aria-labelledby="add-clinician-heading">
        <h2 id="add-clinician-heading">Add a clinician</h2>
        <form noValidate onSubmit={(event) => void add(event)} className="roster-form">
          <ClinicianFields
            draft={draft}
            onChange={(patch) => setDraft((current) => ({ ...current, ...patch }))}
            error={error}
            errorId="add-clinician-error"
            defaults={defaults}
            nameRef={nameBox}
            submit={
              <button type="submit" className="primary roster-add" disabled={adding}>
                Add clinician
              </button>
            }
          />
          <ErrorMessage error={error} id="add-clinician-error" />
        </form>
      </section>

      <section className="panel" aria-labelledby="roster-heading">
        <h2 id="roster-heading">
          Clinicians{' '}
          <span className="muted roster-count">
            ({onBoard.length} on the board{offBoard.length > 0 ? `, ${offBoard.length} off the board` : ''})
          </span>
        </h2>
        {clinicians.length === 0 ? (
          <p className="empty">No clinicians yet. Add the first one above; they then appear on the board and the rota.</p>
        ) : (
          <table ref={table} className="roster-table">
            <caption className="visually-hidden">Clinicians: on the board first, then those off the board</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Initials</th>
                <th scope="col">Desk key</th>
                <th scope="col">Role</th>
                <th scope="col">Daily cap</th>
                <th scope="col">Session caps (AM + PM)</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>{onBoard.map(row)}</tbody>
            {offBoard.length > 0 && (
              <tbody>
                <tr className="roster-group">
                  <th scope="colgroup" colSpan={8}>
                    Off the board ({offBoard.length}) <span className="roster-group-note">Reception does not see these. Their contacts stay in the history.</span>
                  </th>
                </tr>
                {offBoard.map(row)}
              </tbody>
            )}
          </table>
        )}
      </section>

      {editing && (
        <EditClinicianDialog
          clinician={editing}
          defaults={defaults}
          onClose={() => {
            setFocusNext(`edit:${editing.id}`);
            setEditing(null);
          }}
        />
      )}
    </div>
  );
}
