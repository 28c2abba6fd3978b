import { useState } from 'react';
import { CONTACT_MODES, MODE_LABELS, type ContactMode } from '../../../shared/domain.ts';
import { useAnnounceStore } from '../stores/announceStore.ts';
import { useTodayStore } from '../stores/todayStore.ts';
import { TodayContacts } from './TodayContacts.tsx';

export function TodayScreen({ onManageClinicians }: { onManageClinicians: () => void }) {
  const board = useTodayStore((state) => state.board);
  const loadError = useTodayStore((state) => state.loadError);
  const recordContact = useTodayStore((state) => state.recordContact);
  const announce = useAnnounceStore((state) => state.announce);
  const [mode, setMode] = useState<ContactMode>('face_to_face');

  async function record(clinicianId: string, name: string) {
    const result = await recordContact(clinicianId, mode);
    if (result.ok) announce(`Recorded a ${MODE_LABELS[mode].toLowerCase()} contact for ${name}.`);
    else announce(result.error.message, 'error');
  }

  return (
    <div className="today">
      <section className="board" aria-labelledby="board-heading">
        <div className="section-head">
          <h2 id="board-heading">Today’s board</h2>
          <label className="inline-field">
            Contact mode
            <select value={mode} onChange={(event) => setMode(event.target.value as ContactMode)}>
              {CONTACT_MODES.map((value) => (
                <option key={value} value={value}>
                  {MODE_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {loadError && (
          <p role="alert" className="banner banner-error">
            {loadError}
          </p>
        )}
        {board && board.rows.length === 0 && (
          <div className="empty">
            <p>No clinicians on the board yet.</p>
            <button type="button" className="primary" onClick={onManageClinicians}>
              Add a clinician
            </button>
          </div>
        )}
        {board && board.rows.length > 0 && (
          <table className="board-table">
            <caption className="visually-hidden">Contacts used today by each clinician</caption>
            <thead>
              <tr>
                <th scope="col">Clinician</th>
                <th scope="col" className="num">
                  Used
                </th>
                <th scope="col" className="num">
                  Cap
                </th>
                <th scope="col" className="num">
                  Left
                </th>
                <th scope="col">
                  <span className="visually-hidden">Record</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {board.rows.map((row) => (
                <tr key={row.clinicianId} data-clinician={row.name}>
                  <th scope="row">{row.name}</th>
                  <td className="num big" data-testid="used">
                    {row.used}
                  </td>
                  <td className="num">{row.cap}</td>
                  <td className="num big">{row.remaining}</td>
                  <td>
                    <button type="button" className="primary" aria-label={`Record a contact for ${row.name}`} onClick={() => void record(row.clinicianId, row.name)}>
                      Record
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <TodayContacts />
    </div>
  );
}
