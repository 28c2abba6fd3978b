import type { Store } from '../../db/store.ts';
import { reachedCap, usageOf } from '../../../../shared/capacity.ts';
import type { Clinician, Session } from '../../../../shared/domain.ts';
import { daysBetween, practiceDayOf } from '../../../../shared/practiceDay.ts';
import type { ClinicianDayReport } from '../../../../shared/reports.ts';
import type { PracticeSettings } from '../../../../shared/settings.ts';
import { currentConfig, type ConfigSnapshot } from '../configViews.ts';
import { configFor, overridesFor, planClinicians, type ClinicianDayPlan } from '../dayPlan.ts';
import { groupBy, ratio } from './summary.ts';

/**
 * What the day's rules need of each live contact (voided ones never reach
 * them). On a day when a cap changed, each counted one carries the cap it is
 * held to (withCapsWhenRecorded).
 */
export interface RuleContact {
  id: string;
  clinicianId: string;
  typeId: string;
  /** Whether it counts toward the cap: fixed when it was recorded. */
  counts: boolean;
  session: Session;
  occurredAt: number;
  overCapReason: string | null;
  capWhenRecorded?: number | null;
}

/** One clinician's practice day, every figure the reports give of it, decided here and nowhere else. */
export interface ClinicianDayFigures extends Pick<ClinicianDayReport, 'capped' | 'cap' | 'counted' | 'notCounted' | 'byType' | 'percentOfCap' | 'urgentOverCap'> {
  /** Part of the day's report: on the rota (and still on the board), or with contacts recorded. */
  listed: boolean;
  /**
   * A day worked: listed, and on the rota with a session that day. (design) A
   * day off — absent, or not on the rota — is never a day worked, whatever was
   * recorded on it: its contacts are counted, but it adds no day and no
   * session, and its contacts are left out of the averages a day and a session.
   */
  worked: boolean;
  sessionsWorked: number;
  /** A day worked on which a capped clinician's counted contacts reached a cap above 0. */
  atOrOverCap: boolean;
  /** Counted contacts beyond the cap, by the day's order (the board's rule, usageOf). */
  overCapIds: readonly string[];
  /** When the warning level and the cap were reached (epoch ms), by when the contacts happened. */
  warnedAt: number | null;
  fullAt: number | null;
}

/**
 * The one rule for a clinician's day in every report: the day summary, the
 * range summary, the exports and the GPAS return all take their figures from
 * here. `contacts` are the clinician's live contacts that day, counted and
 * not, in the day's order.
 */
export function clinicianDayFigures(dayPlan: ClinicianDayPlan, contacts: readonly RuleContact[], settings: Pick<PracticeSettings, 'capMode' | 'warningPercent'>): ClinicianDayFigures {
  const counted = contacts.filter((contact) => contact.counts);
  // The whole day ('pm': the figures as the day ended), against the cap that applied to each contact.
  const usage = usageOf(counted, dayPlan.plan, settings.capMode, settings.warningPercent, 'pm', dayPlan.sessions);
  const byType: Record<string, number> = {};
  for (const contact of contacts) byType[contact.typeId] = (byType[contact.typeId] ?? 0) + 1;
  const listed = (dayPlan.working && dayPlan.clinician.active) || contacts.length > 0;
  const worked = listed && dayPlan.working;
  const { capped, dayCap } = dayPlan.plan;
  return {
    listed,
    worked,
    sessionsWorked: worked ? (dayPlan.sessions.am ? 1 : 0) + (dayPlan.sessions.pm ? 1 : 0) : 0,
    capped,
    cap: dayCap,
    counted: counted.length,
    notCounted: contacts.length - counted.length,
    byType,
    percentOfCap: capped ? ratio(counted.length, dayCap, 100) : null,
    atOrOverCap: worked && reachedCap(counted.length, dayCap, capped),
    overCapIds: usage.overCapIds,
    urgentOverCap: usage.urgentOverCap,
    warnedAt: usage.warnedAt,
    fullAt: usage.fullAt,
  };
}

export interface ClinicianDay {
  plan: ClinicianDayPlan;
  /** The clinician's live contacts that day, in the day's order. */
  contacts: readonly RuleContact[];
  figures: ClinicianDayFigures;
}

/**
 * Every clinician listed on a day, in the plans' order (by name), from the
 * day's live contacts (in the day's order; a day's contacts for a clinician
 * with no plan that day are not part of it).
 */
export function clinicianDaysOf(plans: ReadonlyMap<string, ClinicianDayPlan>, settings: PracticeSettings, live: readonly RuleContact[]): ClinicianDay[] {
  const byClinician = groupBy(live, (contact) => contact.clinicianId);
  const days: ClinicianDay[] = [];
  for (const [clinicianId, plan] of plans) {
    const contacts = byClinician.get(clinicianId) ?? [];
    const figures = clinicianDayFigures(plan, contacts, settings);
    if (figures.listed) days.push({ plan, contacts, figures });
  }
  return days;
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

export interface PlannedDay {
  day: string;
  snapshot: Readonly<ConfigSnapshot>;
  plans: Map<string, ClinicianDayPlan>;
}

/** Each day's configuration and plans: caps and rota as they stood that day. Days still to come have no plans. */
export function planDays(store: Store, from: string, to: string, nowMs: number): PlannedDay[] {
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
