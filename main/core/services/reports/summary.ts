import { REDIRECTION_REASONS } from '../../../../shared/directory.ts';
import { addPracticeDays } from '../../../../shared/practiceDay.ts';
import type { DeferralSummary, DestinationCount, RedirectionSummary } from '../../../../shared/reports.ts';
import type { DeferralRecord } from '../../repos/deferralsRepo.ts';
import type { RedirectionRecord } from '../../repos/redirectionsRepo.ts';
import { DomainError } from '../../errors.ts';

/** The most days one summary covers. */
export const MAX_REPORT_DAYS = 400;

/** Refuses a range that ends before it starts, or covers more than `maxDays` practice days. */
export function assertRange(from: string, to: string, maxDays: number, what: string): void {
  if (to < from) throw new DomainError('invalid_input', 'The end date is before the start date. Swap them, or choose again.', 'to');
  if (addPracticeDays(from, maxDays - 1) < to) {
    throw new DomainError('invalid_input', `${what} can cover at most ${maxDays} days at once. Choose a shorter range, or do it in parts.`, 'to');
  }
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** part ÷ whole to one decimal place (×100 for a percentage), or null when the whole is 0. */
export function ratio(part: number, whole: number, scale: 1 | 100 = 1): number | null {
  return whole > 0 ? Math.round((part / whole) * scale * 10) / 10 : null;
}

/** Redirections standing (voided ones left out): by destination, reason, 111 and Pharmacy First. */
export function summariseRedirections(records: readonly RedirectionRecord[]): RedirectionSummary {
  const live = records.filter((record) => record.voidReason === null);
  const byDestination = new Map<string, DestinationCount>();
  for (const record of live) {
    const entry = byDestination.get(record.destinationId) ?? { destinationId: record.destinationId, name: record.destinationName, kind: record.destinationKind, count: 0 };
    entry.count += 1;
    byDestination.set(record.destinationId, entry);
  }
  const byReason = Object.fromEntries(REDIRECTION_REASONS.map((reason) => [reason, live.filter((record) => record.reason === reason).length])) as RedirectionSummary['byReason'];
  const nhs111 = live.filter((record) => record.destinationKind === 'nhs_111');
  const emergencies = live.filter((record) => record.emergency).length;
  return {
    total: live.length,
    emergencies,
    diversions: live.length - emergencies,
    byDestination: [...byDestination.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    byReason,
    nhs111: { total: nhs111.length, icbInformed: nhs111.filter((record) => record.icbInformed === true).length },
    pharmacyFirst: {
      referred: live.filter((record) => record.pharmacyFirstRoute === 'referred').length,
      signposted: live.filter((record) => record.pharmacyFirstRoute === 'signposted').length,
    },
  };
}

/** Deferrals standing (voided ones left out), by kind. */
export function summariseDeferrals(records: readonly DeferralRecord[]): DeferralSummary {
  const live = records.filter((record) => record.voidReason === null);
  return { total: live.length, laterDate: live.filter((record) => record.kind === 'later_date').length, waitingList: live.filter((record) => record.kind === 'waiting_list').length };
}
