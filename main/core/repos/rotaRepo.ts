import type Database from 'better-sqlite3';
import type { DayOverride } from '../../../shared/rota.ts';
import { statement } from '../db/statements.ts';
import { touchConfig } from './configRepo.ts';

export function setRotaDay(db: Database.Database, clinicianId: string, day: string, override: DayOverride | null): void {
  touchConfig(db);
  if (override === null) {
    statement(db, 'DELETE FROM rota_days WHERE day = ? AND clinician_id = ?').run(day, clinicianId);
    return;
  }
  statement(db, 'INSERT INTO rota_days (day, clinician_id, override) VALUES (?, ?, ?) ON CONFLICT (day, clinician_id) DO UPDATE SET override = excluded.override').run(
    day,
    clinicianId,
    JSON.stringify(override),
  );
}

/** Each clinician's change for one date, if any. */
export function rotaDaysOn(db: Database.Database, day: string): Map<string, DayOverride> {
  const rows = statement(db, 'SELECT clinician_id AS clinicianId, override FROM rota_days WHERE day = ?').all(day) as { clinicianId: string; override: string }[];
  return new Map(rows.map((row) => [row.clinicianId, JSON.parse(row.override) as DayOverride]));
}

export function rotaDaysBetween(db: Database.Database, from: string, to: string): { day: string; clinicianId: string; override: DayOverride }[] {
  const rows = statement(db, 'SELECT day, clinician_id AS clinicianId, override FROM rota_days WHERE day BETWEEN ? AND ? ORDER BY day, clinician_id').all(from, to) as {
    day: string;
    clinicianId: string;
    override: string;
  }[];
  return rows.map((row) => ({ day: row.day, clinicianId: row.clinicianId, override: JSON.parse(row.override) as DayOverride }));
}
