import { reachedCap } from '../../../../shared/capacity.ts';
import { DESTINATION_KINDS, type DestinationKind } from '../../../../shared/directory.ts';
import type { RangeReport } from '../../../../shared/reports.ts';
import { formatLongDate, formatShortDate } from '../../format.ts';
import { mondayOf } from './dates.ts';

/** Ranges longer than this are charted week by week. */
export const DAILY_CHART_MAX_DAYS = 31;

export interface CapPoint {
  key: string;
  /** On the axis: "Mon 16 Nov", or "w/c 2 Nov". */
  label: string;
  /** In the table and the summary: "Monday 16 November 2026", or "Week beginning Monday 2 November 2026". */
  longLabel: string;
  counted: number;
  /** The cap (summed over the week's working days); null when not capped. */
  cap: number | null;
  daysWorked: number;
  daysAtOrOverCap: number;
  /** Counted reached the cap. */
  reached: boolean;
}

function weekLabels(monday: string): { label: string; longLabel: string } {
  return { label: `w/c ${formatShortDate(monday).replace(/^\w+ /, '')}`, longLabel: `Week beginning ${formatLongDate(monday)}` };
}

/** One clinician's contacts against their cap, day by day (or week by week for long ranges), on the days they worked or had contacts. */
export function capPoints(report: RangeReport, clinicianId: string): CapPoint[] {
  const byWeek = report.days > DAILY_CHART_MAX_DAYS;
  const points = new Map<string, CapPoint>();
  for (const day of report.daily) {
    const entry = day.byClinician[clinicianId];
    if (!entry || (!entry.working && entry.counted === 0)) continue;
    const key = byWeek ? mondayOf(day.day) : day.day;
    const labels = byWeek ? weekLabels(key) : { label: formatShortDate(day.day), longLabel: formatLongDate(day.day) };
    const point = points.get(key) ?? { key, ...labels, counted: 0, cap: null, daysWorked: 0, daysAtOrOverCap: 0, reached: false };
    point.counted += entry.counted;
    if (entry.working) {
      point.daysWorked += 1;
      if (entry.capped) {
        point.cap = (point.cap ?? 0) + entry.cap;
        if (reachedCap(entry.counted, entry.cap, true)) point.daysAtOrOverCap += 1;
      }
    }
    point.reached = point.cap !== null && reachedCap(point.counted, point.cap, true);
    points.set(key, point);
  }
  return [...points.values()];
}

export type KindPoint = { key: string; label: string; longLabel: string; total: number } & Partial<Record<DestinationKind, number>>;

/** Redirections by kind of service over the range, on days something happened (or week by week). */
export function kindPoints(report: RangeReport): { points: KindPoint[]; kinds: DestinationKind[] } {
  const byWeek = report.days > DAILY_CHART_MAX_DAYS;
  const points = new Map<string, KindPoint>();
  const seen = new Set<DestinationKind>();
  for (const day of report.daily) {
    if (Object.keys(day.byClinician).length === 0 && day.redirections === 0) continue;
    const key = byWeek ? mondayOf(day.day) : day.day;
    const labels = byWeek ? weekLabels(key) : { label: formatShortDate(day.day), longLabel: formatLongDate(day.day) };
    const point = points.get(key) ?? { key, ...labels, total: 0 };
    for (const kind of DESTINATION_KINDS) {
      const count = day.redirectionsByKind[kind] ?? 0;
      if (count === 0) continue;
      seen.add(kind);
      point[kind] = (point[kind] ?? 0) + count;
      point.total += count;
    }
    points.set(key, point);
  }
  return { points: [...points.values()], kinds: DESTINATION_KINDS.filter((kind) => seen.has(kind)) };
}

/** Round ticks for a count axis: 0, 5, 10… (or 10s, 25s, 50s for bigger numbers). */
export function countTicks(max: number): number[] {
  const step = max <= 12 ? 2 : max <= 40 ? 5 : max <= 100 ? 10 : max <= 250 ? 25 : 50;
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: top / step + 1 }, (_, index) => index * step);
}
