import type { Store } from '../../db/store.ts';
import type { ParsedInputOf } from '../../../../shared/contract.ts';
import type { ClinicianDayReport, DayReport } from '../../../../shared/reports.ts';
import type { CoreContext } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import type { DayDetail } from '../../exports/tables.ts';
import { reportContactsBetween } from '../../repos/contactsRepo.ts';
import { deferralsBetween } from '../../repos/deferralsRepo.ts';
import { redirectionsBetween } from '../../repos/redirectionsRepo.ts';
import { currentContactTypes } from '../configViews.ts';
import { withCapsWhenRecorded } from '../dayPlan.ts';
import { isoOrNull } from '../recording.ts';
import { clinicianDaysOf, planDays, type ClinicianDay } from './clinicianDay.ts';
import { groupBy, ratio, summariseDeferrals, summariseRedirections } from './summary.ts';

function clinicianRow({ plan, figures }: ClinicianDay): ClinicianDayReport {
  return {
    clinicianId: plan.clinician.id,
    name: plan.clinician.name,
    role: plan.clinician.role,
    sessions: plan.sessions,
    working: figures.worked,
    duty: plan.duty,
    capped: figures.capped,
    cap: figures.cap,
    counted: figures.counted,
    notCounted: figures.notCounted,
    byType: figures.byType,
    percentOfCap: figures.percentOfCap,
    warnedAt: isoOrNull(figures.warnedAt),
    fullAt: isoOrNull(figures.fullAt),
    urgentOverCap: figures.urgentOverCap,
    overCap: figures.overCapIds.length,
  };
}

/** Entered on a later day than it happened, and standing. */
const isLate = (record: { lateReason: string | null; voidReason: string | null }) => record.lateReason !== null && record.voidReason === null;

const sum = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);

/**
 * The days from `from` to `to` as they were: each day's caps and rota as
 * configured then, its contacts, redirections and deferrals. One query per kind
 * of record for the whole range.
 */
export function loadDayDetails(store: Store, from: string, to: string, nowMs: number): DayDetail[] {
  const contactsByDay = groupBy(reportContactsBetween(store, from, to), (contact) => contact.practiceDay);
  const redirectionsByDay = groupBy(redirectionsBetween(store, from, to), (record) => record.practiceDay);
  const deferralsByDay = groupBy(deferralsBetween(store, from, to), (record) => record.practiceDay);
  const types = currentContactTypes(store).map((type) => ({ id: type.id, name: type.name, counts: type.counts }));

  return planDays(store, from, to, nowMs).map(({ day, snapshot, plans }) => {
    const contacts = contactsByDay.get(day) ?? [];
    const live = withCapsWhenRecorded(
      store,
      day,
      contacts.filter((contact) => !contact.voided),
      undefined,
    );
    const days = clinicianDaysOf(plans, snapshot.settings, live);
    const clinicians = days.map(clinicianRow);
    const overCapIds = new Set(days.flatMap((each) => each.figures.overCapIds));

    const byType: Record<string, number> = {};
    for (const contact of live) byType[contact.typeId] = (byType[contact.typeId] ?? 0) + 1;
    const redirections = redirectionsByDay.get(day) ?? [];
    const deferrals = deferralsByDay.get(day) ?? [];
    // The practice's cap is the capped clinicians' on the rota; the others' contacts are shown beside it, not against it.
    const underCap = clinicians.filter((row) => row.working && row.capped);
    const cap = sum(underCap, (row) => row.cap);
    const counted = sum(clinicians, (row) => row.counted);
    const cappedCounted = sum(underCap, (row) => row.counted);
    const report: DayReport = {
      day,
      practiceName: snapshot.settings.practiceName,
      capBasis: snapshot.settings.capBasis,
      capMode: snapshot.settings.capMode,
      warningPercent: snapshot.settings.warningPercent,
      clinicians,
      totals: {
        counted,
        notCounted: sum(clinicians, (row) => row.notCounted),
        urgentOverCap: sum(clinicians, (row) => row.urgentOverCap),
        overCap: sum(clinicians, (row) => row.overCap),
        cliniciansWorking: days.filter((each) => each.figures.worked).length,
        atOrOverCap: days.filter((each) => each.figures.atOrOverCap).length,
        cap,
        cappedCounted,
        uncappedCounted: counted - cappedCounted,
        percentOfCap: ratio(cappedCounted, cap, 100),
        byType,
        lateEntries: live.filter(isLate).length + redirections.filter(isLate).length + deferrals.filter(isLate).length,
      },
      redirections: summariseRedirections(redirections),
      deferrals: summariseDeferrals(deferrals),
      types,
    };
    return { report, contacts, overCapIds, redirections, deferrals, clinicianNames: new Map([...plans].map(([id, plan]) => [id, plan.clinician.name])) };
  });
}

export function dayReport(ctx: CoreContext, input: ParsedInputOf<'report.day'>): DayReport {
  const [detail] = loadDayDetails(ctx, input.day, input.day, ctx.clock.now());
  if (!detail) throw new DomainError('invalid_input', 'Choose a date.', 'day');
  return detail.report;
}
