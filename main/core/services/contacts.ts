import { isAtCapacity } from '../../../shared/capacity.ts';
import type { ParsedInputOf, Recorded } from '../../../shared/contract.ts';
import type { CapMode, Contact, Session } from '../../../shared/domain.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import { sessionOf } from '../../../shared/rota.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { contactsOnDay, getContactRecord, type ContactRecord } from '../repos/contactsRepo.ts';
import { withBoard } from './board.ts';
import { requireClinician } from './clinicians.ts';
import { requireContactType, usualContactType } from './contactTypes.ts';
import { currentConfig } from './configViews.ts';
import { deskFiguresAt, loadDay, type DeskFigures } from './dayPlan.ts';
import { assertNotVoided, authorOf, repeatedRequest, voidedOf, whenRecorded } from './recording.ts';

function listOf(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Why each over-cap contact without an urgent reason is over the cap. Two PCs
 * that could not see each other may both record a clinician's last place;
 * once they meet, the later in the day's order (the same on every PC) is over,
 * and is explained here by the PCs whose contacts came before it.
 * `records` is one day in the day's order.
 */
export function overCommitNotes(records: readonly ContactRecord[], overCapIds: ReadonlySet<string>): Map<string, string> {
  const notes = new Map<string, string>();
  const before = new Map<string, ContactRecord[]>();
  for (const record of records) {
    if (!record.counts || record.voidReason !== null) continue;
    const earlier = before.get(record.clinicianId) ?? [];
    if (overCapIds.has(record.id) && record.overCapReason === null && record.lateReason === null) {
      const others = [...new Set(earlier.filter((other) => !overCapIds.has(other.id) && other.device !== record.device).map((other) => other.device || 'another PC'))];
      notes.set(
        record.id,
        others.length > 0
          ? `Over the cap: recorded on ${record.device || 'a PC'} while it could not see ${listOf(others)}, which had recorded contacts for the same clinician. Redirect the patient, or void it with a reason.`
          : 'Over the cap with no urgent reason: the cap or the contacts before it changed after it was recorded. Redirect the patient, or void it with a reason.',
      );
    }
    earlier.push(record);
    before.set(record.clinicianId, earlier);
  }
  return notes;
}

export function toContact(record: ContactRecord, overCapIds: ReadonlySet<string>, overCommit: string | null = null): Contact {
  return {
    id: record.id,
    clinicianId: record.clinicianId,
    typeId: record.typeId,
    counts: record.counts,
    occurredAt: new Date(record.occurredAt).toISOString(),
    recordedAt: new Date(record.recordedAt).toISOString(),
    practiceDay: record.practiceDay,
    session: record.session,
    overCapReason: record.overCapReason,
    overCap: overCapIds.has(record.id),
    overCommit,
    lateReason: record.lateReason,
    recordedBy: record.recordedBy,
    device: record.device,
    voided: voidedOf(record),
  };
}

export function recordContact(ctx: CoreContext, input: ParsedInputOf<'contact.record'>): Recorded<Contact> {
  return write(ctx, () => {
    const repeated = repeatedRequest(ctx, input.requestId, 'contact');
    if (repeated !== null) {
      const first = contactById(ctx, repeated);
      if (first.clinicianId !== input.clinicianId) {
        throw new DomainError('conflict', 'This request id was already used to record a contact for another clinician. Nothing was recorded.', 'requestId');
      }
      return withBoard(ctx, input, first);
    }
    const clinician = requireClinician(ctx, input.clinicianId);
    if (!clinician.active) {
      throw new DomainError('conflict', `${clinician.name} is no longer on the board. Choose a clinician who works here now.`, 'clinicianId');
    }
    const now = ctx.clock.now();
    const when = whenRecorded(now, input.occurredAt, input.lateReason, currentConfig(ctx).settings.lateEntryDays);
    const type = requireContactType(ctx, input.typeId ?? usualContactType(ctx, currentConfig(ctx).settings));
    if (!type.active) throw new DomainError('invalid_input', `“${type.name}” is no longer in use. Choose another type of contact.`, 'typeId');
    // The same figures the board shows: one rule decides "at capacity" for both.
    const day = loadDay(ctx, when.practiceDay, now, clinician.id);
    const session = sessionOf(when.occurredAt, day.settings.sessionSplit);
    const figures = deskFiguresAt(day, clinician.id, when.occurredAt);
    // (design) A late entry already happened: it is judged against that day's cap, never refused by it.
    if (type.counts && when.lateReason === null && figures && isAtCapacity(figures) && input.overCapReason === undefined) {
      throw atCapacity(clinician.name, figures, day.settings.capMode, session);
    }
    const contactId = ctx.ids.newId();
    ctx.log.append('contact.recorded', {
      contactId,
      clinicianId: clinician.id,
      typeId: type.id,
      counts: type.counts,
      occurredAt: when.occurredAt,
      practiceDay: when.practiceDay,
      session,
      overCapReason: input.overCapReason ?? null,
      ...authorOf(ctx),
      requestId: input.requestId ?? null,
      lateReason: when.lateReason,
    });
    return withBoard(ctx, input, contactById(ctx, contactId));
  });
}

/** The warning a full clinician's desk gets: route the patient, or record an urgent contact with a reason. */
function atCapacity(name: string, figures: DeskFigures, capMode: CapMode, session: Session): DomainError {
  const urgent = 'Offer another clinician or service, or record it as an urgent contact with a reason.';
  if (figures.status === 'absent') return new DomainError('at_capacity', `${name} is absent today. ${urgent}`, 'clinicianId');
  if (figures.status === 'not_working') return new DomainError('at_capacity', `${name} is not on the rota today. ${urgent}`, 'clinicianId');
  if (figures.status === 'finished') return new DomainError('at_capacity', `${name} has finished for today. ${urgent}`, 'clinicianId');
  const scope = capMode === 'session' ? (session === 'am' ? 'this morning' : 'this afternoon') : 'today';
  if (capMode === 'session' && figures.cap === 0) {
    return new DomainError('at_capacity', `${name} is not working ${scope}. ${urgent}`, 'clinicianId');
  }
  return new DomainError(
    'at_capacity',
    `${name} is full (${figures.used} of ${figures.cap} ${scope}). Offer another clinician or service, or record it as an urgent over-cap contact with a reason.`,
    'clinicianId',
  );
}

function contactById(ctx: CoreContext, contactId: string): Contact {
  const record = getContactRecord(ctx, contactId);
  if (!record) throw new DomainError('not_found', 'That contact is not in ContactCap’s records. Refresh the list and choose it again.', 'contactId');
  const day = loadDay(ctx, record.practiceDay, ctx.clock.now(), record.clinicianId);
  const notes = day.overCapIds.has(record.id) ? overCommitNotes(contactsOnDay(ctx, record.practiceDay, record.clinicianId), day.overCapIds) : null;
  return toContact(record, day.overCapIds, notes?.get(record.id) ?? null);
}

export function voidContact(ctx: CoreContext, input: ParsedInputOf<'contact.void'>): Contact {
  return write(ctx, () => {
    const contact = contactById(ctx, input.contactId);
    assertNotVoided(contact.voided, 'contact', 'contactId');
    ctx.log.append('contact.voided', { contactId: contact.id, reason: input.reason });
    return contactById(ctx, contact.id);
  });
}

export function listContactsFor(ctx: CoreContext, input: ParsedInputOf<'contact.listForDay'>): Contact[] {
  const now = ctx.clock.now();
  const day = input.day ?? practiceDayOf(now);
  const state = loadDay(ctx, day, now, input.clinicianId);
  // By time, newest first; recording order breaks ties (a backdated contact sits at its own time).
  const records = contactsOnDay(ctx, day, input.clinicianId);
  const notes = overCommitNotes(records, state.overCapIds);
  return records
    .map((record) => toContact(record, state.overCapIds, notes.get(record.id) ?? null))
    .reverse()
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
}
