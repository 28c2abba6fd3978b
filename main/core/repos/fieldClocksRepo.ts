import type Database from 'better-sqlite3';
import { statement } from '../db/statements.ts';

/**
 * Last-writer-wins per field (DESIGN.md §5): an edit applies only if its hybrid
 * clock is newer than the last applied edit of the same field. Returns whether
 * the caller should write the field.
 */
export function claimField(db: Database.Database, entity: string, entityId: string, field: string, hlc: string): boolean {
  const result = statement(
    db,
    `INSERT INTO field_clocks (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?)
     ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > field_clocks.hlc`,
  ).run(entity, entityId, field, hlc);
  return result.changes > 0;
}
