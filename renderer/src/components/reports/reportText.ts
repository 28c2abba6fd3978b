import type { DestinationKind } from '../../../../shared/directory.ts';
import type { DayReport, GpasReport, TypeLabel } from '../../../../shared/reports.ts';
import type { SessionPair } from '../../../../shared/rota.ts';

/** "All day", "Morning", "Afternoon", or not on the rota that day. */
export function sessionsLabel(sessions: SessionPair, working: boolean): string {
  if (!working || (!sessions.am && !sessions.pm)) return 'Not on the rota';
  if (sessions.am && sessions.pm) return 'All day';
  return sessions.am ? 'Morning' : 'Afternoon';
}

/** Short names for the built-in types, so a day's mix fits in one cell ("F2F 18 · Tel 6"). */
const TYPE_SHORT: Record<string, string> = {
  face_to_face: 'F2F',
  telephone: 'Tel',
  video: 'Video',
  online: 'Online',
  home_visit: 'Home',
  care_home_visit: 'Care home',
  admin: 'Admin',
  documents: 'Docs',
  results: 'Results',
};

export interface TypeCount {
  id: string;
  short: string;
  name: string;
  counts: boolean;
  count: number;
}

/** Contacts by type, in the practice's order of types; types with none left out. */
export function typeCounts(byType: Record<string, number>, types: readonly TypeLabel[]): TypeCount[] {
  const known = new Set(types.map((type) => type.id));
  const listed = types.map((type) => ({ id: type.id, short: TYPE_SHORT[type.id] ?? type.name, name: type.name, counts: type.counts, count: byType[type.id] ?? 0 }));
  const others = Object.entries(byType)
    .filter(([id]) => !known.has(id))
    .map(([id, count]) => ({ id, short: TYPE_SHORT[id] ?? id, name: id, counts: true, count }));
  return [...listed, ...others].filter((entry) => entry.count > 0);
}

/**
 * "F2F 18 · Tel 6 · Video 1" to see; the full names to hear. The seen text
 * wraps only between entries or inside a long name: a count stays with its
 * type's last word and a dot with the entry before it (no-break spaces).
 */
export function typeText(counts: readonly TypeCount[], full: boolean): string {
  if (counts.length === 0) return full ? 'None' : '—';
  return counts.map((entry) => (full ? `${entry.name} ${entry.count}` : `${entry.short}\u00a0${entry.count}`)).join(full ? ', ' : '\u00a0· ');
}

/** Short names for destination kinds, for chart legends and table headings. */
export const KIND_SHORT: Record<DestinationKind, string> = {
  pharmacy_first: 'Pharmacy',
  urgent_treatment_centre: 'Urgent treatment',
  enhanced_access_hub: 'PCN hub',
  nhs_111: 'NHS 111',
  emergency_999: '999 / A&E',
  self_care: 'Self-care',
  self_referral: 'Self-referral',
  other: 'Other',
};

/** 96.2 → "96%"; null → "—". */
export function percentText(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)}%`;
}

/** 4.25 → "4.3"; null → "—". */
export function decimalText(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

export function wholeText(value: number): string {
  return value.toLocaleString('en-GB');
}

/**
 * The practice's counted contacts split as its cap figure sees them: "118 capped · 24 not capped". The cap
 * and the percentage cover the capped clinicians on the rota only; the count covers everyone. Null when
 * there is nothing to split (no cap that day, or every contact under one).
 */
export function countedSplitText(totals: Pick<DayReport['totals'], 'cap' | 'cappedCounted' | 'uncappedCounted'>): string | null {
  if (totals.cap === 0 || totals.uncappedCounted === 0) return null;
  return `${wholeText(totals.cappedCounted)} capped · ${wholeText(totals.uncappedCounted)} not capped`;
}

/** Said beside a GPAS figure while its Monday is not over: the LMC's return asks for the whole day. */
export const GPAS_SO_FAR = 'so far (Monday is not over yet)';

/** What the GPAS figure is: the whole Monday, or the Monday so far while it is not over. */
export function gpasContactsLabel(gpas: Pick<GpasReport, 'soFar'>): string {
  return gpas.soFar ? 'Patient contacts that Monday, so far (not over yet)' : 'Patient contacts that Monday';
}
