import type { ContactVoid } from '../../../shared/domain.ts';
import { practiceDayOf, practiceTimeOf } from '../../../shared/practiceDay.ts';
import type { CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { readDevice } from './device.ts';

/** When something happened: now by default; earlier today is allowed, the future and other days are not. */
export function occurredAtFor(nowMs: number, requested: string | undefined): number {
  if (requested === undefined) return nowMs;
  const occurredAt = Date.parse(requested);
  if (occurredAt > nowMs) {
    throw new DomainError('invalid_input', 'That time is in the future. Enter when it happened, or leave the time empty for now.', 'occurredAt');
  }
  if (practiceDayOf(occurredAt) !== practiceDayOf(nowMs)) {
    throw new DomainError('invalid_input', 'Only earlier today can be entered (since midnight).', 'occurredAt');
  }
  return occurredAt;
}

/** Who made a record and on which PC: the staff name chosen on this PC, and the PC's name. */
export function authorOf(ctx: CoreContext): { recordedBy: string; device: string } {
  const device = readDevice(ctx);
  return { recordedBy: device.staffName, device: device.deviceName };
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
