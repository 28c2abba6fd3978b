import { sortForBoard } from '../../../shared/boardOrder.ts';
import type { Recorded } from '../../../shared/contract.ts';
import type { Board, BoardRow, Clinician } from '../../../shared/domain.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import type { CoreContext } from '../context.ts';
import { latestHlc } from '../repos/eventsRepo.ts';
import { usualContactType } from './contactTypes.ts';
import { deskFiguresAt, loadDay } from './dayPlan.ts';
import { isoOrNull } from './recording.ts';

/**
 * Today's board: every active clinician in the practice's chosen order, working
 * or not, each with their own key, today's cap and usage, and where they are
 * (working, finished, absent, not working).
 */
export function todayBoard(ctx: CoreContext): Board {
  const now = ctx.clock.now();
  const state = loadDay(ctx, practiceDayOf(now), now);
  const rows: BoardRow[] = [];
  const active: Clinician[] = [];
  state.plans.forEach((plan) => {
    if (plan.clinician.active) active.push(plan.clinician);
  });
  for (const clinician of sortForBoard(active, state.settings.boardOrder)) {
    const clinicianId = clinician.id;
    const plan = state.plans.get(clinicianId);
    const usage = state.usage.get(clinicianId);
    const figures = deskFiguresAt(state, clinicianId, now);
    if (!plan || !usage || !figures) continue;
    rows.push({
      clinicianId,
      name: plan.clinician.name,
      initials: plan.clinician.initials,
      role: plan.clinician.role,
      key: plan.clinician.key,
      status: figures.status,
      working: plan.working,
      sessions: plan.sessions,
      duty: plan.duty,
      capped: figures.capped,
      cap: figures.cap,
      used: figures.used,
      remaining: figures.remaining,
      state: figures.state,
      dayCap: plan.plan.dayCap,
      dayUsed: usage.dayUsed,
      bySession: usage.bySession,
      warnedAt: isoOrNull(usage.warnedAt),
      fullAt: isoOrNull(usage.fullAt),
      urgentOverCap: usage.urgentOverCap,
      overCommitted: usage.overCapIds.length - usage.urgentOverCap,
      notCounted: state.notCounted.get(clinicianId) ?? 0,
    });
  }
  return {
    day: state.day,
    version: latestHlc(ctx) ?? '',
    now: new Date(now).toISOString(),
    capMode: state.settings.capMode,
    session: state.session,
    warningPercent: state.settings.warningPercent,
    defaultTypeId: usualContactType(ctx, state.settings),
    rows,
  };
}

/** The board after a record, when the desk asks for it: one round trip per keypress. */
export function withBoard<T extends object>(ctx: CoreContext, input: { withBoard?: boolean | undefined }, value: T): Recorded<T> {
  return input.withBoard === true ? { ...value, board: todayBoard(ctx) } : value;
}
