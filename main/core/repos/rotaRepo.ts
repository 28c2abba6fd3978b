import type { DayOverride } from '../../../shared/rota.ts';
import { statement, type Store } from '../db/store.ts';

export function setRotaDay(store: Store, clinicianId: string, day: string, override: DayOverride | null): void {
  if (override === null) {
    statement(store, 'DELETE FROM rota_days WHERE day = ? AND clinician_id = ?').run(day, clinicianId);
    return;
  }
  statement(store, 'INSERT INTO rota_days (day, clinician_id, override) VALUES (?, ?, ?) ON CONFLICT (day, clinician_id) DO UPDATE SET override = excluded.override').run(
    day,
    clinicianId,
    JSON.stringify(override),
  );
}

/** Each clinician's change for one date, if any. */
export function rotaDaysOn(store: Store, day: string): Map<string, DayOverride> {
  const rows = statement(store, 'SELECT clinician_id AS clinicianId, override FROM rota_days WHERE day = ?').all(day) as { clinicianId: string; override: string }[];
  return new Map(rows.map((row) => [row.clinicianId, JSON.parse(row.override) as DayOverride]));
}

export function rotaDaysBetween(store: Store, from: string, to: string): { day: string; clinicianId: string; override: DayOverride }[] {
  const rows = statement(store, 'SELECT day, clinician_id AS clinicianId, override FROM rota_days WHERE day BETWEEN ? AND ? ORDER BY day, clinician_id').all(from, to) as {
    day: string;
    clinicianId: string;
    override: string;
  }[];
  return rows.map((row) => ({ day: row.day, clinicianId: row.clinicianId, override: JSON.parse(row.override) as DayOverride }));
}
