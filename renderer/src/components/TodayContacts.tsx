import { useMemo, useState } from 'react';
import { MODE_LABELS } from '../../../shared/domain.ts';
import { formatTime } from '../format.ts';
import { useTodayStore } from '../stores/todayStore.ts';
import { VoidDialog } from './VoidDialog.tsx';

/** Today's contacts, newest first; a voided one stays listed, struck through and labelled. */
export function TodayContacts() {
  const contacts = useTodayStore((state) => state.contacts);
  const board = useTodayStore((state) => state.board);
  const [voiding, setVoiding] = useState<string | null>(null);
  const names = useMemo(() => new Map(board?.rows.map((row) => [row.clinicianId, row.name]) ?? []), [board]);
  const target = contacts.find((contact) => contact.id === voiding) ?? null;

  return (
    <section className="contacts" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Today’s contacts</h2>
      {contacts.length === 0 ? (
        <p className="muted">None recorded yet today.</p>
      ) : (
        <ol className="contact-list" aria-label="Today’s contacts, newest first">
          {contacts.map((contact) => {
            const name = names.get(contact.clinicianId) ?? 'A clinician no longer on the board';
            const label = `${formatTime(contact.occurredAt)} ${name}, ${MODE_LABELS[contact.mode]}`;
            return (
              <li key={contact.id} className={contact.voided ? 'voided' : undefined}>
                <span className="time">{formatTime(contact.occurredAt)}</span>
                <span className="who">{name}</span>
                <span className="mode">{MODE_LABELS[contact.mode]}</span>
                {contact.voided ? (
                  <span className="tag">Voided: {contact.voided.reason}</span>
                ) : (
                  <button type="button" className="quiet" aria-label={`Void contact: ${label}`} onClick={() => setVoiding(contact.id)}>
                    Void
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {target && <VoidDialog contact={target} clinicianName={names.get(target.clinicianId) ?? ''} onClose={() => setVoiding(null)} />}
    </section>
  );
}
