import { isAtCapacity } from './capacity.ts';
import { ROLE_KINDS, type BoardRow } from './domain.ts';

/**
 * Where a patient can go inside the practice when their clinician is full
 * (DOMAIN.md §5: "use the whole practice team"): clinicians working now with
 * room — never one who is absent, off the rota or finished for today. Colleagues
 * of the same kind come first (a GP's patient to another GP before a nurse),
 * and within each kind the most room first; clinicians without a cap come after
 * the capped ones of their kind, by name. The receptionist judges the rest.
 */
export function alternativesFor(rows: readonly BoardRow[], fullClinicianId: string): BoardRow[] {
  const full = rows.find((row) => row.clinicianId === fullClinicianId);
  const kind = full ? ROLE_KINDS[full.role] : null;
  const candidates = rows.filter((row) => row.clinicianId !== fullClinicianId && !isAtCapacity(row));
  const rank = (row: BoardRow) => (ROLE_KINDS[row.role] === kind ? 0 : 1) * 2 + (row.capped ? 0 : 1);
  return [...candidates].sort(
    (a, b) => rank(a) - rank(b) || (a.capped && b.capped ? b.remaining - a.remaining : 0) || a.name.localeCompare(b.name, 'en-GB'),
  );
}
