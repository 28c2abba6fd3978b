import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { Clinician } from '../../../shared/domain.ts';
import { sortForBoard } from '../../../shared/boardOrder.ts';
import { nextFreeKey, spokenKey } from '../../../shared/deskKeys.ts';
import { deriveInitials, nameKey } from '../../../shared/text.ts';
import { write, type CoreContext } from '../context.ts';
import { changedFields } from './changes.ts';
import { DomainError } from '../errors.ts';
import { getConfig } from '../repos/configRepo.ts';
import { clinicianFrom, currentConfig } from './configViews.ts';

export function findClinician(ctx: CoreContext, clinicianId: string): Clinician | null {
  return currentConfig(ctx).clinicians.find((clinician) => clinician.id === clinicianId) ?? null;
}

/** The key a clinician would take: the one asked for if nobody on the board has it, or the next free one. */
function keyFor(ctx: CoreContext, requested: string | null | undefined, exceptId?: string): string | null {
  const holders = currentConfig(ctx).clinicians.filter((clinician) => clinician.active && clinician.key !== null && clinician.id !== exceptId);
  if (requested === undefined) return nextFreeKey(holders.map((clinician) => clinician.key));
  if (requested === null) return null;
  const holder = holders.find((clinician) => clinician.key === requested);
  if (holder) {
    throw new DomainError(
      'conflict',
      `Key ${spokenKey(requested)} is already ${holder.name}’s. Choose another key, or give ${holder.name} a different one first.`,
      'key',
    );
  }
  return requested;
}

/**
 * Gives every clinician on the board who has no key the next free one, in board
 * order: clinicians added before keys were their own, and any who lost a key to
 * a colleague added at the same time on another PC. Runs at every start.
 */
export function assignMissingKeys(ctx: CoreContext): void {
  const { clinicians, settings } = currentConfig(ctx);
  if (!clinicians.some((clinician) => clinician.active && clinician.key === null)) return;
  write(ctx, () => {
    const waiting = sortForBoard(
      currentConfig(ctx).clinicians.filter((clinician) => clinician.active && clinician.key === null),
      settings.boardOrder,
    );
    for (const clinician of waiting) {
      const key = keyFor(ctx, undefined);
      if (key === null) return;
      ctx.log.append('clinician.updated', { clinicianId: clinician.id, changes: { key } });
    }
  });
}

export function requireClinician(ctx: CoreContext, clinicianId: string, field = 'clinicianId'): Clinician {
  const clinician = findClinician(ctx, clinicianId);
  if (!clinician) throw new DomainError('not_found', 'That clinician is not on ContactCap’s list. Refresh the screen and choose again.', field);
  return clinician;
}

function assertNameFree(ctx: CoreContext, name: string, exceptId?: string): void {
  const key = nameKey(name);
  const existing = currentConfig(ctx).clinicians.find((clinician) => clinician.active && clinician.id !== exceptId && nameKey(clinician.name) === key);
  if (existing) {
    throw new DomainError(
      'conflict',
      `There is already a clinician called “${existing.name}” on the board. Add something to tell them apart, such as initials.`,
      'name',
    );
  }
}

/** Session caps go in pairs and must add up to the clinician's daily cap (DOMAIN.md §3). */
function assertSessionCapsFit(ctx: CoreContext, clinician: Omit<Clinician, 'id' | 'active' | 'name' | 'initials' | 'key'>): void {
  const { amCap, pmCap } = clinician;
  if (amCap === null && pmCap === null) return;
  if (amCap === null || pmCap === null) {
    throw new DomainError('invalid_input', 'Give both the morning and the afternoon cap, or neither.', amCap === null ? 'amCap' : 'pmCap');
  }
  const daily = clinician.dailyCap ?? currentConfig(ctx).settings.roleDefaults[clinician.role].dailyCap;
  if (amCap + pmCap !== daily) {
    throw new DomainError(
      'invalid_input',
      `The morning and afternoon caps (${amCap} + ${pmCap} = ${amCap + pmCap}) must add up to the daily cap (${daily}).`,
      'pmCap',
    );
  }
}

export function createClinician(ctx: CoreContext, input: ParsedInputOf<'clinician.create'>): Clinician {
  return write(ctx, () => {
    assertNameFree(ctx, input.name);
    const fields = {
      role: input.role,
      capped: input.capped ?? null,
      dailyCap: input.dailyCap ?? null,
      amCap: input.amCap ?? null,
      pmCap: input.pmCap ?? null,
    };
    assertSessionCapsFit(ctx, fields);
    const key = keyFor(ctx, input.key);
    const clinicianId = ctx.ids.newId();
    ctx.log.append('clinician.created', { clinicianId, name: input.name, initials: input.initials ?? deriveInitials(input.name), ...fields, key });
    return requireClinician(ctx, clinicianId);
  });
}

export function updateClinician(ctx: CoreContext, input: ParsedInputOf<'clinician.update'>): Clinician {
  return write(ctx, () => {
    const { clinicianId, ...requested } = input;
    const current = requireClinician(ctx, clinicianId);
    const changes = changedFields(current, requested);
    if (Object.keys(changes).length === 0) return current;
    const next: Clinician = { ...current, ...changes };
    if (changes.name !== undefined) assertNameFree(ctx, next.name, current.id);
    if (changes.key !== undefined) keyFor(ctx, next.key, current.id);
    assertSessionCapsFit(ctx, next);
    ctx.log.append('clinician.updated', { clinicianId, changes });
    return requireClinician(ctx, clinicianId);
  });
}

export function renameClinician(ctx: CoreContext, input: ParsedInputOf<'clinician.rename'>): Clinician {
  return updateClinician(ctx, { clinicianId: input.clinicianId, name: input.name });
}

function setActive(ctx: CoreContext, clinicianId: string, active: boolean): Clinician {
  return write(ctx, () => {
    const clinician = requireClinician(ctx, clinicianId);
    if (clinician.active === active) {
      throw new DomainError('conflict', active ? `${clinician.name} is already on the board.` : `${clinician.name} is already off the board.`, 'clinicianId');
    }
    if (active) assertNameFree(ctx, clinician.name, clinician.id);
    // Back on the board: their old key if it is still free, otherwise the next free one.
    const stored = getConfig(ctx, 'clinician', clinicianId);
    const oldKey = stored ? clinicianFrom(stored.id, stored.data).key : null;
    const free = (key: string | null) => key !== null && !currentConfig(ctx).clinicians.some((other) => other.active && other.key === key);
    const key = active ? (free(oldKey) ? oldKey : keyFor(ctx, undefined)) : undefined;
    ctx.log.append('clinician.updated', { clinicianId, changes: key === undefined || key === oldKey ? { active } : { active, key } });
    return requireClinician(ctx, clinicianId);
  });
}

export function deactivateClinician(ctx: CoreContext, input: ParsedInputOf<'clinician.deactivate'>): Clinician {
  return setActive(ctx, input.clinicianId, false);
}

export function reactivateClinician(ctx: CoreContext, input: ParsedInputOf<'clinician.reactivate'>): Clinician {
  return setActive(ctx, input.clinicianId, true);
}

export function listCliniciansFor(ctx: CoreContext, input: ParsedInputOf<'clinician.list'>): Clinician[] {
  const all = currentConfig(ctx).clinicians;
  return input.includeInactive ? all : all.filter((clinician) => clinician.active);
}
