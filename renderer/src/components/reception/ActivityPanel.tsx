import { memo, useMemo, useState } from 'react';
import type { Contact } from '../../../../shared/domain.ts';
import { formatShortDate, formatTime, plural } from '../../format.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { useDeskFlow } from '../../stores/deskFlow.ts';
import { useDeskStore, type EntryKind } from '../../stores/deskStore.ts';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { VoidDialog } from './VoidDialog.tsx';

interface Entry {
  kind: EntryKind;
  id: string;
  at: string;
  who: string;
  what: string;
  flag: string | null;
  voided: string | null;
  /** What it is, for the sentence once it is voided: "the telephone contact for Dr Ada Patel at 09:12". */
  named: string;
}

const SHOWN = 60;

/** Urgent over the cap, urgent with room to spare, over the cap, or a late entry: in words. */
function contactFlag(contact: Contact): string | null {
  const late = contact.lateReason !== null ? `Late entry: ${contact.lateReason}` : null;
  const urgent =
    contact.overCapReason === null ? (contact.overCap ? 'Over cap' : null) : contact.overCap ? `Urgent, over cap: ${contact.overCapReason}` : `Urgent: ${contact.overCapReason}`;
  return [urgent, late].filter((part) => part !== null).join(' · ') || null;
}

/**
 * Everything recorded today, newest first. A voided entry stays, struck through and labelled.
 * Memoised: its one prop is a stable callback and it reads the stores itself, so a board update leaves it alone.
 */
export const ActivityPanel = memo(function ActivityPanel({ onVoided }: { onVoided: (sentence: string) => void }) {
  const contacts = useDeskStore((state) => state.contacts);
  const redirections = useDeskStore((state) => state.redirections);
  const deferrals = useDeskStore((state) => state.deferrals);
  const clinicians = useRosterStore((state) => state.clinicians);
  const types = useCatalogueStore((state) => state.contactTypes);
  const [voiding, setVoiding] = useState<Entry | null>(null);
  const [showAll, setShowAll] = useState(false);

  const entries = useMemo(() => {
    const nameOf = new Map(clinicians.map((clinician) => [clinician.id, clinician.name]));
    const typeOf = new Map(types.map((type) => [type.id, type.name]));
    const list: Entry[] = [
      ...contacts.map((contact) => ({
        kind: 'contact' as const,
        id: contact.id,
        at: contact.occurredAt,
        who: nameOf.get(contact.clinicianId) ?? 'Unknown clinician',
        what: `${typeOf.get(contact.typeId) ?? contact.typeId}${contact.counts ? '' : ' (not counted)'}${contact.recordedBy ? ` · ${contact.recordedBy}` : ''}`,
        flag: contactFlag(contact),
        voided: contact.voided?.reason ?? null,
        named: `the ${(typeOf.get(contact.typeId) ?? 'contact').toLowerCase()} contact for ${nameOf.get(contact.clinicianId) ?? 'an unknown clinician'} at ${formatTime(contact.occurredAt)}`,
      })),
      ...redirections.map((redirection) => ({
        kind: 'redirection' as const,
        id: redirection.id,
        at: redirection.occurredAt,
        who: `→ ${redirection.destinationName}`,
        what: `${redirection.emergency ? 'Emergency escalation' : 'Redirected'}${redirection.recordedBy ? ` · ${redirection.recordedBy}` : ''}`,
        flag: redirection.destinationKind === 'nhs_111' && redirection.icbInformed !== true ? '111: ICB not yet informed' : null,
        voided: redirection.voided?.reason ?? null,
        named: `the ${redirection.emergency ? 'emergency escalation' : 'redirection'} to ${redirection.destinationName} at ${formatTime(redirection.occurredAt)}`,
      })),
      ...deferrals.map((deferral) => ({
        kind: 'deferral' as const,
        id: deferral.id,
        at: deferral.occurredAt,
        who: deferral.clinicianId ? (nameOf.get(deferral.clinicianId) ?? 'Practice') : 'Practice',
        what: deferral.kind === 'waiting_list' ? 'Waiting list' : `Later date: ${deferral.untilDay ? formatShortDate(deferral.untilDay) : ''}`,
        flag: null,
        voided: deferral.voided?.reason ?? null,
        named: `the ${deferral.kind === 'waiting_list' ? 'waiting list entry' : 'later date'}${deferral.clinicianId ? ` for ${nameOf.get(deferral.clinicianId) ?? 'a clinician'}` : ''} at ${formatTime(deferral.occurredAt)}`,
      })),
    ];
    return list.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  }, [contacts, redirections, deferrals, clinicians, types]);

  const counted = contacts.filter((contact) => contact.counts && !contact.voided).length;
  // As in the reports: 999 / A&E is an emergency escalation, counted apart from redirections.
  const standing = redirections.filter((redirection) => !redirection.voided);
  const escalated = standing.filter((redirection) => redirection.emergency).length;
  const redirected = standing.length - escalated;
  const deferred = deferrals.filter((deferral) => !deferral.voided).length;
  const shown = showAll ? entries : entries.slice(0, SHOWN);

  return (
    <section className="panel activity" aria-labelledby="activity-heading">
      <div className="activity-head">
        <h2 id="activity-heading">Today at the desk</h2>
        <button type="button" onClick={() => useDeskFlow.getState().open({ kind: 'late' })}>
          Late entry…
        </button>
      </div>
      <p className="activity-summary">
        {plural(counted, 'contact')} · {redirected} redirected{escalated > 0 && ` · ${plural(escalated, 'emergency escalation')}`} · {deferred} kept for later
      </p>
      {entries.length === 0 ? (
        <p className="muted">Nothing recorded yet today.</p>
      ) : (
        <ol className="activity-list" aria-label="Today’s entries, newest first">
          {shown.map((entry) => (
            <li key={`${entry.kind}-${entry.id}`} className={entry.voided ? 'voided' : undefined}>
              <span className="time">{formatTime(entry.at)}</span>
              <span className="who">{entry.who}</span>
              <span className="what">
                {entry.what}
                {entry.flag && <span className="flag"> · {entry.flag}</span>}
              </span>
              {entry.voided ? (
                <span className="tag" title={entry.voided}>
                  Voided
                </span>
              ) : (
                <button
                  type="button"
                  className="quiet"
                  aria-label={`Void ${entry.kind}: ${formatTime(entry.at)} ${entry.who}, ${entry.what}`}
                  onClick={() => setVoiding(entry)}
                >
                  Void
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {entries.length > SHOWN && (
        <button type="button" className="quiet" onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show the latest only' : `Show all ${entries.length}`}
        </button>
      )}
      {voiding && (
        <VoidDialog
          kind={voiding.kind}
          id={voiding.id}
          summary={`${formatTime(voiding.at)} · ${voiding.who} · ${voiding.what}`}
          onClose={() => setVoiding(null)}
          onVoided={() => onVoided(`Voided ${voiding.named}${voiding.kind === 'contact' ? '. It no longer counts toward the cap' : ''}. It stays in today’s list, crossed out.`)}
        />
      )}
    </section>
  );
});
