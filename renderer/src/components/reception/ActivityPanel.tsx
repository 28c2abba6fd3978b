import { memo, useMemo, useState } from 'react';
import type { Contact, Deferral, Redirection } from '../../../../shared/domain.ts';
import { formatShortDate, formatTime, plural } from '../../format.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { useDeskFlow } from '../../stores/deskFlow.ts';
import { useDeskStore } from '../../stores/deskStore.ts';
import { ActivityItem, identifierLine, type Entry } from './ActivityItem.tsx';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { ToCheck } from './ToCheck.tsx';
import { VoidDialog } from './VoidDialog.tsx';

type Dated = { at: number } & ({ kind: 'contact'; item: Contact } | { kind: 'redirection'; item: Redirection } | { kind: 'deferral'; item: Deferral });

interface Names {
  clinician: Map<string, string>;
  type: Map<string, string>;
}

const SHOWN = 60;

/** Urgent over the cap, urgent with room to spare, over the cap, or a late entry: in words. */
function contactFlag(contact: Contact): string | null {
  const late = contact.lateReason !== null ? `Late entry: ${contact.lateReason}` : null;
  const toCheck = contact.overCommit !== null && contact.voided === null;
  const urgent =
    contact.overCapReason === null
      ? contact.overCap
        ? toCheck
          ? 'Over cap, to check'
          : 'Over cap'
        : null
      : contact.overCap
        ? `Urgent, over cap: ${contact.overCapReason}`
        : `Urgent: ${contact.overCapReason}`;
  return [urgent, late].filter((part) => part !== null).join(' · ') || null;
}

/** One entry of the list, in words. */
function entryOf(dated: Dated, names: Names): Entry {
  switch (dated.kind) {
    case 'contact': {
      const contact = dated.item;
      return {
        kind: 'contact',
        id: contact.id,
        at: contact.occurredAt,
        who: names.clinician.get(contact.clinicianId) ?? 'Unknown clinician',
        what: `${names.type.get(contact.typeId) ?? contact.typeId}${contact.counts ? '' : ' (not counted)'}${contact.recordedBy ? ` · ${contact.recordedBy}` : ''}`,
        flag: contactFlag(contact),
        detail: null,
        voided: contact.voided?.reason ?? null,
        named: `the ${(names.type.get(contact.typeId) ?? 'contact').toLowerCase()} contact for ${names.clinician.get(contact.clinicianId) ?? 'an unknown clinician'} at ${formatTime(contact.occurredAt)}`,
      };
    }
    case 'redirection': {
      const redirection = dated.item;
      return {
        kind: 'redirection',
        id: redirection.id,
        at: redirection.occurredAt,
        who: `→ ${redirection.destinationName}`,
        what: `${redirection.emergency ? 'Emergency escalation' : 'Redirected'}${redirection.recordedBy ? ` · ${redirection.recordedBy}` : ''}`,
        flag: redirection.destinationKind === 'nhs_111' && redirection.icbInformed !== true ? '111: ICB not yet informed' : null,
        detail: identifierLine(redirection),
        voided: redirection.voided?.reason ?? null,
        named: `the ${redirection.emergency ? 'emergency escalation' : 'redirection'} to ${redirection.destinationName} at ${formatTime(redirection.occurredAt)}`,
      };
    }
    case 'deferral': {
      const deferral = dated.item;
      return {
        kind: 'deferral',
        id: deferral.id,
        at: deferral.occurredAt,
        who: deferral.clinicianId ? (names.clinician.get(deferral.clinicianId) ?? 'Practice') : 'Practice',
        what: deferral.kind === 'waiting_list' ? 'Waiting list' : `Later date: ${deferral.untilDay ? formatShortDate(deferral.untilDay) : ''}`,
        flag: null,
        detail: identifierLine(deferral),
        voided: deferral.voided?.reason ?? null,
        named: `the ${deferral.kind === 'waiting_list' ? 'waiting list entry' : 'later date'}${deferral.clinicianId ? ` for ${names.clinician.get(deferral.clinicianId) ?? 'a clinician'}` : ''} at ${formatTime(deferral.occurredAt)}`,
      };
    }
  }
}

/**
 * Everything recorded today, newest first. A voided entry stays, struck through and labelled.
 * Memoised: it takes no props and reads the stores itself, so a board update leaves it alone.
 */
export const ActivityPanel = memo(function ActivityPanel({ onVoided }: { onVoided: (sentence: string) => void }) {
  const contacts = useDeskStore((state) => state.contacts);
  const redirections = useDeskStore((state) => state.redirections);
  const deferrals = useDeskStore((state) => state.deferrals);
  const clinicians = useRosterStore((state) => state.clinicians);
  const types = useCatalogueStore((state) => state.contactTypes);
  const [voiding, setVoiding] = useState<Entry | null>(null);
  const toCheck = useMemo(() => contacts.filter((contact) => contact.overCommit !== null && contact.voided === null), [contacts]);
  const [showAll, setShowAll] = useState(false);

  // Every entry's place, newest first: each time read once, and only the entries shown are spelt out.
  const timeline = useMemo(() => {
    const list: Dated[] = [
      ...contacts.map((item) => ({ at: Date.parse(item.occurredAt), kind: 'contact' as const, item })),
      ...redirections.map((item) => ({ at: Date.parse(item.occurredAt), kind: 'redirection' as const, item })),
      ...deferrals.map((item) => ({ at: Date.parse(item.occurredAt), kind: 'deferral' as const, item })),
    ];
    return list.sort((a, b) => b.at - a.at);
  }, [contacts, redirections, deferrals]);
  const names = useMemo(
    () => ({ clinician: new Map(clinicians.map((clinician) => [clinician.id, clinician.name])), type: new Map(types.map((type) => [type.id, type.name])) }),
    [clinicians, types],
  );

  const counted = contacts.filter((contact) => contact.counts && !contact.voided).length;
  // As in the reports: 999 / A&E is an emergency escalation, counted apart from redirections.
  const standing = redirections.filter((redirection) => !redirection.voided);
  const escalated = standing.filter((redirection) => redirection.emergency).length;
  const redirected = standing.length - escalated;
  const deferred = deferrals.filter((deferral) => !deferral.voided).length;
  const shown = (showAll ? timeline : timeline.slice(0, SHOWN)).map((dated) => entryOf(dated, names));

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
      {toCheck.length > 0 && (
        <ToCheck
          contacts={toCheck}
          entryOf={(contact) => entryOf({ at: Date.parse(contact.occurredAt), kind: 'contact', item: contact }, names)}
          onVoid={setVoiding}
        />
      )}
      {timeline.length === 0 ? (
        <p className="muted">Nothing recorded yet today.</p>
      ) : (
        <ol className="activity-list" aria-label="Today’s entries, newest first">
          {shown.map((entry) => (
            <ActivityItem key={`${entry.kind}-${entry.id}`} {...entry} onVoid={setVoiding} />
          ))}
        </ol>
      )}
      {timeline.length > SHOWN && (
        <button type="button" className="quiet" onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show the latest only' : `Show all ${timeline.length}`}
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
