import { isAtCapacity } from './capacity.ts';
import type { BoardRow } from './domain.ts';

/**
 * Where a patient can go inside the practice when their clinician is full
 * (DOMAIN.md §5: "use the whole practice team"): clinicians working today with
 * room, most remaining first. Clinicians without a cap come after, by name; the
 * receptionist judges whether their role suits the patient.
 */
export function alternativesFor(rows: readonly BoardRow[], fullClinicianId: string): BoardRow[] {
  const candidates = rows.filter((row) => row.clinicianId !== fullClinicianId && row.working && !isAtCapacity(row));
  const capped = candidates.filter((row) => row.capped).sort((a, b) => b.remaining - a.remaining || a.name.localeCompare(b.name));
  const uncapped = candidates.filter((row) => !row.capped).sort((a, b) => a.name.localeCompare(b.name));
  return [...capped, ...uncapped];
}
