import { CacheSlot } from '../db/caches.ts';
import type { Store } from '../db/store.ts';
import { capFor, capStateOf, planCaps, usageOf, type CapPlan, type DayUsage, type UsageContact } from '../../../shared/capacity.ts';
import type { CapMode, CapState, Clinician, ClinicianStatus, Session } from '../../../shared/domain.ts';
import { encodeHlc } from '../../../shared/hlc.ts';
import { endOfPracticeDay, practiceDayOf, practiceMinutesOf, startOfPracticeDay } from '../../../shared/practiceDay.ts';
import { DEFAULT_PATTERN, minutesOf, sessionOf, sessionsOn, type DayOverride, type SessionPair } from '../../../shared/rota.ts';
import type { PracticeSettings } from '../../../shared/settings.ts';
import { liveContactsOnDay, type CountedContact } from '../repos/contactsRepo.ts';
import { capChangesBetween } from '../repos/configRepo.ts';
import { rotaDaysOn } from '../repos/rotaRepo.ts';
import { configTimeline, currentConfig, type ConfigSnapshot } from './configViews.ts';
import { dayUsageCacheOf, type ClinicianDay, type UsageInputs } from './dayUsageCache.ts';

export interface ClinicianDayPlan {
  clinician: Clinician;
  sessions: SessionPair;
  working: boolean;
  /** Marked absent on the rota for the date (not merely off their weekly pattern). */
  absent: boolean;
  duty: boolean;
  overrideCap: number | null;
  plan: CapPlan;
}

/** Everything about one practice day that caps and counts depend on. */
export interface DayState {
  day: string;
  settings: PracticeSettings;
  /** Every clinician known that day, active or not (or only the one asked for). Shared and cached: never changed. */
  plans: ReadonlyMap<string, ClinicianDayPlan>;
  usage: Map<string, DayUsage>;
  overCapIds: Set<string>;
  /** Live contacts of types that do not count toward the cap, per clinician. */
  notCounted: Map<string, number>;
  session: Session;
}

/** A clock value later than anything recorded on `day`: the configuration "as the day ended". */
export function endOfDayBound(day: string): string {
  return encodeHlc({ wall: endOfPracticeDay(day) - 1, counter: 36 ** 5 - 1, node: '~' });
}

export function planClinicians(snapshot: Readonly<ConfigSnapshot>, overrides: Map<string, DayOverride>, day: string): Map<string, ClinicianDayPlan> {
  const plans = new Map<string, ClinicianDayPlan>();
  for (const clinician of snapshot.clinicians) {
    const override = overrides.get(clinician.id) ?? null;
    const sessions = sessionsOn(snapshot.patterns.get(clinician.id) ?? DEFAULT_PATTERN, override, day);
    const overrideCap = typeof override?.cap === 'number' ? override.cap : null;
    plans.set(clinician.id, {
      clinician,
      sessions,
      working: sessions.am || sessions.pm,
      absent: override?.absent === true,
      duty: override?.duty === true,
      overrideCap,
      plan: planCaps({ clinician, roleDefaults: snapshot.settings.roleDefaults, sessions, overrideCap, capMode: snapshot.settings.capMode }),
    });
  }
  return plans;
}

/** Usage per clinician from a day's counted contacts (in recording order). */
export function usageFor(plans: ReadonlyMap<string, ClinicianDayPlan>, counted: readonly (UsageContact & { clinicianId: string })[], settings: PracticeSettings, session: Session) {
  const byClinician = groupByClinician(counted);
  const usage = new Map<string, DayUsage>();
  const overCapIds = new Set<string>();
  for (const [clinicianId, dayPlan] of plans) {
    const result = usageOf(byClinician.get(clinicianId) ?? [], dayPlan.plan, settings.capMode, settings.warningPercent, session, dayPlan.sessions);
    usage.set(clinicianId, result);
    for (const id of result.overCapIds) overCapIds.add(id);
  }
  return { usage, overCapIds };
}

/** The configuration that applied on `day`: now for today, as the day ended for a past day. */
export function configFor(store: Store, day: string, nowMs: number): Readonly<ConfigSnapshot> {
  return day >= practiceDayOf(nowMs) ? currentConfig(store) : configTimeline(store).asOf(endOfDayBound(day));
}

/** A date's rota changes: as they are now for today, as they stood when the day ended for a past day. */
export function overridesFor(store: Store, day: string, nowMs: number): Map<string, DayOverride> {
  return day >= practiceDayOf(nowMs) ? rotaDaysOn(store, day) : configTimeline(store).asOf(endOfDayBound(day)).overridesOn(day);
}

const only = <T extends { clinicians: Clinician[] }>(snapshot: Readonly<T>, clinicianId: string | undefined): Readonly<T> =>
  clinicianId === undefined ? snapshot : { ...snapshot, clinicians: snapshot.clinicians.filter((clinician) => clinician.id === clinicianId) };

type Counted = Pick<UsageContact, 'capWhenRecorded'>;

interface Checkpoint {
  hlc: string;
  capMode: CapMode;
  plans: Map<string, ClinicianDayPlan>;
}

/** Each day's checkpoints (per clinician asked about alone, or '*'), kept until the configuration changes. */
const CHECKPOINTS = new CacheSlot<Map<string, Checkpoint[]>>('cap checkpoints', ['config'], () => new Map());

/** The plans in force from the start of the day and after each change during it; cached until the configuration changes. */
function checkpointsFor(store: Store, day: string, onlyClinicianId: string | undefined): Checkpoint[] {
  const byKey = store.caches.slot(CHECKPOINTS);
  const key = `${day}|${onlyClinicianId ?? '*'}`;
  const known = byKey.get(key);
  if (known) return known;
  const start = encodeHlc({ wall: startOfPracticeDay(day), counter: 0, node: '' });
  const changes = capChangesBetween(store, start, endOfDayBound(day), day);
  const timeline = changes.length === 0 ? null : configTimeline(store);
  const checkpoints = timeline
    ? [start, ...changes].map((hlc) => {
        const snapshot = only(timeline.asOf(hlc), onlyClinicianId);
        return { hlc, capMode: snapshot.settings.capMode, plans: planClinicians(snapshot, snapshot.overridesOn(day), day) };
      })
    : [];
  byKey.set(key, checkpoints);
  return checkpoints;
}

/**
 * When caps or the rota changed during the day, each contact is held to the cap
 * that applied when it was recorded: marking a clinician absent at noon does not
 * turn the morning's contacts into over-cap ones (DOMAIN.md §7: a rota change
 * mid-day). Nothing to do on the usual day with no changes.
 */
export function withCapsWhenRecorded<C extends CountedContact>(store: Store, day: string, counted: C[], onlyClinicianId: string | undefined): (C & Counted)[] {
  if (counted.length === 0) return counted;
  const checkpoints = checkpointsFor(store, day, onlyClinicianId);
  if (checkpoints.length === 0) return counted;
  // Checkpoints are in hybrid-clock order, and the contacts in the day's order (the board's all together, a
  // report's clinician by clinician): walk forward, starting again whenever the order goes back.
  // A late entry is judged at the moment it happened (its order key), with the caps of that moment.
  let at = 0;
  return counted.map((contact) => {
    if ((checkpoints[at]?.hlc ?? '') > contact.orderKey) at = 0;
    while (at + 1 < checkpoints.length && (checkpoints[at + 1]?.hlc ?? '') <= contact.orderKey) at++;
    const checkpoint = checkpoints[at];
    const plan = checkpoint?.plans.get(contact.clinicianId)?.plan;
    if (!checkpoint || !plan) return contact;
    const cap = capFor(plan, checkpoint.capMode, contact.session);
    return { ...contact, capWhenRecorded: plan.capped ? cap : null };
  });
}

/**
 * The state of `day` as configured then (today: as configured now). With a
 * clinician id, only that clinician's plan and contacts are loaded.
 */
export function loadDay(store: Store, day: string, nowMs: number, onlyClinicianId?: string): DayState {
  const today = practiceDayOf(nowMs);
  // The plans change only with the configuration (the rota included): kept until it changes.
  const { settings, plans } = dayUsageCacheOf(store).plansFor(day, today, onlyClinicianId ?? '*', store.caches.version('config'), () => {
    const snapshot = only(configFor(store, day, nowMs), onlyClinicianId);
    return { settings: snapshot.settings, plans: planClinicians(snapshot, overridesFor(store, day, nowMs), day) };
  });
  const session = day === today ? sessionOf(nowMs, settings.sessionSplit) : 'pm';
  return { day, settings, plans, session, ...usageOfDay(store, day, plans, settings, session) };
}

/**
 * Each clinician's usage for the day through the connection's cache: a
 * clinician's contacts are read again only when they, the configuration, or the
 * plan may have changed (see UsageInputs), so a record re-reads one clinician.
 * A board finds nearly everything in the cache: that path allocates little.
 */
function usageOfDay(store: Store, day: string, plans: ReadonlyMap<string, ClinicianDayPlan>, settings: PracticeSettings, session: Session) {
  const cache = dayUsageCacheOf(store);
  const usage = new Map<string, DayUsage>();
  const notCounted = new Map<string, number>();
  const missing = new Map<string, UsageInputs>();
  // One object, filled in for each clinician in turn, to look the cache up with.
  const probe: UsageInputs = { contactsVersion: 0, configVersion: store.caches.version('config'), session, capMode: settings.capMode, warningPercent: settings.warningPercent, plan: NO_PLAN, sessions: NO_SESSIONS };
  plans.forEach((dayPlan, clinicianId) => {
    probe.contactsVersion = store.caches.contactDayVersion(day, clinicianId);
    probe.plan = dayPlan.plan;
    probe.sessions = dayPlan.sessions;
    const entry = cache.find(day, clinicianId, probe);
    if (entry) {
      usage.set(clinicianId, entry.usage);
      notCounted.set(clinicianId, entry.notCounted);
    } else {
      missing.set(clinicianId, { ...probe });
    }
  });
  if (missing.size > 0) {
    // One clinician (the usual case after a record) is read alone; more, and the whole day is read at once.
    const [single] = missing.size === 1 ? missing.keys() : [undefined];
    const contacts = liveContactsOnDay(store, day, single);
    const counted = withCapsWhenRecorded(
      store,
      day,
      contacts.filter((contact) => contact.counts),
      single,
    );
    const byClinician = groupByClinician(counted);
    const uncounted = new Map<string, number>();
    for (const contact of contacts) if (!contact.counts) uncounted.set(contact.clinicianId, (uncounted.get(contact.clinicianId) ?? 0) + 1);
    for (const [clinicianId, inputs] of missing) {
      const dayPlan = plans.get(clinicianId);
      if (!dayPlan) continue;
      const entry: ClinicianDay = {
        inputs,
        usage: frozenUsage(usageOf(byClinician.get(clinicianId) ?? [], dayPlan.plan, settings.capMode, settings.warningPercent, session, dayPlan.sessions)),
        notCounted: uncounted.get(clinicianId) ?? 0,
      };
      cache.keep(day, clinicianId, entry);
      usage.set(clinicianId, entry.usage);
      notCounted.set(clinicianId, entry.notCounted);
    }
  }
  const overCapIds = new Set<string>();
  usage.forEach((each) => {
    for (const id of each.overCapIds) overCapIds.add(id);
  });
  return { usage, notCounted, overCapIds };
}

const NO_PLAN: CapPlan = { capped: false, dayCap: 0, sessionCaps: { am: 0, pm: 0 } };
const NO_SESSIONS: SessionPair = { am: false, pm: false };

function groupByClinician<C extends { clinicianId: string }>(contacts: readonly C[]): Map<string, C[]> {
  const byClinician = new Map<string, C[]>();
  for (const contact of contacts) {
    const list = byClinician.get(contact.clinicianId);
    if (list) list.push(contact);
    else byClinician.set(contact.clinicianId, [contact]);
  }
  return byClinician;
}

/** Shared by every board that finds it in the cache: nobody may change it. */
function frozenUsage(usage: DayUsage): DayUsage {
  Object.freeze(usage.bySession.am);
  Object.freeze(usage.bySession.pm);
  Object.freeze(usage.bySession);
  Object.freeze(usage.overCapIds);
  return Object.freeze(usage);
}

/** The figures the desk decides by, for one clinician at one moment of the day. */
export interface DeskFigures {
  status: ClinicianStatus;
  capped: boolean;
  /** The cap that matters at that moment: the day's, or in session mode that session's. */
  cap: number;
  used: number;
  remaining: number;
  state: CapState;
}

/**
 * Where a working clinician stands at `atMs`: finished once their last session
 * of the day has ended (the afternoon ends at the practice's day end, the
 * morning at the session split). A clinician off the rota is absent (marked on
 * the date) or not working (their weekly pattern).
 */
export function statusAt(dayPlan: ClinicianDayPlan, settings: PracticeSettings, day: string, atMs: number): ClinicianStatus {
  if (!dayPlan.working) return dayPlan.absent ? 'absent' : 'not_working';
  if (practiceDayOf(atMs) !== day) return practiceDayOf(atMs) > day ? 'finished' : 'working';
  const endsAt = minutesOf(dayPlan.sessions.pm ? settings.dayEnd : settings.sessionSplit);
  return practiceMinutesOf(atMs) >= endsAt ? 'finished' : 'working';
}

/**
 * The one place that says how full a clinician is at a moment: the board shows
 * it and the record check refuses by it (through isAtCapacity), so the two can
 * never disagree.
 */
export function deskFiguresAt(state: DayState, clinicianId: string, atMs: number): DeskFigures | null {
  const dayPlan = state.plans.get(clinicianId);
  const usage = state.usage.get(clinicianId);
  if (!dayPlan || !usage) return null;
  const { settings } = state;
  const session = sessionOf(atMs, settings.sessionSplit);
  const used = settings.capMode === 'session' ? usage.bySession[session].used : usage.dayUsed;
  const cap = capFor(dayPlan.plan, settings.capMode, session);
  return {
    status: statusAt(dayPlan, settings, state.day, atMs),
    capped: dayPlan.plan.capped,
    cap,
    used,
    remaining: Math.max(0, cap - used),
    state: capStateOf(used, cap, settings.warningPercent, dayPlan.plan.capped),
  };
}
