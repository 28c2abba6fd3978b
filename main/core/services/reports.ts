import type { Store } from '../db/store.ts';
import { capFor, isBeyondCap, reachedCap } from '../../../shared/capacity.ts';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { CapMode, Clinician } from '../../../shared/domain.ts';
import { REDIRECTION_REASONS } from '../../../shared/directory.ts';
import { addPracticeDays, daysBetween, practiceDayOf, practiceMinutesOf } from '../../../shared/practiceDay.ts';
import { withoutTitle } from '../../../shared/text.ts';
import type {
  ClinicianDayReport,
  ClinicianRangeReport,
  DayReport,
  DeferralSummary,
  DestinationCount,
  RangeDay,
  RangeReport,
  RedirectionSummary,
} from '../../../shared/reports.ts';
import { contactCountsBetween, reasonedContactsBetween, reportContactsBetween, type ReasonedContact } from '../repos/contactsRepo.ts';
import { deferralsBetween, type DeferralRecord } from '../repos/deferralsRepo.ts';
import { redirectionsBetween, type RedirectionRecord } from '../repos/redirectionsRepo.ts';
import type { CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { configFor, overridesFor, planClinicians, usageFor, withCapsWhenRecorded, type ClinicianDayPlan } from './dayPlan.ts';
import { currentConfig, currentContactTypes } from './configViews.ts';
import { isoOrNull } from './recording.ts';
import type { DayDetail } from '../exports/tables.ts';

/** Every practice day from `from` to `to`, both included. */
export function assertRange(from: string, to: string, maxDays: number, what: string): void {
  if (to < from) throw new DomainError('invalid_input', 'The end date is before the start date. Swap them, or choose again.', 'to');
  if (addPracticeDays(from, maxDays - 1) < to) {
    throw new DomainError('invalid_input', `${what} can cover at most ${maxDays} days at once. Choose a shorter range, or do it in parts.`, 'to');
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
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
function ratio(part: number, whole: number, scale: 1 | 100 = 1): number | null {
  return whole > 0 ? Math.round((part / whole) * scale * 10) / 10 : null;
}

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

export function summariseDeferrals(records: readonly DeferralRecord[]): DeferralSummary {
  const live = records.filter((record) => record.voidReason === null);
  return { total: live.length, laterDate: live.filter((record) => record.kind === 'later_date').length, waitingList: live.filter((record) => record.kind === 'waiting_list').length };
}

/**
 * A clinician added to ContactCap after the day (say, a locum whose tally sheet is entered late): on no
 * rota that day and under no cap, so their late entries still count in that day's figures.
 */
function notPlanned(clinician: Clinician): ClinicianDayPlan {
  return {
    clinician,
    sessions: { am: false, pm: false },
    working: false,
    absent: false,
    duty: false,
    overrideCap: null,
    plan: { capped: false, dayCap: 0, sessionCaps: { am: 0, pm: 0 } },
  };
}

/** Each day's configuration and plans: caps and rota as they stood that day. Days still to come have no plans. */
function planDays(store: Store, from: string, to: string, nowMs: number) {
  const today = practiceDayOf(nowMs);
  const known = currentConfig(store).clinicians;
  return daysBetween(from, to).map((day) => {
    const snapshot = configFor(store, day, nowMs);
    // A day still to come has a rota but nothing has happened yet: nobody has worked it.
    const plans = day > today ? new Map<string, ClinicianDayPlan>() : planClinicians(snapshot, overridesFor(store, day, nowMs), day);
    if (day <= today) for (const clinician of known) if (!plans.has(clinician.id)) plans.set(clinician.id, notPlanned(clinician));
    return { day, snapshot, plans };
  });
}

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
    const live = contacts.filter((contact) => !contact.voided);
    const counted = withCapsWhenRecorded(
      store,
      day,
      // A late entry takes its place in the day when it happened, as on the board (countedContactsOnDay).
      live.filter((contact) => contact.counts).map((contact) => (contact.lateReason === null ? contact : { ...contact, recordedAt: contact.occurredAt })),
      undefined,
    );
    const { usage, overCapIds } = usageFor(plans, counted, snapshot.settings, 'pm');
    const liveByClinician = groupBy(live, (contact) => contact.clinicianId);

    const clinicians: ClinicianDayReport[] = [];
    for (const [clinicianId, plan] of plans) {
      const mine = liveByClinician.get(clinicianId) ?? [];
      // Off the board (or not on the rota) and nothing recorded: not part of the day.
      if ((!plan.working || !plan.clinician.active) && mine.length === 0) continue;
      const dayUsage = usage.get(clinicianId);
      const countedHere = mine.filter((contact) => contact.counts).length;
      const byType: Record<string, number> = {};
      for (const contact of mine) byType[contact.typeId] = (byType[contact.typeId] ?? 0) + 1;
      const cap = plan.plan.dayCap;
      clinicians.push({
        clinicianId,
        name: plan.clinician.name,
        role: plan.clinician.role,
        sessions: plan.sessions,
        working: plan.working,
        duty: plan.duty,
        capped: plan.plan.capped,
        cap,
        counted: countedHere,
        notCounted: mine.length - countedHere,
        byType,
        percentOfCap: plan.plan.capped ? ratio(countedHere, cap, 100) : null,
        warnedAt: isoOrNull(dayUsage?.warnedAt ?? null),
        fullAt: isoOrNull(dayUsage?.fullAt ?? null),
        urgentOverCap: dayUsage?.urgentOverCap ?? 0,
        overCap: dayUsage?.overCapIds.length ?? 0,
      });
    }

    const byType: Record<string, number> = {};
    for (const contact of live) byType[contact.typeId] = (byType[contact.typeId] ?? 0) + 1;
    const redirections = redirectionsByDay.get(day) ?? [];
    const deferrals = deferralsByDay.get(day) ?? [];
    const cappedToday = clinicians.filter((row) => row.working && row.capped);
    const capTotal = cappedToday.reduce((sum, row) => sum + row.cap, 0);
    const report: DayReport = {
      day,
      practiceName: snapshot.settings.practiceName,
      capBasis: snapshot.settings.capBasis,
      capMode: snapshot.settings.capMode,
      warningPercent: snapshot.settings.warningPercent,
      clinicians,
      totals: {
        counted: clinicians.reduce((sum, row) => sum + row.counted, 0),
        notCounted: clinicians.reduce((sum, row) => sum + row.notCounted, 0),
        urgentOverCap: clinicians.reduce((sum, row) => sum + row.urgentOverCap, 0),
        overCap: clinicians.reduce((sum, row) => sum + row.overCap, 0),
        cliniciansWorking: clinicians.filter((row) => row.working).length,
        atOrOverCap: clinicians.filter((row) => row.working && reachedCap(row.counted, row.cap, row.capped)).length,
        cap: capTotal,
        percentOfCap: ratio(
          cappedToday.reduce((sum, row) => sum + row.counted, 0),
          capTotal,
          100,
        ),
        byType,
        lateEntries: [...live, ...redirections, ...deferrals].filter((record) => record.lateReason !== null && !('voidReason' in record && record.voidReason !== null)).length,
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

export const MAX_REPORT_DAYS = 400;

/**
 * A day's urgent over-cap contacts per clinician, by the rule the board and the
 * day report use (isBeyondCap, against the cap when each was recorded), from
 * only the contacts with an urgent reason and their places in the day.
 */
function urgentOverCapByClinician(store: Store, day: string, plans: Map<string, ClinicianDayPlan>, capMode: CapMode, reasoned: ReasonedContact[]): Map<string, number> {
  const urgent = new Map<string, number>();
  for (const contact of withCapsWhenRecorded(store, day, reasoned, undefined)) {
    const plan = plans.get(contact.clinicianId)?.plan;
    const planned = plan?.capped ? capFor(plan, capMode, contact.session) : null;
    const limit = contact.capWhenRecorded === undefined ? planned : contact.capWhenRecorded;
    const position = capMode === 'session' ? contact.sessionPosition : contact.dayPosition;
    if (isBeyondCap(position, limit)) urgent.set(contact.clinicianId, (urgent.get(contact.clinicianId) ?? 0) + 1);
  }
  return urgent;
}

/** A week, a month, a year: per clinician, redirections, and day-by-day figures for charts. */
export function rangeReport(ctx: CoreContext, input: ParsedInputOf<'report.range'>): RangeReport {
  assertRange(input.from, input.to, MAX_REPORT_DAYS, 'A summary');
  const store = ctx;
  const days = planDays(store, input.from, input.to, ctx.clock.now());
  // Counts by day, clinician and type from one grouped query: a year is a few thousand rows, not every contact.
  const countsByDay = groupBy(contactCountsBetween(store, input.from, input.to), (row) => row.practiceDay);
  const withSessions = days.some(({ snapshot }) => snapshot.settings.capMode === 'session');
  const reasonedByDay = groupBy(reasonedContactsBetween(store, input.from, input.to, withSessions), (row) => row.practiceDay);
  const redirectionsByDay = groupBy(redirectionsBetween(store, input.from, input.to), (record) => record.practiceDay);
  const deferrals = deferralsBetween(store, input.from, input.to);
  const byClinician = new Map<string, ClinicianRangeReport>();
  const daily: RangeDay[] = [];
  const redirections: RedirectionRecord[] = [];
  let practiceName = '';
  for (const { day, snapshot, plans } of days) {
    practiceName = snapshot.settings.practiceName;
    const dayRedirections = redirectionsByDay.get(day) ?? [];
    redirections.push(...dayRedirections);
    const dayCounts = groupBy(countsByDay.get(day) ?? [], (row) => row.clinicianId);
    const summary = summariseRedirections(dayRedirections);
    const entry: RangeDay = { day, counted: 0, redirections: summary.total, byClinician: {}, redirectionsByKind: {} };
    for (const destination of summary.byDestination) {
      entry.redirectionsByKind[destination.kind] = (entry.redirectionsByKind[destination.kind] ?? 0) + destination.count;
    }
    const urgentByClinician = urgentOverCapByClinician(store, day, plans, snapshot.settings.capMode, reasonedByDay.get(day) ?? []);
    const clinicianIds = new Set([...plans.keys(), ...dayCounts.keys()]);
    for (const clinicianId of clinicianIds) {
      const plan = plans.get(clinicianId);
      const rows = dayCounts.get(clinicianId) ?? [];
      if (!plan && rows.length === 0) continue;
      if (plan && (!plan.working || !plan.clinician.active) && rows.length === 0) continue;
      const counted = rows.filter((row) => row.counts).reduce((sum, row) => sum + row.n, 0);
      const notCounted = rows.filter((row) => !row.counts).reduce((sum, row) => sum + row.n, 0);
      const urgent = urgentByClinician.get(clinicianId) ?? 0;
      const working = plan?.working ?? false;
      const capped = plan?.plan.capped ?? false;
      const cap = plan?.plan.dayCap ?? 0;
      entry.counted += counted;
      entry.byClinician[clinicianId] = { counted, cap, working, capped };
      const total = byClinician.get(clinicianId) ?? {
        clinicianId,
        name: plan?.clinician.name ?? '(not known)',
        role: plan?.clinician.role ?? 'other',
        daysWorked: 0,
        sessionsWorked: 0,
        daysAtOrOverCap: 0,
        counted: 0,
        notCounted: 0,
        averagePerDay: null,
        averagePerSession: null,
        urgentOverCap: 0,
      };
      if (plan) {
        total.name = plan.clinician.name;
        total.role = plan.clinician.role;
      }
      if (working && plan) {
        total.daysWorked += 1;
        total.sessionsWorked += (plan.sessions.am ? 1 : 0) + (plan.sessions.pm ? 1 : 0);
        if (reachedCap(counted, cap, capped)) total.daysAtOrOverCap += 1;
      }
      total.counted += counted;
      total.notCounted += notCounted;
      total.urgentOverCap += urgent;
      byClinician.set(clinicianId, total);
    }
    daily.push(entry);
  }
  const clinicians = [...byClinician.values()]
    .map((row) => ({
      ...row,
      averagePerDay: ratio(row.counted, row.daysWorked),
      averagePerSession: ratio(row.counted, row.sessionsWorked),
    }))
    // In name order, titles ignored, as on the board.
    .sort((a, b) => withoutTitle(a.name).localeCompare(withoutTitle(b.name), 'en-GB', { sensitivity: 'base' }));
  const redirectionSummary = summariseRedirections(redirections);
  const counted = clinicians.reduce((sum, row) => sum + row.counted, 0);
  const daysWorked = clinicians.reduce((sum, row) => sum + row.daysWorked, 0);
  const redirectionsByHour = Array.from({ length: 24 }, () => 0);
  for (const record of redirections) {
    if (record.voidReason !== null) continue;
    const hour = Math.floor(practiceMinutesOf(record.occurredAt) / 60);
    redirectionsByHour[hour] = (redirectionsByHour[hour] ?? 0) + 1;
  }
  const deferralSummary = summariseDeferrals(deferrals);
  return {
    from: input.from,
    to: input.to,
    practiceName,
    days: daily.length,
    clinicians,
    totals: {
      counted,
      notCounted: clinicians.reduce((sum, row) => sum + row.notCounted, 0),
      urgentOverCap: clinicians.reduce((sum, row) => sum + row.urgentOverCap, 0),
      redirections: redirectionSummary.total,
      deferrals: deferralSummary.total,
      // 999 is an emergency escalation, not a diversion of demand: left out of the rate.
      redirectionsPer100Contacts: ratio(redirectionSummary.diversions, counted, 100),
      daysWorked,
      daysAtOrOverCap: clinicians.reduce((sum, row) => sum + row.daysAtOrOverCap, 0),
      averagePerDay: ratio(counted, daysWorked),
    },
    redirections: redirectionSummary,
    redirectionsByHour,
    deferrals: deferralSummary,
    daily,
  };
}

