import type { Board, BoardRow } from '../../../shared/domain.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import type { CoreContext } from '../context.ts';
import { usualContactType } from './contacts.ts';
import { notCountedOnDay } from '../repos/contactsRepo.ts';
import { loadDay } from './dayPlan.ts';
import { isoOrNull } from './recording.ts';


/** Today's board: every active clinician, working or not, with today's cap and usage. */
export function todayBoard(ctx: CoreContext): Board {
  const now = ctx.clock.now();
  const state = loadDay(ctx.db, practiceDayOf(now), now);
  const notCounted = notCountedOnDay(ctx.db, state.day);
  const rows: BoardRow[] = [];
  for (const [clinicianId, plan] of state.plans) {
    if (!plan.clinician.active) continue;
    const usage = state.usage.get(clinicianId);
    if (!usage) continue;
    rows.push({
      clinicianId,
      name: plan.clinician.name,
      initials: plan.clinician.initials,
      role: plan.clinician.role,
      working: plan.working,
      sessions: plan.sessions,
      duty: plan.duty,
      capped: plan.plan.capped,
      cap: usage.cap,
      used: usage.used,
      remaining: usage.remaining,
      state: usage.state,
      dayCap: plan.plan.dayCap,
      dayUsed: usage.dayUsed,
      bySession: usage.bySession,
      warnedAt: isoOrNull(usage.warnedAt),
      fullAt: isoOrNull(usage.fullAt),
      urgentOverCap: usage.urgentOverCap,
      notCounted: notCounted.get(clinicianId) ?? 0,
    });
  }
  return {
    day: state.day,
    now: new Date(now).toISOString(),
    capMode: state.settings.capMode,
    session: state.session,
    warningPercent: state.settings.warningPercent,
    defaultTypeId: usualContactType(ctx, state.settings),
    rows,
  };
}
