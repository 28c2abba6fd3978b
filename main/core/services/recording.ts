import type { ContactVoid } from '../../../shared/domain.ts';
import { addPracticeDays, practiceDayOf, practiceTimeOf } from '../../../shared/practiceDay.ts';
import { findRequest, type RequestKind } from '../repos/requestsRepo.ts';
import { NOT_SIGNED_IN } from '../../../shared/staff.ts';
import { signedIn, staffNamed } from './staff.ts';
import type { CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { readDevice } from './device.ts';

/** When something happened, and whether it is a late entry for an earlier day. */
export interface WhenRecorded {
  occurredAt: number;
  practiceDay: string;
  /** The reason given for entering it on a later day; null when it is on its own day. */
  lateReason: string | null;
}

/**
 * When something happened: now by default; earlier today is allowed; an earlier
 * day only as a late entry, with a reason, up to the practice's limit (7 days by
 * default). The future never.
 */
export function whenRecorded(nowMs: number, requested: string | undefined, lateReason: string | undefined, lateEntryDays: number): WhenRecorded {
  const occurredAt = requested === undefined ? nowMs : Date.parse(requested);
  if (occurredAt > nowMs) {
    throw new DomainError('invalid_input', 'That time is in the future. Enter when it happened, or leave the time empty for now.', 'occurredAt');
  }
  const today = practiceDayOf(nowMs);
  const practiceDay = practiceDayOf(occurredAt);
  if (practiceDay === today) {
    if (lateReason !== undefined) {
      throw new DomainError('invalid_input', 'A late entry is for an earlier day. For earlier today, give the time and leave out the late-entry reason.', 'lateReason');
    }
    return { occurredAt, practiceDay, lateReason: null };
  }
  const earliest = addPracticeDays(today, -lateEntryDays);
  if (lateEntryDays === 0 || practiceDay < earliest) {
    const limit =
      lateEntryDays === 0
        ? 'This practice does not allow late entries for earlier days (Settings, late entries).'
        : `Late entries can go back ${lateEntryDays} ${lateEntryDays === 1 ? 'day' : 'days'} at most (to ${formatDay(earliest)}; a practice setting).`;
    throw new DomainError('invalid_input', `Only earlier today can be entered (since midnight). ${limit} Nothing was recorded.`, 'occurredAt');
  }
  if (lateReason === undefined) {
    throw new DomainError(
      'invalid_input',
      'Only earlier today can be entered (since midnight). For an earlier day, enter it as a late entry and say why (for example “tally sheet found”).',
      'occurredAt',
    );
  }
  return { occurredAt, practiceDay, lateReason };
}

/** 2026-11-23 → "Monday 23 November". */
function formatDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/**
 * A request id seen before: the id of what it recorded then, so the caller can
 * answer as the first time. The same id for a different kind of record is a
 * mistake in the caller, refused rather than guessed at.
 */
export function repeatedRequest(ctx: CoreContext, requestId: string | undefined, kind: RequestKind): string | null {
  if (requestId === undefined) return null;
  const seen = findRequest(ctx, requestId);
  if (!seen) return null;
  if (seen.kind !== kind) {
    throw new DomainError('conflict', `This request id was already used to record a ${seen.kind}, so it cannot record a ${kind}. Nothing was recorded.`, 'requestId');
  }
  return seen.targetId;
}

/**
 * Who made a record and on which PC: the member of staff signed in here (or
 * "not signed in"), and the PC's name. A practice that has named no staff yet
 * keeps the name typed in on this PC.
 */
export function authorOf(ctx: CoreContext): { recordedBy: string; device: string } {
  const device = readDevice(ctx);
  if (!staffNamed(ctx)) return { recordedBy: device.staffName, device: device.deviceName };
  return { recordedBy: signedIn(ctx)?.name ?? NOT_SIGNED_IN, device: device.deviceName };
}

/** A record can be voided once: a second void is refused, saying when and why the first was. */
export function assertNotVoided(voided: ContactVoid | null, what: 'contact' | 'redirection' | 'deferral', field: string): void {
  if (!voided) return;
  throw new DomainError('conflict', `This ${what} was already voided at ${practiceTimeOf(Date.parse(voided.voidedAt))} (“${voided.reason}”). Nothing was changed.`, field);
}

/** An instant as ISO 8601 (UTC), or null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function voidedOf(record: { voidReason: string | null; voidedAt: number | null }): { reason: string; voidedAt: string } | null {
  return record.voidReason === null || record.voidedAt === null ? null : { reason: record.voidReason, voidedAt: new Date(record.voidedAt).toISOString() };
}
