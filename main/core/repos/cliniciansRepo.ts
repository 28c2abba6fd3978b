import type Database from 'better-sqlite3';
import type { Clinician, ClinicianRole } from '../../../shared/domain.ts';
import { statement } from '../db/statements.ts';

interface ClinicianRow {
  id: string;
  name: string;
  role: ClinicianRole;
  dailyCap: number;
  active: 0 | 1;
}

const SELECT = 'SELECT id, name, role, daily_cap AS dailyCap, active FROM clinicians';

function toClinician(row: ClinicianRow): Clinician {
  return { id: row.id, name: row.name, role: row.role, dailyCap: row.dailyCap, active: row.active === 1 };
}

export function getClinician(db: Database.Database, id: string): Clinician | null {
  const row = statement(db, `${SELECT} WHERE id = ?`).get(id) as ClinicianRow | undefined;
  return row ? toClinician(row) : null;
}

export function listClinicians(db: Database.Database, includeInactive: boolean): Clinician[] {
  const sql = includeInactive
    ? `${SELECT} ORDER BY name COLLATE NOCASE, created_hlc`
    : `${SELECT} WHERE active = 1 ORDER BY name COLLATE NOCASE, created_hlc`;
  return (statement(db, sql).all() as ClinicianRow[]).map(toClinician);
}

export interface ClinicianSeed {
  id: string;
  name: string;
  role: ClinicianRole;
  dailyCap: number;
  createdHlc: string;
}

/** Creates the row if it is not there yet; fields are then set by last-writer-wins. */
export function ensureClinicianRow(db: Database.Database, seed: ClinicianSeed): void {
  statement(
    db,
    `INSERT OR IGNORE INTO clinicians (id, name, role, daily_cap, active, created_hlc)
     VALUES (@id, @name, @role, @dailyCap, 1, @createdHlc)`,
  ).run(seed);
}

/** The hybrid clock of the event that created the clinician decides ties in name order. */
export function setClinicianCreatedHlc(db: Database.Database, id: string, hlc: string): void {
  statement(db, 'UPDATE clinicians SET created_hlc = ? WHERE id = ? AND created_hlc > ?').run(hlc, id, hlc);
}

export type ClinicianField = 'name' | 'role' | 'dailyCap' | 'active';

const UPDATE_BY_FIELD: Record<ClinicianField, string> = {
  name: 'UPDATE clinicians SET name = ? WHERE id = ?',
  role: 'UPDATE clinicians SET role = ? WHERE id = ?',
  dailyCap: 'UPDATE clinicians SET daily_cap = ? WHERE id = ?',
  active: 'UPDATE clinicians SET active = ? WHERE id = ?',
};

export function setClinicianField(db: Database.Database, id: string, field: ClinicianField, value: string | number | boolean): void {
  const bound = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  statement(db, UPDATE_BY_FIELD[field]).run(bound, id);
}
