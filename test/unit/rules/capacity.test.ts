import { describe, expect, it } from 'vitest';
import { capFor, capStateOf, isAtCapacity, planCaps, reachedCap, resolveCap, splitDailyCap, usageOf, warningCount, type CapPlan, type CapPlanInput, type UsageContact } from '../../../shared/capacity.ts';
import type { ClinicianRole, RoleDefault, Session } from '../../../shared/domain.ts';

/** The capacity rules in shared/capacity.ts, with every expected number worked out by hand. */

/** The practice defaults, written out here rather than imported: GP-like roles capped at 25, the rest counted only. */
const capped25: RoleDefault = { capped: true, dailyCap: 25 };
const counted25: RoleDefault = { capped: false, dailyCap: 25 };
const ROLE_DEFAULTS: Record<ClinicianRole, RoleDefault> = {
  gp_partner: capped25,
  salaried_gp: capped25,
  locum_gp: capped25,
  gp_registrar: capped25,
  advanced_nurse_practitioner: capped25,
  paramedic: capped25,
  physician_associate: capped25,
  practice_nurse: counted25,
  clinical_pharmacist: counted25,
  healthcare_assistant: counted25,
  other: counted25,
};

const BOTH = { am: true, pm: true };
const AM_ONLY = { am: true, pm: false };
const PM_ONLY = { am: false, pm: true };
const NEITHER = { am: false, pm: false };

const followsDefault = { role: 'gp_partner' as ClinicianRole, capped: null, dailyCap: null, amCap: null, pmCap: null };

function plan(overrides: Partial<Omit<CapPlanInput, 'clinician'>> & { clinician?: Partial<CapPlanInput['clinician']> } = {}): CapPlan {
  return planCaps({
    roleDefaults: ROLE_DEFAULTS,
    sessions: BOTH,
    overrideCap: null,
    capMode: 'day',
    ...overrides,
    clinician: { ...followsDefault, ...overrides.clinician },
  });
}

describe('planCaps: whose cap', () => {
  it('gives a GP following the role default 25 a day, split AM-first 13 + 12', () => {
    expect(plan()).toEqual({ capped: true, dayCap: 25, sessionCaps: { am: 13, pm: 12 } });
  });

  it('leaves a practice nurse following the role default counted but not capped, with the default 25 as a guide', () => {
    expect(plan({ clinician: { role: 'practice_nurse' } })).toEqual({ capped: false, dayCap: 25, sessionCaps: { am: 13, pm: 12 } });
  });

  it('follows the practice’s own role default: nurses capped at 18 split 9 + 9', () => {
    const roleDefaults = { ...ROLE_DEFAULTS, practice_nurse: { capped: true, dailyCap: 18 } };
    expect(plan({ roleDefaults, clinician: { role: 'practice_nurse' } })).toEqual({ capped: true, dayCap: 18, sessionCaps: { am: 9, pm: 9 } });
  });

  it('prefers the clinician’s own daily cap to the role default: 20 splits 10 + 10', () => {
    expect(plan({ clinician: { dailyCap: 20 } })).toEqual({ capped: true, dayCap: 20, sessionCaps: { am: 10, pm: 10 } });
  });

  it('prefers the clinician’s own “not capped” to the role’s “capped”, and the other way round', () => {
    expect(plan({ clinician: { capped: false } }).capped).toBe(false);
    expect(plan({ clinician: { role: 'other', capped: true } }).capped).toBe(true);
  });

  it('prefers the rota’s cap for the date to the clinician’s own: 15 that day splits 8 + 7', () => {
    expect(plan({ clinician: { dailyCap: 20 }, overrideCap: 15 })).toEqual({ capped: true, dayCap: 15, sessionCaps: { am: 8, pm: 7 } });
  });

  it('takes a date cap of 0 as 0, not as “no date cap”', () => {
    expect(plan({ overrideCap: 0 })).toEqual({ capped: true, dayCap: 0, sessionCaps: { am: 0, pm: 0 } });
  });
});

describe('planCaps: splitting the day into sessions', () => {
  it.each([
    [25, 13, 12],
    [7, 4, 3],
    [24, 12, 12],
    [1, 1, 0],
    [0, 0, 0],
    [200, 100, 100],
    [201, 101, 100],
  ])('splits %i AM-first into %i + %i', (daily, am, pm) => {
    expect(plan({ clinician: { dailyCap: daily } }).sessionCaps).toEqual({ am, pm });
  });

  it('uses the clinician’s own session caps: 15 + 10 of 25', () => {
    expect(plan({ clinician: { amCap: 15, pmCap: 10 } })).toEqual({ capped: true, dayCap: 25, sessionCaps: { am: 15, pm: 10 } });
  });

  it('splits evenly when only one own session cap is set', () => {
    expect(plan({ clinician: { amCap: 15, pmCap: null } }).sessionCaps).toEqual({ am: 13, pm: 12 });
  });

  it('ignores the clinician’s own session caps on a date with its own cap: 16 splits 8 + 8', () => {
    expect(plan({ clinician: { amCap: 15, pmCap: 10 }, overrideCap: 16 }).sessionCaps).toEqual({ am: 8, pm: 8 });
  });
});

describe('planCaps: half days and days off', () => {
  it('keeps the whole daily cap for a half day in day mode, with the unworked session at 0', () => {
    expect(plan({ sessions: AM_ONLY })).toEqual({ capped: true, dayCap: 25, sessionCaps: { am: 13, pm: 0 } });
    expect(plan({ sessions: PM_ONLY })).toEqual({ capped: true, dayCap: 25, sessionCaps: { am: 0, pm: 12 } });
  });

  it('counts only the worked session in session mode: 13 for a morning, 12 for an afternoon', () => {
    expect(plan({ sessions: AM_ONLY, capMode: 'session' })).toEqual({ capped: true, dayCap: 13, sessionCaps: { am: 13, pm: 0 } });
    expect(plan({ sessions: PM_ONLY, capMode: 'session' })).toEqual({ capped: true, dayCap: 12, sessionCaps: { am: 0, pm: 12 } });
    expect(plan({ sessions: BOTH, capMode: 'session' }).dayCap).toBe(25);
  });

  it('gives 0 to a clinician not working that day, in either mode, whatever their cap', () => {
    expect(plan({ sessions: NEITHER })).toEqual({ capped: true, dayCap: 0, sessionCaps: { am: 0, pm: 0 } });
    expect(plan({ sessions: NEITHER, capMode: 'session' })).toEqual({ capped: true, dayCap: 0, sessionCaps: { am: 0, pm: 0 } });
    expect(plan({ sessions: NEITHER, clinician: { dailyCap: 30 }, overrideCap: 10 }).dayCap).toBe(0);
  });
});

describe('warningCount', () => {
  it.each([
    [25, 85, 22], // 21.25 → 22
    [25, 80, 20], // exactly 20
    [25, 50, 13], // 12.5 → 13
    [25, 100, 25],
    [20, 85, 17], // exactly 17
    [10, 85, 9], // 8.5 → 9
    [13, 85, 12], // 11.05 → 12
    [12, 85, 11], // 10.2 → 11
    [1, 85, 1], // 0.85 → 1
    [0, 85, 0],
  ])('needs %i × %i%% = %i contacts to warn', (cap, percent, expected) => {
    expect(warningCount(cap, percent)).toBe(expected);
  });
});

describe('capStateOf', () => {
  it.each([
    [0, 'available'],
    [21, 'available'],
    [22, 'nearly_full'],
    [24, 'nearly_full'],
    [25, 'full'],
    [26, 'over_cap'],
    [40, 'over_cap'],
  ] as const)('calls %i of 25 at 85%% %s', (used, state) => {
    expect(capStateOf(used, 25, 85, true)).toBe(state);
  });

  it('moves nearly full with the warning level: 20 of 25 at 80%, 13 of 25 at 50%, only 25 of 25 at 100%', () => {
    expect([capStateOf(19, 25, 80, true), capStateOf(20, 25, 80, true)]).toEqual(['available', 'nearly_full']);
    expect([capStateOf(12, 25, 50, true), capStateOf(13, 25, 50, true)]).toEqual(['available', 'nearly_full']);
    expect([capStateOf(24, 25, 100, true), capStateOf(25, 25, 100, true)]).toEqual(['available', 'full']);
  });

  it('calls a cap of 0 full before any contact and over the cap after one', () => {
    expect(capStateOf(0, 0, 85, true)).toBe('full');
    expect(capStateOf(1, 0, 85, true)).toBe('over_cap');
  });

  it('calls a cap of 1 available at 0 and full at 1: full wins over nearly full', () => {
    expect([capStateOf(0, 1, 85, true), capStateOf(1, 1, 85, true), capStateOf(2, 1, 85, true)]).toEqual(['available', 'full', 'over_cap']);
  });

  it('calls an uncapped clinician not capped whatever the numbers', () => {
    expect([capStateOf(0, 25, 85, false), capStateOf(25, 25, 85, false), capStateOf(99, 0, 85, false)]).toEqual(['not_capped', 'not_capped', 'not_capped']);
  });
});

describe('isAtCapacity', () => {
  it('is true for a working capped clinician at or over the cap, and never for a working uncapped one', () => {
    expect(isAtCapacity({ status: 'working', capped: true, used: 24, cap: 25 })).toBe(false);
    expect(isAtCapacity({ status: 'working', capped: true, used: 25, cap: 25 })).toBe(true);
    expect(isAtCapacity({ status: 'working', capped: true, used: 30, cap: 25 })).toBe(true);
    expect(isAtCapacity({ status: 'working', capped: true, used: 0, cap: 0 })).toBe(true);
    expect(isAtCapacity({ status: 'working', capped: false, used: 30, cap: 25 })).toBe(false);
  });

  it('is true for a clinician who is finished, absent or not working, with room or without a cap', () => {
    expect(isAtCapacity({ status: 'finished', capped: true, used: 12, cap: 25 })).toBe(true);
    expect(isAtCapacity({ status: 'absent', capped: false, used: 0, cap: 0 })).toBe(true);
    expect(isAtCapacity({ status: 'not_working', capped: false, used: 0, cap: 25 })).toBe(true);
    expect(isAtCapacity({ status: 'finished', capped: false, used: 0, cap: 25 })).toBe(true);
  });
});

describe('usageOf', () => {
  /** Contacts c1, c2, … in the given sessions, happening 1000 ms apart from 1000. */
  const contacts = (sessions: readonly Session[], reasons: Record<number, string> = {}): UsageContact[] =>
    sessions.map((session, index) => ({ id: `c${index + 1}`, session, occurredAt: (index + 1) * 1000, overCapReason: reasons[index + 1] ?? null }));
  const cappedAt = (dayCap: number, am: number, pm: number): CapPlan => ({ capped: true, dayCap, sessionCaps: { am, pm } });

  it('in day mode, the contacts beyond the day cap in recording order are the over-cap ones', () => {
    const usage = usageOf(contacts(['am', 'am', 'pm', 'pm', 'pm']), cappedAt(3, 2, 1), 'day', 85, 'pm', BOTH);
    expect(usage.overCapIds).toEqual(['c4', 'c5']);
    expect(usage).toMatchObject({ dayUsed: 5, cap: 3, used: 5, remaining: 0, state: 'over_cap' });
    // The sessions show their own counts against their own caps, even in day mode.
    expect(usage.bySession).toEqual({
      am: { working: true, cap: 2, used: 2, remaining: 0, state: 'full' },
      pm: { working: true, cap: 1, used: 3, remaining: 0, state: 'over_cap' },
    });
  });

  it('follows the order given, not the ids or the times: the last ones given are over the cap', () => {
    const given: UsageContact[] = [
      { id: 'z', session: 'am', occurredAt: 9000, overCapReason: null },
      { id: 'a', session: 'am', occurredAt: 1000, overCapReason: null },
      { id: 'm', session: 'am', occurredAt: 5000, overCapReason: null },
      { id: 'b', session: 'am', occurredAt: 2000, overCapReason: null },
    ];
    expect(usageOf(given, cappedAt(2, 1, 1), 'day', 85, 'am', BOTH).overCapIds).toEqual(['m', 'b']);
  });

  it('in session mode, counts each session against its own cap', () => {
    // Morning cap 1, afternoon cap 2: the second morning contact is over; the two afternoon ones are not.
    const sessions: Session[] = ['am', 'am', 'pm', 'pm'];
    const inSessions = usageOf(contacts(sessions), cappedAt(3, 1, 2), 'session', 85, 'pm', BOTH);
    expect(inSessions.overCapIds).toEqual(['c2']);
    expect(inSessions).toMatchObject({ dayUsed: 4, cap: 2, used: 2, remaining: 0, state: 'full' });
    // The same contacts in day mode: the fourth is over the day's 3.
    expect(usageOf(contacts(sessions), cappedAt(3, 1, 2), 'day', 85, 'pm', BOTH).overCapIds).toEqual(['c4']);
  });

  it('in session mode, shows the session it is now: the morning’s figures in the morning, the afternoon’s in the afternoon', () => {
    const list = contacts(['am', 'am', 'am', 'pm']);
    const plan13 = cappedAt(25, 13, 12);
    expect(usageOf(list, plan13, 'session', 85, 'am', BOTH)).toMatchObject({ cap: 13, used: 3, remaining: 10, state: 'available', dayUsed: 4 });
    expect(usageOf(list, plan13, 'session', 85, 'pm', BOTH)).toMatchObject({ cap: 12, used: 1, remaining: 11, state: 'available', dayUsed: 4 });
  });

  it('puts nobody over the cap when the clinician is not capped, and gives no fullAt', () => {
    const usage = usageOf(contacts(['am', 'am', 'am', 'am']), { capped: false, dayCap: 2, sessionCaps: { am: 1, pm: 1 } }, 'day', 85, 'am', BOTH);
    expect(usage).toMatchObject({ overCapIds: [], dayUsed: 4, used: 4, remaining: 0, state: 'not_capped', fullAt: null });
    expect(usage.bySession.am.state).toBe('not_capped');
  });

  it('gives no warnedAt when the clinician is not capped', () => {
    const usage = usageOf(contacts(['am', 'am', 'am', 'am']), { capped: false, dayCap: 4, sessionCaps: { am: 2, pm: 2 } }, 'day', 85, 'am', BOTH);
    expect(usage.warnedAt).toBeNull();
  });

  it('gives warnedAt when the warning count is reached and fullAt when the cap is: the 8th and 10th of 10 at 80%', () => {
    const ten = cappedAt(10, 5, 5);
    const list = contacts(Array.from({ length: 12 }, (): Session => 'am'));
    expect(usageOf(list.slice(0, 7), ten, 'day', 80, 'am', BOTH)).toMatchObject({ warnedAt: null, fullAt: null });
    expect(usageOf(list.slice(0, 8), ten, 'day', 80, 'am', BOTH)).toMatchObject({ warnedAt: 8000, fullAt: null });
    expect(usageOf(list, ten, 'day', 80, 'am', BOTH)).toMatchObject({ warnedAt: 8000, fullAt: 10_000, overCapIds: ['c11', 'c12'] });
  });

  it('counts as urgent over the cap only the contacts with a reason that are beyond the cap: a reason given with room to spare is not over the cap', () => {
    const usage = usageOf(contacts(['am', 'am', 'am', 'pm'], { 2: 'Chest pain', 4: 'Sepsis' }), cappedAt(3, 2, 1), 'day', 85, 'pm', BOTH);
    expect(usage).toMatchObject({ urgentOverCap: 1, overCapIds: ['c4'] });
  });

  it('counts no urgent over-cap contact for an uncapped clinician, whatever reasons were given', () => {
    const uncapped = { ...cappedAt(3, 2, 1), capped: false };
    const usage = usageOf(contacts(['am', 'am', 'am', 'pm'], { 2: 'Chest pain', 4: 'Sepsis' }), uncapped, 'day', 85, 'pm', BOTH);
    expect(usage).toMatchObject({ urgentOverCap: 0, overCapIds: [] });
  });

  it('puts every counted contact over a cap of 0, such as on a day off', () => {
    const usage = usageOf(contacts(['am', 'pm']), cappedAt(0, 0, 0), 'day', 85, 'pm', NEITHER);
    expect(usage).toMatchObject({ overCapIds: ['c1', 'c2'], cap: 0, used: 2, state: 'over_cap', warnedAt: null });
    expect(usage.bySession.am).toEqual({ working: false, cap: 0, used: 1, remaining: 0, state: 'over_cap' });
  });

  it('holds each contact to the cap that applied when it was recorded, when one is given', () => {
    // Three within a cap of 25 before the clinician was marked absent (cap 0 now), one urgent after it.
    const list: UsageContact[] = [
      ...contacts(['am', 'am', 'am']).map((contact) => ({ ...contact, capWhenRecorded: 25 })),
      { id: 'c4', session: 'am', occurredAt: 4000, overCapReason: 'Urgent', capWhenRecorded: 0 },
    ];
    expect(usageOf(list, cappedAt(0, 0, 0), 'day', 85, 'am', NEITHER)).toMatchObject({ overCapIds: ['c4'], dayUsed: 4, used: 4, cap: 0 });
    // Recorded while the clinician was not capped (null): never over, whatever the cap is now.
    const uncappedThen = contacts(['am', 'am']).map((contact) => ({ ...contact, capWhenRecorded: null }));
    expect(usageOf(uncappedThen, cappedAt(1, 1, 0), 'day', 85, 'am', BOTH).overCapIds).toEqual([]);
    // Recorded under a cap of 1 that has since been raised to 25: the second was over then, and stays over.
    const tighterThen = contacts(['am', 'am']).map((contact) => ({ ...contact, capWhenRecorded: 1 }));
    expect(usageOf(tighterThen, cappedAt(25, 13, 12), 'day', 85, 'am', BOTH).overCapIds).toEqual(['c2']);
  });

  it('starts a day without contacts at zero: available, nothing over, no times', () => {
    expect(usageOf([], cappedAt(25, 13, 12), 'day', 85, 'am', BOTH)).toEqual({
      dayUsed: 0,
      bySession: {
        am: { working: true, cap: 13, used: 0, remaining: 13, state: 'available' },
        pm: { working: true, cap: 12, used: 0, remaining: 12, state: 'available' },
      },
      cap: 25,
      used: 0,
      remaining: 25,
      state: 'available',
      warnedAt: null,
      fullAt: null,
      overCapIds: [],
      urgentOverCap: 0,
    });
  });
});

describe('the small cap rules shared by the core and the screens', () => {
  it('splits a day’s cap morning first', () => {
    expect(splitDailyCap(25)).toEqual({ am: 13, pm: 12 });
    expect(splitDailyCap(24)).toEqual({ am: 12, pm: 12 });
    expect(splitDailyCap(1)).toEqual({ am: 1, pm: 0 });
    expect(splitDailyCap(0)).toEqual({ am: 0, pm: 0 });
  });

  it('lets a clinician’s own cap and capping win over the role default', () => {
    const own = { role: 'practice_nurse' as const, capped: true, dailyCap: 18, amCap: null, pmCap: null };
    expect(resolveCap(own, ROLE_DEFAULTS)).toEqual({ capped: true, daily: 18 });
    expect(resolveCap({ ...own, capped: null, dailyCap: null }, ROLE_DEFAULTS)).toEqual({ capped: false, daily: 25 });
    expect(resolveCap({ ...own, role: 'gp_partner', capped: null, dailyCap: null }, ROLE_DEFAULTS)).toEqual({ capped: true, daily: 25 });
  });

  it('holds a contact to its session’s cap in session mode and the day’s otherwise', () => {
    const plan: CapPlan = { capped: true, dayCap: 25, sessionCaps: { am: 13, pm: 12 } };
    expect(capFor(plan, 'session', 'am')).toBe(13);
    expect(capFor(plan, 'session', 'pm')).toBe(12);
    expect(capFor(plan, 'day', 'pm')).toBe(25);
  });

  it('counts a day as at the cap only for a capped clinician with a cap above zero', () => {
    expect(reachedCap(25, 25, true)).toBe(true);
    expect(reachedCap(26, 25, true)).toBe(true);
    expect(reachedCap(24, 25, true)).toBe(false);
    expect(reachedCap(30, 25, false)).toBe(false);
    expect(reachedCap(0, 0, true)).toBe(false);
  });
});
