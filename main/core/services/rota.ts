import type { ParsedInputOf, ResultOf } from '../../../shared/contract.ts';
import { addPracticeDays, practiceDayOf } from '../../../shared/practiceDay.ts';
import type { DayOverride, WeekPattern } from '../../../shared/rota.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { rotaDaysBetween } from '../repos/rotaRepo.ts';
import { currentConfig } from './configViews.ts';
import { requireClinician } from './clinicians.ts';

const MAX_RANGE_DAYS = 62;

export function getRota(ctx: CoreContext, input: ParsedInputOf<'rota.get'>): ResultOf<'rota.get'> {
  if (input.to < input.from) throw new DomainError('invalid_input', 'The end date is before the start date.', 'to');
  if (addPracticeDays(input.from, MAX_RANGE_DAYS - 1) < input.to) {
    throw new DomainError('invalid_input', `Show at most ${MAX_RANGE_DAYS} days of the rota at once.`, 'to');
  }
  const snapshot = currentConfig(ctx);
  const patterns: Record<string, WeekPattern> = {};
  for (const [clinicianId, pattern] of snapshot.patterns) patterns[clinicianId] = pattern;
  return { patterns, days: rotaDaysBetween(ctx, input.from, input.to) };
}

export function setPattern(ctx: CoreContext, input: ParsedInputOf<'rota.setPattern'>): WeekPattern {
  return write(ctx, () => {
    requireClinician(ctx, input.clinicianId);
    ctx.log.append('rota.patternSet', { clinicianId: input.clinicianId, pattern: input.pattern });
    return input.pattern;
  });
}

/** An override that changes nothing is the same as none. */
function meaningful(override: DayOverride | null): DayOverride | null {
  if (override === null) return null;
  const kept = Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined)) as DayOverride;
  return Object.keys(kept).length === 0 ? null : kept;
}

export function setDay(ctx: CoreContext, input: ParsedInputOf<'rota.setDay'>): DayOverride | null {
  return write(ctx, () => {
    requireClinician(ctx, input.clinicianId);
    if (input.day < practiceDayOf(ctx.clock.now())) {
      throw new DomainError('invalid_input', 'A day that has passed cannot be changed: reports show each day as it was. Choose today or a later date.', 'day');
    }
    const override = meaningful(input.override);
    if (override?.absent && (override.am === true || override.pm === true)) {
      throw new DomainError('invalid_input', 'A clinician cannot be absent and working a session on the same day.', 'override');
    }
    ctx.log.append('rota.daySet', { clinicianId: input.clinicianId, day: input.day, override: override as Record<string, unknown> | null });
    return override;
  });
}
