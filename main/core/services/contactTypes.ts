import type { ParsedInputOf } from '../../../shared/contract.ts';
import { FALLBACK_CONTACT_TYPE, RESERVED_TYPE_KEYS } from '../../../shared/contactTypes.ts';
import type { ContactType } from '../../../shared/domain.ts';
import { addPracticeDays, practiceDayOf } from '../../../shared/practiceDay.ts';
import type { PracticeSettings } from '../../../shared/settings.ts';
import { nameKey } from '../../../shared/text.ts';
import { write, type CoreContext } from '../context.ts';
import { CacheSlot } from '../db/caches.ts';
import { changedFields } from './changes.ts';
import { DomainError } from '../errors.ts';
import { typeUsageSince } from '../repos/contactsRepo.ts';
import { currentContactTypes } from './configViews.ts';

/** The usual type, worked out once a practice day (and again after any change to the configuration). */
const USUAL_TYPE = new CacheSlot<{ day: string; typeId: string }>('usual contact type', ['config'], () => ({ day: '', typeId: '' }));

/**
 * The desk's default type: the practice's choice, or with "auto" its most
 * common counted type over the last four weeks (worked out once a day).
 */
export function usualContactType(ctx: CoreContext, settings: PracticeSettings): string {
  const active = currentContactTypes(ctx).filter((type) => type.active);
  if (settings.defaultContactType !== 'auto' && active.some((type) => type.id === settings.defaultContactType)) return settings.defaultContactType;
  const today = practiceDayOf(ctx.clock.now());
  const cached = ctx.caches.slot(USUAL_TYPE);
  if (cached.day === today && active.some((type) => type.id === cached.typeId)) return cached.typeId;
  const used = typeUsageSince(ctx, addPracticeDays(today, -28)).find((row) => active.some((type) => type.id === row.typeId));
  const typeId = used?.typeId ?? (active.some((type) => type.id === FALLBACK_CONTACT_TYPE) ? FALLBACK_CONTACT_TYPE : (active[0]?.id ?? FALLBACK_CONTACT_TYPE));
  cached.day = today;
  cached.typeId = typeId;
  return typeId;
}

export function requireContactType(ctx: CoreContext, typeId: string): ContactType {
  const type = currentContactTypes(ctx).find((candidate) => candidate.id === typeId);
  if (!type) throw new DomainError('not_found', 'That type of contact is not on the list. Choose one from the list.', 'typeId');
  return type;
}

function assertFree(ctx: CoreContext, name: string | undefined, key: string | null | undefined, exceptId?: string): void {
  const others = currentContactTypes(ctx).filter((type) => type.active && type.id !== exceptId);
  if (name !== undefined && others.some((type) => nameKey(type.name) === nameKey(name))) {
    throw new DomainError('conflict', `There is already a type of contact called “${name}”.`, 'name');
  }
  if (key === undefined || key === null) return;
  if (RESERVED_TYPE_KEYS.includes(key)) {
    throw new DomainError('invalid_input', `The letter ${key} is used by the reception desk for something else. Choose another letter.`, 'key');
  }
  const taken = others.find((type) => type.key === key);
  if (taken) throw new DomainError('conflict', `The letter ${key} already picks “${taken.name}”. Choose another letter.`, 'key');
}

export function listContactTypes(ctx: CoreContext, input: ParsedInputOf<'contactType.list'>): ContactType[] {
  const all = currentContactTypes(ctx);
  return input.includeInactive ? [...all] : all.filter((type) => type.active);
}

export function createContactType(ctx: CoreContext, input: ParsedInputOf<'contactType.create'>): ContactType {
  return write(ctx, () => {
    assertFree(ctx, input.name, input.key);
    const typeId = ctx.ids.newId();
    ctx.log.append('contactType.created', { typeId, name: input.name, counts: input.counts, key: input.key ?? null });
    return requireContactType(ctx, typeId);
  });
}

export function updateContactType(ctx: CoreContext, input: ParsedInputOf<'contactType.update'>): ContactType {
  return write(ctx, () => {
    const { typeId, ...requested } = input;
    const current = requireContactType(ctx, typeId);
    const changes = changedFields(current, requested);
    if (Object.keys(changes).length === 0) return current;
    const next: ContactType = { ...current, ...changes };
    // Checked whenever the type ends up in use, so switching one back on cannot take another's name or letter.
    if (next.active) assertFree(ctx, next.name, next.key, typeId);
    if (!next.active && !currentContactTypes(ctx).some((type) => type.active && type.id !== typeId)) {
      throw new DomainError('conflict', 'Keep at least one type of contact in use, or nothing could be recorded.', 'active');
    }
    ctx.log.append('contactType.updated', { typeId, changes });
    return requireContactType(ctx, typeId);
  });
}
