import type { Board } from '../../../shared/domain.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import type { CoreContext } from '../context.ts';
import { listClinicians } from '../repos/cliniciansRepo.ts';
import { countUsedByClinician } from '../repos/contactsRepo.ts';

/** Today's board: every active clinician with used, cap and remaining. */
export function todayBoard(ctx: CoreContext): Board {
  const day = practiceDayOf(ctx.clock.now());
  const used = countUsedByClinician(ctx.db, day);
  const rows = listClinicians(ctx.db, false).map((clinician) => {
    const count = used.get(clinician.id) ?? 0;
    return {
      clinicianId: clinician.id,
      name: clinician.name,
      role: clinician.role,
      cap: clinician.dailyCap,
      used: count,
      remaining: Math.max(0, clinician.dailyCap - count),
    };
  });
  return { day, rows };
}
