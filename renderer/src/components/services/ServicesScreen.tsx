import { useEffect, useRef, useState } from 'react';
import { DESTINATION_KIND_LABELS, PHARMACY_FIRST_CONDITIONS, SAFETY_NET_ADVICE, type DirectoryEntry } from '../../../../shared/directory.ts';
import { useAnnounce } from '../common/announce.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { useOneAtATime } from '../settings/sectionSave.tsx';
import { ServiceDialog } from './ServiceDialog.tsx';

type Editing = { kind: 'add' } | { kind: 'edit'; entry: DirectoryEntry };

/** Shown where a detail is empty: a dash to see, "none" to hear. */
function None() {
  return (
    <>
      <span aria-hidden="true" className="muted">
        —
      </span>
      <span className="visually-hidden">None</span>
    </>
  );
}

/** The practice's redirection directory: where reception can send a patient, and what the slip says. */
export function ServicesScreen() {
  const directory = useCatalogueStore((state) => state.directory);
  const updateEntry = useCatalogueStore((state) => state.updateEntry);
  const announce = useAnnounce();
  const [editing, setEditing] = useState<Editing | null>(null);
  const { busy, run } = useOneAtATime();
  /** After a row moves between "offered" and "not offered", its new button takes the focus. */
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  /** The button that opened the dialog: it gets the focus back when the dialog closes. */
  const opener = useRef<HTMLElement | null>(null);

  const offered = directory.filter((entry) => entry.active);
  const notOffered = directory.filter((entry) => !entry.active);

  useEffect(() => {
    if (focusAfterMove === null) return;
    const button = table.current?.querySelector<HTMLButtonElement>(`button[data-toggle="${focusAfterMove}"]`);
    if (button) {
      button.focus();
      setFocusAfterMove(null);
    }
  }, [directory, focusAfterMove]);

  useEffect(() => {
    if (editing !== null) return;
    opener.current?.focus();
    opener.current = null;
  }, [editing]);

  const open = (next: Editing, button: HTMLElement) => {
    opener.current = button;
    setEditing(next);
  };

  async function setOffered(entry: DirectoryEntry, active: boolean) {
    const result = await run(() => updateEntry({ entryId: entry.id, active }));
    if (!result) return;
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    announce(active ? `${entry.name} is offered again.` : `${entry.name} is no longer offered. It stays in the history of past redirections.`);
    setFocusAfterMove(`${entry.id}:${active ? 'active' : 'inactive'}`);
  }

  const row = (entry: DirectoryEntry) => (
    <tr key={entry.id} className={entry.active ? undefined : 'not-offered'}>
      <th scope="row" className="service-cell">
        <span className="service-name">{entry.name}</span>
        {entry.address && <span className="who-detail">{entry.address}</span>}
        {entry.hint && <span className="who-detail service-hint">{entry.hint}</span>}
        {entry.active && entry.phone === '' && entry.address === '' && entry.kind !== 'self_care' && (
          <span className="field-warning service-missing">No phone or address yet for the patient’s slip.</span>
        )}
      </th>
      <td className="service-kind">{DESTINATION_KIND_LABELS[entry.kind]}</td>
      <td className="service-phone">{entry.phone || <None />}</td>
      <td>{entry.hours || <None />}</td>
      <td className="row-actions">
        <button type="button" className="quiet" aria-label={`Edit ${entry.name}`} onClick={(event) => open({ kind: 'edit', entry }, event.currentTarget)}>
          Edit
        </button>
        <button
          type="button"
          className="quiet"
          data-toggle={`${entry.id}:${entry.active ? 'active' : 'inactive'}`}
          aria-disabled={busy || undefined}
          aria-label={entry.active ? `Stop offering ${entry.name}` : `Offer ${entry.name} again`}
          onClick={() => void setOffered(entry, !entry.active)}
        >
          {entry.active ? 'Stop offering' : 'Offer again'}
        </button>
      </td>
    </tr>
  );

  return (
    <div className="services">
      <section className="panel" aria-labelledby="services-heading">
        <div className="toolbar">
          <h2 id="services-heading">Services patients can be sent to</h2>
          <button type="button" className="primary" onClick={(event) => open({ kind: 'add' }, event.currentTarget)}>
            Add a service
          </button>
        </div>
        <p className="muted">
          Reception chooses from these when a clinician is full or another service suits the patient better. Name, phone, address and hours are printed on the
          patient’s slip; the hint is for reception only.
        </p>
        {directory.length === 0 ? (
          <p className="empty">No services yet. Add the ones your practice sends patients to.</p>
        ) : (
          <table ref={table} className="services-table">
            <caption className="visually-hidden">The practice’s services: offered first, then those no longer offered</caption>
            <colgroup>
              <col className="col-service" />
              <col className="col-kind" />
              <col className="col-phone" />
              <col className="col-hours" />
              <col className="col-actions" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Kind</th>
                <th scope="col">Phone</th>
                <th scope="col">Hours</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {offered.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    Nothing is offered at the moment: reception has nowhere to redirect patients to.
                  </td>
                </tr>
              )}
              {offered.map(row)}
            </tbody>
            {notOffered.length > 0 && (
              <tbody>
                <tr className="group-row">
                  <th scope="colgroup" colSpan={5}>
                    Not offered ({notOffered.length}) <span className="group-note">Reception does not see these. Past redirections keep their names.</span>
                  </th>
                </tr>
                {notOffered.map(row)}
              </tbody>
            )}
          </table>
        )}
      </section>

      <aside className="services-reference" aria-label="Reference">
        <section className="panel" aria-labelledby="pharmacy-first-heading">
          <h2 id="pharmacy-first-heading">Pharmacy First: the seven conditions</h2>
          <p className="muted">A community pharmacist can see these patients without a GP appointment. Who each is for is a guide for reception, not a clinical decision.</p>
          <ul className="reference-list">
            {PHARMACY_FIRST_CONDITIONS.map((condition) => (
              <li key={condition.id}>
                <strong>{condition.name}</strong>: {condition.who.charAt(0).toLowerCase() + condition.who.slice(1)}
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="safety-net-heading">
          <h2 id="safety-net-heading">Printed on every slip</h2>
          <p className="muted">Under the service’s details, every patient’s slip says:</p>
          <blockquote className="safety-net">
            <strong>{SAFETY_NET_ADVICE}</strong>
          </blockquote>
        </section>
      </aside>

      {editing && <ServiceDialog entry={editing.kind === 'edit' ? editing.entry : null} onClose={() => setEditing(null)} />}
    </div>
  );
}
