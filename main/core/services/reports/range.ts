import type { ParsedInputOf } from '../../../../shared/contract.ts';
import { practiceMinutesOf } from '../../../../shared/practiceDay.ts';
import type { ClinicianRangeReport, RangeDay, RangeReport } from '../../../../shared/reports.ts';
import { withoutTitle } from '../../../../shared/text.ts';
import type { CoreContext } from '../../context.ts';
import { liveContactsOnDay } from '../../repos/contactsRepo.ts';
import { deferralsBetween } from '../../repos/deferralsRepo.ts';
import { redirectionsBetween, type RedirectionRecord } from '../../repos/redirectionsRepo.ts';
import { withCapsWhenRecorded } from '../dayPlan.ts';
import { clinicianDaysOf, planDays } from './clinicianDay.ts';
import { assertRange, groupBy, MAX_REPORT_DAYS, ratio, summariseDeferrals, summariseRedirections } from './summary.ts';

/** A clinician's running totals over the range; the averages are worked out at the end. */
interface Totals extends ClinicianRangeReport {
  /** Counted contacts on the days they worked: what the averages divide. */
  countedOnDaysWorked: number;
}

function emptyTotals(clinicianId: string): Totals {
  return {
    clinicianId,
    name: '',
    role: 'other',
    daysWorked: 0,
    sessionsWorked: 0,
    daysAtOrOverCap: 0,
    counted: 0,
    countedOnDaysOff: 0,
    notCounted: 0,
    averagePerDay: null,
    averagePerSession: null,
    urgentOverCap: 0,
    countedOnDaysWorked: 0,
  };
}

const sum = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);

/**
 * A week, a month, a year: per clinician, redirections, and day-by-day figures
 * for charts. Every clinician-day is decided by the same rule as the day
 * summary (clinicianDayFigures), from the day's live contacts as the board reads them.
 */
export function rangeReport(ctx: CoreContext, input: ParsedInputOf<'report.range'>): RangeReport {
  assertRange(input.from, input.to, MAX_REPORT_DAYS, 'A summary');
  const days = planDays(ctx, input.from, input.to, ctx.clock.now());
  const redirectionsByDay = groupBy(redirectionsBetween(ctx, input.from, input.to), (record) => record.practiceDay);
  const byClinician = new Map<string, Totals>();
  const daily: RangeDay[] = [];
  const redirections: RedirectionRecord[] = [];
  let practiceName = '';
  for (const { day, snapshot, plans } of days) {
    practiceName = snapshot.settings.practiceName;
    const dayRedirections = redirectionsByDay.get(day) ?? [];
    redirections.push(...dayRedirections);
    const summary = summariseRedirections(dayRedirections);
    const entry: RangeDay = { day, counted: 0, redirections: summary.total, byClinician: {}, redirectionsByKind: {} };
    for (const destination of summary.byDestination) {
      entry.redirectionsByKind[destination.kind] = (entry.redirectionsByKind[destination.kind] ?? 0) + destination.count;
    }
    // Each day read as the board reads it, and each contact held to the cap in force when it was recorded.
    const live = withCapsWhenRecorded(ctx, day, liveContactsOnDay(ctx, day), undefined);
    for (const { plan, figures } of clinicianDaysOf(plans, snapshot.settings, live)) {
      const clinicianId = plan.clinician.id;
      entry.counted += figures.counted;
      entry.byClinician[clinicianId] = { counted: figures.counted, cap: figures.cap, working: figures.worked, capped: figures.capped };
      const totals = byClinician.get(clinicianId) ?? emptyTotals(clinicianId);
      totals.name = plan.clinician.name;
      totals.role = plan.clinician.role;
      if (figures.worked) {
        totals.daysWorked += 1;
        totals.sessionsWorked += figures.sessionsWorked;
        totals.countedOnDaysWorked += figures.counted;
      } else {
        totals.countedOnDaysOff += figures.counted;
      }
      if (figures.atOrOverCap) totals.daysAtOrOverCap += 1;
      totals.counted += figures.counted;
      totals.notCounted += figures.notCounted;
      totals.urgentOverCap += figures.urgentOverCap;
      byClinician.set(clinicianId, totals);
    }
    daily.push(entry);
  }
  const rows = [...byClinician.values()]
    // In name order, titles ignored, as on the board.
    .sort((a, b) => withoutTitle(a.name).localeCompare(withoutTitle(b.name), 'en-GB', { sensitivity: 'base' }));
  const clinicians: ClinicianRangeReport[] = rows.map(({ countedOnDaysWorked, ...row }) => ({
    ...row,
    averagePerDay: ratio(countedOnDaysWorked, row.daysWorked),
    averagePerSession: ratio(countedOnDaysWorked, row.sessionsWorked),
  }));
  const redirectionSummary = summariseRedirections(redirections);
  const counted = sum(clinicians, (row) => row.counted);
  const countedOnDaysWorked = sum(rows, (row) => row.countedOnDaysWorked);
  const daysWorked = sum(clinicians, (row) => row.daysWorked);
  const sessionsWorked = sum(clinicians, (row) => row.sessionsWorked);
  const redirectionsByHour = Array.from({ length: 24 }, () => 0);
  for (const record of redirections) {
    if (record.voidReason !== null) continue;
    const hour = Math.floor(practiceMinutesOf(record.occurredAt) / 60);
    redirectionsByHour[hour] = (redirectionsByHour[hour] ?? 0) + 1;
  }
  const deferralSummary = summariseDeferrals(deferralsBetween(ctx, input.from, input.to));
  return {
    from: input.from,
    to: input.to,
    practiceName,
    days: daily.length,
    clinicians,
    totals: {
      counted,
      countedOnDaysOff: sum(clinicians, (row) => row.countedOnDaysOff),
      notCounted: sum(clinicians, (row) => row.notCounted),
      urgentOverCap: sum(clinicians, (row) => row.urgentOverCap),
      redirections: redirectionSummary.total,
      deferrals: deferralSummary.total,
      // 999 is an emergency escalation, not a diversion of demand: left out of the rate.
      redirectionsPer100Contacts: ratio(redirectionSummary.diversions, counted, 100),
      daysWorked,
      sessionsWorked,
      daysAtOrOverCap: sum(clinicians, (row) => row.daysAtOrOverCap),
      averagePerDay: ratio(countedOnDaysWorked, daysWorked),
      averagePerSession: ratio(countedOnDaysWorked, sessionsWorked),
    },
    redirections: redirectionSummary,
    redirectionsByHour,
    deferrals: deferralSummary,
    daily,
  };
}
