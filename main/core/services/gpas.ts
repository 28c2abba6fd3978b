import type { ParsedInputOf } from '../../../shared/contract.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import { GPAS_STATUSES, type GpasReport } from '../../../shared/reports.ts';
import { weekdayOf } from '../../../shared/rota.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { getConfig } from '../repos/configRepo.ts';
import { loadDayDetails } from './reports/day.ts';
import { readSettings } from './settings.ts';

function assertMonday(day: string): void {
  if (weekdayOf(day) !== 'mon') throw new DomainError('invalid_input', 'The GPAS return is for a Monday. Choose a Monday.', 'monday');
}

/**
 * The LMC's weekly General Practice Alert State return (DOMAIN.md §6): Monday's
 * counted contacts across all clinicians, the list size, contacts per 1,000
 * patients, and the practice's own Green/Amber/Red/Black assessment.
 */
export function gpasReport(ctx: CoreContext, input: ParsedInputOf<'report.gpas'>): GpasReport {
  assertMonday(input.monday);
  const now = ctx.clock.now();
  const [detail] = loadDayDetails(ctx, input.monday, input.monday, now);
  const totalContacts = detail?.report.totals.counted ?? 0;
  const listSize = readSettings(ctx).listSize;
  const saved = getConfig(ctx, 'gpas', input.monday)?.data;
  const status = GPAS_STATUSES.find((candidate) => candidate === saved?.status);
  return {
    monday: input.monday,
    totalContacts,
    // Monday is not over yet: the LMC's return asks for the whole day.
    soFar: input.monday >= practiceDayOf(now),
    listSize,
    per1000: listSize === null ? null : Math.round((totalContacts / listSize) * 10000) / 10,
    assessment: status ? { status: status, note: typeof saved?.note === 'string' ? saved.note : '' } : null,
  };
}

export function assessGpas(ctx: CoreContext, input: ParsedInputOf<'gpas.assess'>): GpasReport {
  assertMonday(input.monday);
  return write(ctx, () => {
    ctx.log.append('gpas.assessed', { monday: input.monday, status: input.status, note: input.note ?? '' });
    return gpasReport(ctx, { monday: input.monday });
  });
}
