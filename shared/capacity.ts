import type { BoardRow, CapMode, CapState, Clinician, ClinicianRole, RoleDefault, Session, SessionUsage } from './domain.ts';
import type { SessionPair } from './rota.ts';

/** What a clinician may do today: whether capped, the day's cap and each session's. */
export interface CapPlan {
  capped: boolean;
  dayCap: number;
  sessionCaps: Record<Session, number>;
}

export interface CapPlanInput {
  clinician: Pick<Clinician, 'role' | 'capped' | 'dailyCap' | 'amCap' | 'pmCap'>;
  roleDefaults: Record<ClinicianRole, RoleDefault>;
  sessions: SessionPair;
  /** A different cap for this date from the rota, if any. */
  overrideCap: number | null;
  capMode: CapMode;
}

/** The AM-first split of a day's cap, for a clinician without session caps of their own (25 → 13 + 12). */
export function splitDailyCap(daily: number): Record<Session, number> {
  const am = Math.ceil(daily / 2);
  return { am, pm: daily - am };
}

/** Whether capped, and the daily cap: the clinician's own setting wins over the role default. */
export function resolveCap(clinician: CapPlanInput['clinician'], roleDefaults: CapPlanInput['roleDefaults']): { capped: boolean; daily: number } {
  const roleDefault = roleDefaults[clinician.role];
  return { capped: clinician.capped ?? roleDefault.capped, daily: clinician.dailyCap ?? roleDefault.dailyCap };
}

/**
 * The cap for one clinician on one day. The clinician's own setting wins over the
 * role default, and the rota's cap for the date wins over both. Sessions split the
 * day's cap AM-first (25 → 13 + 12) unless the clinician has session caps of their
 * own. (design) In day mode a half day keeps the whole daily cap — no BMA rule
 * pro-rates it — unless the rota gives that date a different cap; in session mode
 * only the sessions worked count.
 */
export function planCaps(input: CapPlanInput): CapPlan {
  const resolved = resolveCap(input.clinician, input.roleDefaults);
  const capped = resolved.capped;
  const daily = input.overrideCap ?? resolved.daily;
  const ownSplit = input.overrideCap === null && input.clinician.amCap !== null && input.clinician.pmCap !== null;
  const { am, pm } = ownSplit ? { am: input.clinician.amCap ?? 0, pm: input.clinician.pmCap ?? 0 } : splitDailyCap(daily);
  const sessionCaps = { am: input.sessions.am ? am : 0, pm: input.sessions.pm ? pm : 0 };
  const working = input.sessions.am || input.sessions.pm;
  const dayCap = input.capMode === 'session' ? sessionCaps.am + sessionCaps.pm : working ? daily : 0;
  return { capped, dayCap, sessionCaps };
}

/** The cap a contact in `session` counts against: that session's in session mode, otherwise the day's. */
export function capFor(plan: CapPlan, capMode: CapMode, session: Session): number {
  return capMode === 'session' ? plan.sessionCaps[session] : plan.dayCap;
}

/** The contacts used to reach the warning threshold: the smallest n with n ≥ cap × percent. */
export function warningCount(cap: number, warningPercent: number): number {
  return Math.ceil((cap * warningPercent) / 100);
}

export function capStateOf(used: number, cap: number, warningPercent: number, capped: boolean): CapState {
  if (!capped) return 'not_capped';
  if (used > cap) return 'over_cap';
  if (used === cap) return 'full';
  if (used >= warningCount(cap, warningPercent)) return 'nearly_full';
  return 'available';
}

/** A counted, not voided contact, as the usage rules need it. */
export interface UsageContact {
  id: string;
  session: Session;
  /** When it happened (epoch ms): an entry made later for earlier today, or a late entry, keeps the time it happened. */
  occurredAt: number;
  overCapReason: string | null;
  /**
   * The cap that applied when it was recorded (day or session), or null if the
   * clinician was not capped then. Left out, today's plan applies. A rota change
   * later in the day does not turn contacts already recorded into over-cap ones.
   */
  capWhenRecorded?: number | null;
}

export interface DayUsage {
  dayUsed: number;
  bySession: Record<Session, SessionUsage>;
  /** The figure that matters for recording now: the day, or in session mode the current session. */
  cap: number;
  used: number;
  remaining: number;
  state: CapState;
  warnedAt: number | null;
  fullAt: number | null;
  /** Contacts beyond the cap, the latest in the day's order (DESIGN.md §5: the same ones on every PC). */
  overCapIds: string[];
  /** Contacts beyond the cap that were recorded as urgent, with a reason. */
  urgentOverCap: number;
}

/**
 * Usage for one clinician's day. `contacts` must be in recording order (hybrid
 * clock), so that two PCs holding the same contacts agree which are over the cap.
 */
export function usageOf(contacts: readonly UsageContact[], plan: CapPlan, capMode: CapMode, warningPercent: number, now: Session, sessions: SessionPair): DayUsage {
  const overCapIds: string[] = [];
  const counted: Record<Session, number> = { am: 0, pm: 0 };
  contacts.forEach((contact, index) => {
    counted[contact.session] += 1;
    const position = capMode === 'session' ? counted[contact.session] : index + 1;
    const planned = capFor(plan, capMode, contact.session);
    const limit = contact.capWhenRecorded === undefined ? (plan.capped ? planned : null) : contact.capWhenRecorded;
    if (isBeyondCap(position, limit)) overCapIds.push(contact.id);
  });
  const { warnedAt, fullAt } = plan.capped ? reachedTimes(contacts, plan, capMode, warningPercent) : { warnedAt: null, fullAt: null };
  const bySession = {
    am: sessionUsage(counted.am, plan.sessionCaps.am, warningPercent, plan.capped, sessions.am),
    pm: sessionUsage(counted.pm, plan.sessionCaps.pm, warningPercent, plan.capped, sessions.pm),
  };
  const dayUsed = contacts.length;
  const headline = capMode === 'session' ? bySession[now] : sessionUsage(dayUsed, plan.dayCap, warningPercent, plan.capped, true);
  return {
    dayUsed,
    bySession,
    cap: headline.cap,
    used: headline.used,
    remaining: headline.remaining,
    state: headline.state,
    warnedAt,
    fullAt,
    overCapIds,
    urgentOverCap: urgentOverCapOf(contacts, overCapIds),
  };
}

/**
 * When the day's warning level and its cap were reached: the moment the nth
 * counted contact happened, taking the contacts in the order they happened
 * (not the order they were entered), so a contact entered at 11:00 for a
 * patient seen at 09:30 counts from 09:30. Each is held to the day's cap as it
 * stood when it was recorded.
 */
function reachedTimes(contacts: readonly UsageContact[], plan: CapPlan, capMode: CapMode, warningPercent: number): { warnedAt: number | null; fullAt: number | null } {
  let inTimeOrder = contacts;
  for (let i = 1; i < contacts.length; i++) {
    if ((contacts[i]?.occurredAt ?? 0) < (contacts[i - 1]?.occurredAt ?? 0)) {
      // Stable: contacts that happened at the same moment keep the day's order.
      inTimeOrder = [...contacts].sort((a, b) => a.occurredAt - b.occurredAt);
      break;
    }
  }
  let warnedAt: number | null = null;
  let fullAt: number | null = null;
  inTimeOrder.forEach((contact, index) => {
    const dayLimit = contact.capWhenRecorded === undefined || capMode === 'session' ? plan.dayCap : contact.capWhenRecorded;
    if (dayLimit === null || dayLimit === 0) return;
    if (warnedAt === null && index + 1 >= warningCount(dayLimit, warningPercent)) warnedAt = contact.occurredAt;
    if (fullAt === null && index + 1 >= dayLimit) fullAt = contact.occurredAt;
  });
  return { warnedAt, fullAt };
}

/**
 * Whether the contact at `position` (1 = the first) in the day's order, or its
 * session's in session mode, is beyond the cap that applied to it (null: not capped).
 */
export function isBeyondCap(position: number, limit: number | null): boolean {
  return limit !== null && position > limit;
}

/**
 * Urgent over the cap means both: the clinician was over the cap, and the
 * receptionist gave an urgent reason. (design) A reason given while the
 * clinician still had room (a cautious receptionist, or a clinician who had
 * finished their sessions) is kept with the contact but is not an over-cap
 * contact: nobody was over the cap.
 */
export function urgentOverCapOf(contacts: readonly Pick<UsageContact, 'id' | 'overCapReason'>[], overCapIds: readonly string[]): number {
  const over = new Set(overCapIds);
  return contacts.filter((contact) => contact.overCapReason !== null && over.has(contact.id)).length;
}

function sessionUsage(used: number, cap: number, warningPercent: number, capped: boolean, working: boolean): SessionUsage {
  return { working, cap, used, remaining: Math.max(0, cap - used), state: capStateOf(used, cap, warningPercent, capped) };
}

/**
 * For reports: whether a capped clinician's counted contacts reached a cap above
 * zero (a day off, with a cap of 0, is not a day at the cap).
 */
export function reachedCap(counted: number, cap: number, capped: boolean): boolean {
  return capped && cap > 0 && counted >= cap;
}

/**
 * Whether a routine contact cannot be recorded with this clinician now: they are
 * not working (absent, off the rota, or finished for today), or one more would
 * go over their cap. Then the desk routes the patient, or records an urgent
 * contact with a reason (DOMAIN.md §4: never refused). The core's record check
 * and every screen decide with this one function.
 */
export function isAtCapacity(row: Pick<BoardRow, 'status' | 'capped' | 'used' | 'cap'>): boolean {
  return row.status !== 'working' || (row.capped && row.used >= row.cap);
}
