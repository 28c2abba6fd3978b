import { useState } from 'react';
import { ROLE_LABELS } from '../../../../shared/domain.ts';
import { formatTime } from '../../format.ts';
import { useAnnounce } from '../common/announce.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { useDeskStore } from '../../stores/deskStore.ts';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { canCompact, useUiStore } from '../../stores/uiStore.ts';
import { StateBadge } from '../common/StateBadge.tsx';
import { describeUsage, sessionsText } from '../reception/usageText.ts';

/** A clinician's own day: remaining capacity in large type and today's contacts, live. */
export function ClinicianView() {
  const device = useSettingsStore((state) => state.device);
  const updateDevice = useSettingsStore((state) => state.updateDevice);
  const clinicians = useRosterStore((state) => state.clinicians).filter((clinician) => clinician.active);
  const board = useDeskStore((state) => state.board);
  const contacts = useDeskStore((state) => state.contacts);
  const types = useCatalogueStore((state) => state.contactTypes);
  const setCompact = useUiStore((state) => state.setCompact);
  const announce = useAnnounce();
  const [picking, setPicking] = useState('');
  const row = board?.rows.find((candidate) => candidate.clinicianId === device?.clinicianViewId);

  if (!device) return null;
  if (!device.clinicianViewId || !row) {
    return (
      <section className="panel clinician-pick" aria-labelledby="pick-heading">
        <h2 id="pick-heading">Whose day is this?</h2>
        <p>Choose yourself once; this PC will remember.</p>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (picking !== '') void updateDevice({ clinicianViewId: picking });
          }}
        >
          <label className="field">
            Clinician
            <select value={picking} onChange={(event) => setPicking(event.target.value)}>
              <option value="">Choose…</option>
              {clinicians.map((clinician) => (
                <option key={clinician.id} value={clinician.id}>
                  {clinician.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            This is me
          </button>
        </form>
      </section>
    );
  }

  const typeName = new Map(types.map((type) => [type.id, type.name]));
  const mine = contacts.filter((contact) => contact.clinicianId === row.clinicianId);

  async function compact() {
    const result = await setCompact(true);
    if (!result.ok) announce(result.error.message, 'error');
  }

  return (
    <div className="clinician-view">
      <section className="panel my-capacity" aria-labelledby="mine-heading">
        <h2 id="mine-heading">
          {row.name}
          {row.duty && <span className="badge-duty">Duty</span>}
        </h2>
        <p className="muted">
          {ROLE_LABELS[row.role]} · {sessionsText(row)}
        </p>
        <p className="giant" aria-describedby="mine-detail">
          {row.capped ? row.remaining : row.used}
          <span className="giant-unit">{row.capped ? ` left of ${row.cap}` : ' contacts today (no cap)'}</span>
        </p>
        <p id="mine-detail">
          <StateBadge state={row.state} /> {describeUsage(row)}
        </p>
        <div className="actions left">
          {canCompact() && (
            <button type="button" onClick={() => void compact()}>
              Small always-on-top window
            </button>
          )}
          <button type="button" className="quiet" onClick={() => void updateDevice({ clinicianViewId: null })}>
            Not {row.name}? Change
          </button>
        </div>
      </section>
      <section className="panel" aria-labelledby="my-contacts-heading">
        <h2 id="my-contacts-heading">Today’s contacts ({mine.filter((contact) => !contact.voided).length})</h2>
        {mine.length === 0 ? (
          <p className="muted">None yet today.</p>
        ) : (
          <table className="plain-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Type</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((contact) => (
                <tr key={contact.id} className={contact.voided ? 'voided' : undefined}>
                  <td>{formatTime(contact.occurredAt)}</td>
                  <td>
                    {typeName.get(contact.typeId) ?? contact.typeId}
                    {!contact.counts && ' (not counted)'}
                  </td>
                  <td>
                    {contact.voided && <span className="tag">Voided: {contact.voided.reason}</span>}
                    {!contact.voided && contact.overCapReason !== null && <span className="flag-urgent">Urgent, over cap: {contact.overCapReason}</span>}
                    {!contact.voided && contact.overCapReason === null && contact.overCap && <span className="flag-urgent">Over cap</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
