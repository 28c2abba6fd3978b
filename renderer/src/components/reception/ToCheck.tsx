import type { Contact } from '../../../../shared/domain.ts';
import { formatTime } from '../../format.ts';
import { useDeskFlow } from '../../stores/deskFlow.ts';
import { ProblemIcon } from '../common/ProblemIcon.tsx';
import type { Entry } from './ActivityItem.tsx';

/**
 * Contacts over the cap because two PCs that could not see each other both
 * took a clinician's last places: each says why, and offers the two ways on.
 * Redirecting the patient records a redirection, then voids the contact with
 * a reason; voiding asks for the reason. Nothing happens until one is chosen.
 */
export function ToCheck({ contacts, entryOf, onVoid }: { contacts: readonly Contact[]; entryOf: (contact: Contact) => Entry; onVoid: (entry: Entry) => void }) {
  return (
    <section className="to-check-box" aria-labelledby="to-check-heading">
      <h3 id="to-check-heading">
        <ProblemIcon />
        {contacts.length === 1 ? '1 contact to check' : `${contacts.length} contacts to check`}
      </h3>
      <ul>
        {contacts.map((contact) => {
          const entry = entryOf(contact);
          return (
            <li key={contact.id}>
              <p className="to-check-what">
                <strong>
                  {formatTime(contact.occurredAt)} · {entry.who}
                </strong>{' '}
                · {entry.what}
              </p>
              <p className="to-check-why">{contact.overCommit}</p>
              <div className="actions actions-start">
                <button
                  type="button"
                  aria-label={`Redirect the patient… (${entry.named})`}
                  onClick={() =>
                    useDeskFlow.getState().open({
                      kind: 'redirect',
                      clinicianId: contact.clinicianId,
                      reason: 'clinician_at_capacity',
                      replaces: { contactId: contact.id, named: entry.named },
                    })
                  }
                >
                  Redirect the patient…
                </button>
                <button type="button" aria-label={`Void it with a reason… (${entry.named})`} onClick={() => onVoid(entry)}>
                  Void it with a reason…
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
