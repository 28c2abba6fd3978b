import type Database from 'better-sqlite3';
import { planCaps, usageOf, type CapPlan, type DayUsage } from '../../../shared/capacity.ts';
import type { Clinician, Session } from '../../../shared/domain.ts';
import { encodeHlc } from '../../../shared/hlc.ts';
import { endOfPracticeDay, practiceDayOf, practiceTimeOf } from '../../../shared/practiceDay.ts';
import { DEFAULT_PATTERN, minutesOf, sessionAt, sessionsOn, type DayOverride, type SessionPair } from '../../../shared/rota.ts';
import type { PracticeSettings } from '../../../shared/settings.ts';
import { contactsOnDay, type ContactRecord } from '../repos/contactsRepo.ts';
import { rotaDaysOn } from '../repos/rotaRepo.ts';
import { configTimeline, currentConfig, type ConfigSnapshot } from './configViews.ts';

export interface ClinicianDayPlan {
  clinician: Clinician;
  sessions: SessionPair;
  working: boolean;
  duty: boolean;
  overrideCap: number | null;
  plan: CapPlan;
}

/** Everything about one practice day that caps and counts depend on. */
export interface DayState {
  day: string;
  settings: PracticeSettings;
  /** Every clinician known that day, active or not. */
  plans: Map<string, ClinicianDayPlan>;
  /** The day's contacts in recording order, voided ones included. */
  contacts: ContactRecord[];
  usage: Map<string, DayUsage>;
  notCounted: Map<string, number>;
  overCapIds: Set<string>;
  session: Session;
}

/** A clock value later than anything recorded on `day`: the configuration "as the day ended". */
export function endOfDayBound(day: string): string {
  return encodeHlc({ wall: endOfPracticeDay(day) - 1, counter: 36 ** 5 - 1, node: '~' });
}

export function planClinicians(snapshot: ConfigSnapshot, overrides: Map<string, DayOverride>, day: string): Map<string, ClinicianDayPlan> {
  const plans = new Map<string, ClinicianDayPlan>();
  for (const clinician of snapshot.clinicians) {
    const override = overrides.get(clinician.id) ?? null;
    const sessions = sessionsOn(snapshot.patterns.get(clinician.id) ?? DEFAULT_PATTERN, override, day);
    const overrideCap = typeof override?.cap === 'number' ? override.cap : null;
    plans.set(clinician.id, {
      clinician,
      sessions,
      working: sessions.am || sessions.pm,
      duty: override?.duty === true,
      overrideCap,
      plan: planCaps({ clinician, roleDefaults: snapshot.settings.roleDefaults, sessions, overrideCap, capMode: snapshot.settings.capMode }),
    });
  }
  return plans;
}

/** Usage per clinician from a day's contacts (in recording order). */
export function usageFor(plans: Map<string, ClinicianDayPlan>, contacts: readonly ContactRecord[], settings: PracticeSettings, session: Session) {
  const counted = new Map<string, ContactRecord[]>();
  const notCounted = new Map<string, number>();
  for (const contact of contacts) {
    if (contact.voidReason !== null) continue;
    if (!contact.counts) {
      notCounted.set(contact.clinicianId, (notCounted.get(contact.clinicianId) ?? 0) + 1);
      continue;
    }
    const list = counted.get(contact.clinicianId);
    if (list) list.push(contact);
    else counted.set(contact.clinicianId, [contact]);
  }
  const usage = new Map<string, DayUsage>();
  const overCapIds = new Set<string>();
  for (const [clinicianId, dayPlan] of plans) {
    const result = usageOf(counted.get(clinicianId) ?? [], dayPlan.plan, settings.capMode, settings.warningPercent, session, dayPlan.sessions);
    usage.set(clinicianId, result);
    for (const id of result.overCapIds) overCapIds.add(id);
  }
  return { usage, notCounted, overCapIds };
}

/**
 * The state of `day` as configured then (today: as configured now). With a
 * clinician id, only that clinician's plan and contacts are loaded (recording).
 */
export function loadDay(db: Database.Database, day: string, nowMs: number, onlyClinicianId?: string): DayState {
  const today = practiceDayOf(nowMs);
  const snapshot = day >= today ? currentConfig(db) : configTimeline(db).asOf(endOfDayBound(day));
  if (onlyClinicianId !== undefined) snapshot.clinicians = snapshot.clinicians.filter((clinician) => clinician.id === onlyClinicianId);
  const session = day === today ? sessionAt(minutesOf(practiceTimeOf(nowMs)), snapshot.settings.sessionSplit) : 'pm';
  const plans = planClinicians(snapshot, rotaDaysOn(db, day), day);
  const contacts = contactsOnDay(db, day, onlyClinicianId);
  return { day, settings: snapshot.settings, plans, contacts, session, ...usageFor(plans, contacts, snapshot.settings, session) };
}
