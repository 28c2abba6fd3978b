import { capFor, isAtCapacity } from '../../../shared/capacity.ts';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import { FALLBACK_CONTACT_TYPE } from '../../../shared/contactTypes.ts';
import type { CapMode, Contact, Session } from '../../../shared/domain.ts';
import { addPracticeDays, practiceDayOf } from '../../../shared/practiceDay.ts';
import { sessionOf } from '../../../shared/rota.ts';
import type { PracticeSettings } from '../../../shared/settings.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { contactsOnDay, countedBySession, getContactRecord, typeUsageSince, type ContactRecord } from '../repos/contactsRepo.ts';
import { rotaDaysOn } from '../repos/rotaRepo.ts';
import { requireClinician } from './clinicians.ts';
import { requireContactType } from './contactTypes.ts';
import { currentConfig, currentContactTypes } from './configViews.ts';
import { loadDay, planClinicians, type ClinicianDayPlan } from './dayPlan.ts';
import { assertNotVoided, authorOf, occurredAtFor, voidedOf } from './recording.ts';

export function toContact(record: ContactRecord, overCapIds: ReadonlySet<string>): Contact {
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
    recordedBy: record.recordedBy,
    device: record.device,
    voided: voidedOf(record),
  };
}

const usualTypeCache = new WeakMap<object, { day: string; typeId: string }>();

/**
 * The desk's default type: the practice's choice, or with "auto" its most
 * common counted type over the last four weeks (worked out once a day).
 */
export function usualContactType(ctx: CoreContext, settings: PracticeSettings): string {
  const active = currentContactTypes(ctx.db).filter((type) => type.active);
  if (settings.defaultContactType !== 'auto' && active.some((type) => type.id === settings.defaultContactType)) return settings.defaultContactType;
  const today = practiceDayOf(ctx.clock.now());
  const cached = usualTypeCache.get(ctx.db);
  if (cached?.day === today && active.some((type) => type.id === cached.typeId)) return cached.typeId;
  const used = typeUsageSince(ctx.db, addPracticeDays(today, -28)).find((row) => active.some((type) => type.id === row.typeId));
  const typeId = used?.typeId ?? (active.some((type) => type.id === FALLBACK_CONTACT_TYPE) ? FALLBACK_CONTACT_TYPE : (active[0]?.id ?? FALLBACK_CONTACT_TYPE));
  usualTypeCache.set(ctx.db, { day: today, typeId });
  return typeId;
}

export function recordContact(ctx: CoreContext, input: ParsedInputOf<'contact.record'>): Contact {
  return write(ctx, () => {
    const clinician = requireClinician(ctx, input.clinicianId);
    if (!clinician.active) {
      throw new DomainError('conflict', `${clinician.name} is no longer on the board. Choose a clinician who works here now.`, 'clinicianId');
    }
    const now = ctx.clock.now();
    const occurredAt = occurredAtFor(now, input.occurredAt);
    const day = practiceDayOf(occurredAt);
    const snapshot = currentConfig(ctx.db);
    const type = requireContactType(ctx, input.typeId ?? usualContactType(ctx, snapshot.settings));
    if (!type.active) throw new DomainError('invalid_input', `“${type.name}” is no longer in use. Choose another type of contact.`, 'typeId');
    const { settings } = snapshot;
    const session = sessionOf(occurredAt, settings.sessionSplit);
    const dayPlan = planClinicians({ ...snapshot, clinicians: [clinician] }, rotaDaysOn(ctx.db, day), day).get(clinician.id);
    const counted = countedBySession(ctx.db, day, clinician.id);
    const used = settings.capMode === 'session' ? counted[session] : counted.am + counted.pm;
    const limit = dayPlan ? capFor(dayPlan.plan, settings.capMode, session) : 0;
    const capped = dayPlan?.plan.capped ?? false;
    if (type.counts && isAtCapacity({ capped, used, cap: limit }) && input.overCapReason === undefined) throw atCapacity(clinician.name, dayPlan, used, limit, settings.capMode, session);
    const contactId = ctx.ids.newId();
    ctx.log.append('contact.recorded', {
      contactId,
      clinicianId: clinician.id,
      typeId: type.id,
      counts: type.counts,
      occurredAt,
      practiceDay: day,
      session,
      overCapReason: input.overCapReason ?? null,
      ...authorOf(ctx),
    });
    const record = getContactRecord(ctx.db, contactId);
    if (!record) throw new Error('A contact just recorded could not be read back.');
    // The newest contact in recording order: over the cap when the ones before it already reached it.
    return toContact(record, new Set(type.counts && capped && used + 1 > limit ? [contactId] : []));
  });
}

/** The warning a full clinician's desk gets: route the patient, or record an urgent contact with a reason. */
function atCapacity(name: string, dayPlan: ClinicianDayPlan | undefined, used: number, limit: number, capMode: CapMode, session: Session): DomainError {
  if (!dayPlan?.working) {
    return new DomainError('at_capacity', `${name} is not on the rota today. Offer a clinician who is working, or record it as an urgent contact with a reason.`, 'clinicianId');
  }
  const scope = capMode === 'session' ? (session === 'am' ? 'this morning' : 'this afternoon') : 'today';
  if (capMode === 'session' && !dayPlan.sessions[session]) {
    return new DomainError('at_capacity', `${name} is not working ${scope}. Offer a clinician who is, or record it as an urgent contact with a reason.`, 'clinicianId');
  }
  return new DomainError(
    'at_capacity',
    `${name} is full (${used} of ${limit} ${scope}). Offer another clinician or service, or record it as an urgent over-cap contact with a reason.`,
    'clinicianId',
  );
}

function contactById(ctx: CoreContext, contactId: string): Contact {
  const record = getContactRecord(ctx.db, contactId);
  if (!record) throw new DomainError('not_found', 'That contact is not in ContactCap’s records. Refresh the list and choose it again.', 'contactId');
  const day = loadDay(ctx.db, record.practiceDay, ctx.clock.now(), record.clinicianId);
  return toContact(record, day.overCapIds);
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
  const state = loadDay(ctx.db, day, now, input.clinicianId);
  // By time, newest first; recording order breaks ties (a backdated contact sits at its own time).
  return contactsOnDay(ctx.db, day, input.clinicianId)
    .map((record) => toContact(record, state.overCapIds))
    .reverse()
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
}
