import type { ParsedInputOf, ResultOf } from '../../../shared/contract.ts';
import type { PharmacyFirstCondition } from '../../../shared/directory.ts';
import type { Redirection } from '../../../shared/domain.ts';
import { checkNhsNumber } from '../../../shared/nhsNumber.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { getRedirectionRecord, redirectionsBetween, type RedirectionRecord } from '../repos/redirectionsRepo.ts';
import { requireClinician } from './clinicians.ts';
import { requireDirectoryEntry } from './directory.ts';
import { withBoard } from './board.ts';
import { assertNotVoided, authorOf, repeatedRequest, voidedOf, whenRecorded } from './recording.ts';
import { sealIdentifiers } from './identifiers.ts';
import { readSettings } from './settings.ts';

function toRedirection(record: RedirectionRecord): Redirection {
  return {
    id: record.id,
    destinationId: record.destinationId,
    destinationName: record.destinationName,
    destinationKind: record.destinationKind,
    reason: record.reason,
    fromClinicianId: record.fromClinicianId,
    pharmacyFirst:
      record.pharmacyFirstRoute === null ? null : { route: record.pharmacyFirstRoute, condition: record.pharmacyFirstCondition as PharmacyFirstCondition | null },
    icbInformed: record.icbInformed,
    emergency: record.emergency,
    note: record.note,
    nhsNumber: record.nhsNumber,
    identifiers: record.identifiers,
    occurredAt: new Date(record.occurredAt).toISOString(),
    practiceDay: record.practiceDay,
    lateReason: record.lateReason,
    recordedBy: record.recordedBy,
    device: record.device,
    voided: voidedOf(record),
  };
}

function requireRedirection(ctx: CoreContext, id: string): Redirection {
  const record = getRedirectionRecord(ctx, id);
  if (!record) throw new DomainError('not_found', 'That redirection is not in ContactCap’s records. Refresh the list and choose it again.', 'redirectionId');
  return toRedirection(record);
}

/** The NHS number rule (DOMAIN.md §7): none unless the practice turned it on; then a valid one. */
function nhsNumberFor(ctx: CoreContext, input: string | undefined): string | null {
  if (input === undefined || input.trim() === '') return null;
  if (!readSettings(ctx).collectNhsNumber) {
    throw new DomainError('invalid_input', 'This practice does not record NHS numbers in ContactCap. Leave the NHS number empty.', 'nhsNumber');
  }
  const checked = checkNhsNumber(input);
  if (!checked.valid) throw new DomainError('invalid_input', checked.message, 'nhsNumber');
  return checked.formatted;
}

export function recordRedirection(ctx: CoreContext, input: ParsedInputOf<'redirection.record'>): ResultOf<'redirection.record'> {
  return write(ctx, () => {
    const repeated = repeatedRequest(ctx, input.requestId, 'redirection');
    if (repeated !== null) {
      const first = requireRedirection(ctx, repeated);
      if (first.destinationId !== input.destinationId) {
        throw new DomainError('conflict', 'This request id was already used to redirect a patient to another service. Nothing was recorded.', 'requestId');
      }
      return withBoard(ctx, input, { redirection: first, warnings: warningsFor(first) });
    }
    const destination = requireDirectoryEntry(ctx, input.destinationId, 'destinationId');
    if (!destination.active) throw new DomainError('invalid_input', `${destination.name} is no longer in the directory. Choose another service.`, 'destinationId');
    if (input.fromClinicianId !== undefined) requireClinician(ctx, input.fromClinicianId, 'fromClinicianId');
    const isPharmacy = destination.kind === 'pharmacy_first';
    if (isPharmacy && !input.pharmacyFirst) {
      throw new DomainError('invalid_input', 'Say whether the patient was referred or signposted to the pharmacy.', 'pharmacyFirst');
    }
    if (!isPharmacy && input.pharmacyFirst) throw new DomainError('invalid_input', 'Referred or signposted is only for Pharmacy First.', 'pharmacyFirst');
    const is111 = destination.kind === 'nhs_111';
    if (!is111 && input.icbInformed !== undefined) throw new DomainError('invalid_input', 'The “ICB informed” tick is only for NHS 111.', 'icbInformed');
    const nhsNumber = nhsNumberFor(ctx, input.nhsNumber);
    const when = whenRecorded(ctx.clock.now(), input.occurredAt, input.lateReason, readSettings(ctx).lateEntryDays);
    const redirectionId = ctx.ids.newId();
    const sealed = sealIdentifiers(ctx, redirectionId, when.practiceDay, { note: input.note ?? '', nhsNumber });
    ctx.log.append('redirection.recorded', {
      redirectionId,
      destinationId: destination.id,
      destinationName: destination.name,
      destinationKind: destination.kind,
      reason: input.reason,
      fromClinicianId: input.fromClinicianId ?? null,
      pharmacyFirst: input.pharmacyFirst ? { route: input.pharmacyFirst.route, condition: input.pharmacyFirst.condition ?? null } : null,
      icbInformed: is111 ? (input.icbInformed ?? false) : null,
      note: '',
      nhsNumber: null,
      sealed,
      occurredAt: when.occurredAt,
      practiceDay: when.practiceDay,
      ...authorOf(ctx),
      requestId: input.requestId ?? null,
      lateReason: when.lateReason,
    });
    const redirection = requireRedirection(ctx, redirectionId);
    return withBoard(ctx, input, { redirection, warnings: warningsFor(redirection) });
  });
}

/** What the desk is reminded of after a redirection: the same each time it is asked for. */
function warningsFor(redirection: Redirection): string[] {
  const warnings: string[] = [];
  const checked = redirection.nhsNumber === null ? null : checkNhsNumber(redirection.nhsNumber);
  if (checked?.valid && checked.testRange) {
    warnings.push('NHS numbers starting 999 are test numbers that are never issued to patients. Check the number with the patient.');
  }
  if (redirection.destinationKind === 'nhs_111' && redirection.icbInformed !== true) {
    warnings.push('NHS 111 is for exceptional circumstances only, and the ICB must be told. Tick “ICB informed” once it has been.');
  }
  return warnings;
}

export function voidRedirection(ctx: CoreContext, input: ParsedInputOf<'redirection.void'>): Redirection {
  return write(ctx, () => {
    const redirection = requireRedirection(ctx, input.redirectionId);
    assertNotVoided(redirection.voided, 'redirection', 'redirectionId');
    ctx.log.append('redirection.voided', { redirectionId: redirection.id, reason: input.reason });
    return requireRedirection(ctx, redirection.id);
  });
}

export function listRedirectionsFor(ctx: CoreContext, input: ParsedInputOf<'redirection.listForDay'>): Redirection[] {
  const day = input.day ?? practiceDayOf(ctx.clock.now());
  return redirectionsBetween(ctx, day, day).map(toRedirection).reverse();
}
