import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { Deferral } from '../../../shared/domain.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { deferralsBetween, getDeferralRecord, type DeferralRecord } from '../repos/deferralsRepo.ts';
import { requireClinician } from './clinicians.ts';
import { assertNotVoided, authorOf, voidedOf } from './recording.ts';

function toDeferral(record: DeferralRecord): Deferral {
  return {
    id: record.id,
    clinicianId: record.clinicianId,
    kind: record.kind,
    untilDay: record.untilDay,
    note: record.note,
    occurredAt: new Date(record.occurredAt).toISOString(),
    practiceDay: record.practiceDay,
    recordedBy: record.recordedBy,
    device: record.device,
    voided: voidedOf(record),
  };
}

function requireDeferral(ctx: CoreContext, id: string): Deferral {
  const record = getDeferralRecord(ctx.db, id);
  if (!record) throw new DomainError('not_found', 'That deferral is not in ContactCap’s records. Refresh the list and choose it again.', 'deferralId');
  return toDeferral(record);
}

/** Kept within the practice: a later date (not "call back tomorrow": the practice books it) or the waiting list. */
export function recordDeferral(ctx: CoreContext, input: ParsedInputOf<'deferral.record'>): Deferral {
  return write(ctx, () => {
    const now = ctx.clock.now();
    const today = practiceDayOf(now);
    if (input.kind === 'later_date') {
      if (input.untilDay === undefined) throw new DomainError('invalid_input', 'Choose the date the patient is booked for.', 'untilDay');
      if (input.untilDay <= today) throw new DomainError('invalid_input', 'A later date must be after today.', 'untilDay');
    } else if (input.untilDay !== undefined) {
      throw new DomainError('invalid_input', 'The waiting list has no date. Leave the date empty, or choose “later date”.', 'untilDay');
    }
    if (input.clinicianId !== undefined) requireClinician(ctx, input.clinicianId);
    const deferralId = ctx.ids.newId();
    ctx.log.append('deferral.recorded', {
      deferralId,
      clinicianId: input.clinicianId ?? null,
      kind: input.kind,
      untilDay: input.untilDay ?? null,
      note: input.note ?? '',
      occurredAt: now,
      practiceDay: today,
      ...authorOf(ctx),
    });
    return requireDeferral(ctx, deferralId);
  });
}

export function voidDeferral(ctx: CoreContext, input: ParsedInputOf<'deferral.void'>): Deferral {
  return write(ctx, () => {
    const deferral = requireDeferral(ctx, input.deferralId);
    assertNotVoided(deferral.voided, 'deferral', 'deferralId');
    ctx.log.append('deferral.voided', { deferralId: deferral.id, reason: input.reason });
    return requireDeferral(ctx, deferral.id);
  });
}

export function listDeferralsFor(ctx: CoreContext, input: ParsedInputOf<'deferral.listForDay'>): Deferral[] {
  const day = input.day ?? practiceDayOf(ctx.clock.now());
  return deferralsBetween(ctx.db, day, day).map(toDeferral).reverse();
}
