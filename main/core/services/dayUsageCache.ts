import { CacheSlot } from '../db/caches.ts';
import type { Store } from '../db/store.ts';
import type { CapPlan, DayUsage } from '../../../shared/capacity.ts';
import type { CapMode, Session } from '../../../shared/domain.ts';
import type { SessionPair } from '../../../shared/rota.ts';
import type { PracticeSettings } from '../../../shared/settings.ts';
import type { ClinicianDayPlan } from './dayPlan.ts';

/**
 * Everything one clinician's usage for a day is worked out from, besides the
 * contacts themselves: the version of their contacts that day
 * (Caches.contactDayVersion), the configuration's version (the caps each contact was
 * recorded under), and the plan and settings the usage rules take.
 */
export interface UsageInputs {
  contactsVersion: number;
  configVersion: number;
  session: Session;
  capMode: CapMode;
  warningPercent: number;
  plan: CapPlan;
  sessions: SessionPair;
}

/** One clinician's day as worked out: frozen, because every board that finds it shares it. */
export interface ClinicianDay {
  inputs: UsageInputs;
  usage: Readonly<DayUsage>;
  /** Live contacts of types that do not count toward the cap. */
  notCounted: number;
}

function sameInputs(a: UsageInputs, b: UsageInputs): boolean {
  return (
    a.contactsVersion === b.contactsVersion &&
    a.configVersion === b.configVersion &&
    a.session === b.session &&
    a.capMode === b.capMode &&
    a.warningPercent === b.warningPercent &&
    a.plan.capped === b.plan.capped &&
    a.plan.dayCap === b.plan.dayCap &&
    a.plan.sessionCaps.am === b.plan.sessionCaps.am &&
    a.plan.sessionCaps.pm === b.plan.sessionCaps.pm &&
    a.sessions.am === b.sessions.am &&
    a.sessions.pm === b.sessions.pm
  );
}

/** A day's plans and the settings they were made with. */
export interface DayPlans {
  settings: PracticeSettings;
  plans: ReadonlyMap<string, ClinicianDayPlan>;
}

/** How many practice days are kept: today, and a few a late entry or a list looked at. */
const DAYS_KEPT = 4;
/** Plans are kept per day and per clinician asked about alone (the record check): at most this many. */
const PLANS_KEPT = 400;

/**
 * Each clinician's usage per practice day, kept until anything it was worked
 * out from changes (see UsageInputs). Holds no state of its own beyond the
 * entries: whoever owns one decides how long it lives.
 */
export class DayUsageCache {
  private readonly days = new Map<string, Map<string, ClinicianDay>>();
  private readonly plans = new Map<string, { configVersion: number; value: DayPlans }>();

  /**
   * The plans for a day (as it is now for today, as it ended for a past day), for
   * every clinician ('*') or one; made again once the configuration changes.
   */
  plansFor(day: string, today: string, scope: string, configVersion: number, make: () => DayPlans): DayPlans {
    const key = `${day}|${today}|${scope}`;
    const known = this.plans.get(key);
    if (known?.configVersion === configVersion) return known.value;
    if (this.plans.size >= PLANS_KEPT) this.plans.clear();
    const value = make();
    this.plans.set(key, { configVersion, value });
    return value;
  }

  /** The entry for the clinician's day, if it was worked out from exactly these inputs. */
  find(day: string, clinicianId: string, inputs: UsageInputs): ClinicianDay | null {
    const entry = this.days.get(day)?.get(clinicianId);
    return entry && sameInputs(entry.inputs, inputs) ? entry : null;
  }

  keep(day: string, clinicianId: string, entry: ClinicianDay): void {
    let clinicians = this.days.get(day);
    if (!clinicians) {
      clinicians = new Map();
      this.days.set(day, clinicians);
      // The day kept first goes first (a Map keeps insertion order).
      for (const old of this.days.keys()) {
        if (this.days.size <= DAYS_KEPT) break;
        this.days.delete(old);
      }
    }
    clinicians.set(clinicianId, entry);
  }
}

/** The core's one DayUsageCache: it checks its own inputs, so no change clears it outright. */
const DAY_USAGE = new CacheSlot<DayUsageCache>('each clinician’s day', [], () => new DayUsageCache());

export function dayUsageCacheOf(store: Store): DayUsageCache {
  return store.caches.slot(DAY_USAGE);
}
