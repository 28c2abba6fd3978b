import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { Contact } from '../../../shared/domain.ts';
import { practiceDayOf, practiceTimeOf } from '../../../shared/practiceDay.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { getContact, listContactsForDay } from '../repos/contactsRepo.ts';
import { requireClinician } from './clinicians.ts';

function requireContact(ctx: CoreContext, contactId: string): Contact {
  const contact = getContact(ctx.db, contactId);
  if (!contact) {
    throw new DomainError('not_found', 'That contact is not in ContactCap’s records. Refresh the list and choose it again.', 'contactId');
  }
  return contact;
}

/** When the contact happened: now by default; earlier today is allowed, the future is not. */
function occurredAtFor(nowMs: number, requested: string | undefined): number {
  if (requested === undefined) return nowMs;
  const occurredAt = Date.parse(requested);
  if (occurredAt > nowMs) {
    throw new DomainError('invalid_input', 'That time is in the future. Enter when the contact happened, or leave the time empty for now.', 'occurredAt');
  }
  if (practiceDayOf(occurredAt) !== practiceDayOf(nowMs)) {
    throw new DomainError('invalid_input', 'Contacts can only be backdated to earlier today (since midnight).', 'occurredAt');
  }
  return occurredAt;
}

export function recordContact(ctx: CoreContext, input: ParsedInputOf<'contact.record'>): Contact {
  return write(ctx, () => {
    const clinician = requireClinician(ctx, input.clinicianId);
    if (!clinician.active) {
      throw new DomainError('conflict', `${clinician.name} is no longer on the board. Choose a clinician who is working today.`, 'clinicianId');
    }
    const occurredAt = occurredAtFor(ctx.clock.now(), input.occurredAt);
    const contactId = ctx.ids.newId();
    ctx.log.append('contact.recorded', {
      contactId,
      clinicianId: clinician.id,
      mode: input.mode,
      occurredAt,
      practiceDay: practiceDayOf(occurredAt),
    });
    return requireContact(ctx, contactId);
  });
}

export function voidContact(ctx: CoreContext, input: ParsedInputOf<'contact.void'>): Contact {
  return write(ctx, () => {
    const contact = requireContact(ctx, input.contactId);
    if (contact.voided) {
      throw new DomainError(
        'conflict',
        `This contact was already voided at ${practiceTimeOf(Date.parse(contact.voided.voidedAt))} (“${contact.voided.reason}”). Nothing was changed.`,
        'contactId',
      );
    }
    ctx.log.append('contact.voided', { contactId: contact.id, reason: input.reason });
    return requireContact(ctx, contact.id);
  });
}

export function listContactsFor(ctx: CoreContext, input: ParsedInputOf<'contact.listForDay'>): Contact[] {
  return listContactsForDay(ctx.db, input.day ?? practiceDayOf(ctx.clock.now()), input.clinicianId);
}
