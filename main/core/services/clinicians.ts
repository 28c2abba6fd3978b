import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { Clinician } from '../../../shared/domain.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { nameKey } from '../../../shared/text.ts';
import { getClinician, listClinicians } from '../repos/cliniciansRepo.ts';

export function requireClinician(ctx: CoreContext, clinicianId: string): Clinician {
  const clinician = getClinician(ctx.db, clinicianId);
  if (!clinician) {
    throw new DomainError('not_found', 'That clinician is not on ContactCap’s list. Refresh the screen and choose again.', 'clinicianId');
  }
  return clinician;
}

function assertNameFree(ctx: CoreContext, name: string, exceptId?: string): void {
  const key = nameKey(name);
  const existing = listClinicians(ctx.db, false).find((clinician) => clinician.id !== exceptId && nameKey(clinician.name) === key);
  if (existing) {
    throw new DomainError(
      'conflict',
      `There is already a clinician called “${existing.name}” on the board. Add something to tell them apart, such as initials.`,
      'name',
    );
  }
}

export function createClinician(ctx: CoreContext, input: ParsedInputOf<'clinician.create'>): Clinician {
  return write(ctx, () => {
    assertNameFree(ctx, input.name);
    const clinicianId = ctx.ids.newId();
    ctx.log.append('clinician.created', { clinicianId, name: input.name, role: input.role, dailyCap: input.dailyCap });
    return requireClinician(ctx, clinicianId);
  });
}

export function renameClinician(ctx: CoreContext, input: ParsedInputOf<'clinician.rename'>): Clinician {
  return write(ctx, () => {
    const clinician = requireClinician(ctx, input.clinicianId);
    if (clinician.name === input.name) return clinician;
    assertNameFree(ctx, input.name, clinician.id);
    ctx.log.append('clinician.updated', { clinicianId: clinician.id, changes: { name: input.name } });
    return requireClinician(ctx, clinician.id);
  });
}

export function deactivateClinician(ctx: CoreContext, input: ParsedInputOf<'clinician.deactivate'>): Clinician {
  return write(ctx, () => {
    const clinician = requireClinician(ctx, input.clinicianId);
    if (!clinician.active) {
      throw new DomainError('conflict', `${clinician.name} is already off the board.`, 'clinicianId');
    }
    ctx.log.append('clinician.updated', { clinicianId: clinician.id, changes: { active: false } });
    return requireClinician(ctx, clinician.id);
  });
}

export function listCliniciansFor(ctx: CoreContext, input: ParsedInputOf<'clinician.list'>): Clinician[] {
  return listClinicians(ctx.db, input.includeInactive ?? false);
}
