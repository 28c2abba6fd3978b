import type { ParsedInputOf, Recorded } from '../../../shared/contract.ts';
import type { Deferral } from '../../../shared/domain.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { deferralsBetween, getDeferralRecord, type DeferralRecord } from '../repos/deferralsRepo.ts';
import { requireClinician } from './clinicians.ts';
import { withBoard } from './board.ts';
import { assertNotVoided, authorOf, repeatedRequest, voidedOf, whenRecorded } from './recording.ts';
import { sealIdentifiers } from './identifiers.ts';
import { readSettings } from './settings.ts';

function toDeferral(record: DeferralRecord): Deferral {
  return {
    id: record.id,
    clinicianId: record.clinicianId,
    kind: record.kind,
    untilDay: record.untilDay,
    note: record.note,
    identifiers: record.identifiers,
    occurredAt: new Date(record.occurredAt).toISOString(),
    practiceDay: record.practiceDay,
    lateReason: record.lateReason,
    recordedBy: record.recordedBy,
    device: record.device,
    voided: voidedOf(record),
  };
}

function requireDeferral(ctx: CoreContext, id: string): Deferral {
  const record = getDeferralRecord(ctx, id);
  if (!record) throw new DomainError('not_found', 'That deferral is not in ContactCap’s records. Refresh the list and choose it again.', 'deferralId');
  return toDeferral(record);
}

/** Kept within the practice: a later date (not "call back tomorrow": the practice books it) or the waiting list. */
export function recordDeferral(ctx: CoreContext, input: ParsedInputOf<'deferral.record'>): Recorded<Deferral> {
  return write(ctx, () => {
    const repeated = repeatedRequest(ctx, input.requestId, 'deferral');
    if (repeated !== null) {
      const first = requireDeferral(ctx, repeated);
      if (first.kind !== input.kind) {
        throw new DomainError('conflict', 'This request id was already used to keep a patient for later another way. Nothing was recorded.', 'requestId');
      }
      return withBoard(ctx, input, first);
    }
    const now = ctx.clock.now();
    const when = whenRecorded(now, input.occurredAt, input.lateReason, readSettings(ctx).lateEntryDays);
    // A later date is after the day it was agreed (for a late entry, that earlier day).
    const agreedOn = when.practiceDay;
    if (input.kind === 'later_date') {
      if (input.untilDay === undefined) throw new DomainError('invalid_input', 'Choose the date the patient is booked for.', 'untilDay');
      if (input.untilDay <= agreedOn) {
        throw new DomainError('invalid_input', agreedOn === practiceDayOf(now) ? 'A later date must be after today.' : 'A later date must be after the day it was agreed.', 'untilDay');
      }
    } else if (input.untilDay !== undefined) {
      throw new DomainError('invalid_input', 'The waiting list has no date. Leave the date empty, or choose “later date”.', 'untilDay');
    }
    if (input.clinicianId !== undefined) requireClinician(ctx, input.clinicianId);
    const deferralId = ctx.ids.newId();
    const sealed = sealIdentifiers(ctx, deferralId, when.practiceDay, { note: input.note ?? '', nhsNumber: null });
    ctx.log.append('deferral.recorded', {
      deferralId,
      clinicianId: input.clinicianId ?? null,
      kind: input.kind,
      untilDay: input.untilDay ?? null,
      note: '',
      sealed,
      occurredAt: when.occurredAt,
      practiceDay: when.practiceDay,
      ...authorOf(ctx),
      requestId: input.requestId ?? null,
      lateReason: when.lateReason,
    });
    return withBoard(ctx, input, requireDeferral(ctx, deferralId));
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
  return deferralsBetween(ctx, day, day).map(toDeferral).reverse();
}
