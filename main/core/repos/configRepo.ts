import { statement, type Store } from '../db/store.ts';

/**
 * Configuration (clinicians, settings, rota patterns, contact types, directory
 * entries) is kept as one JSON document per entity, edited field by field with
 * last-writer-wins by hybrid clock, and every value ever given is kept in
 * field_history so a past day can be seen as it was configured then.
 */
export type ConfigEntity = 'clinician' | 'settings' | 'rota_pattern' | 'contact_type' | 'directory' | 'rota_day' | 'action' | 'gpas' | 'staff';

const FIELD = /^[A-Za-z0-9_:]+$/;

function pathOf(field: string): string {
  if (!FIELD.test(field)) throw new Error(`Not a configuration field name: ${field}`);
  return `$."${field}"`;
}

/** Keeps the value in the history; returns true when it is now the newest value of the field. */
export function recordFieldChange(store: Store, entity: ConfigEntity, entityId: string, field: string, hlc: string, value: unknown): boolean {
  statement(store, 'INSERT OR IGNORE INTO field_history (entity, entity_id, field, hlc, value) VALUES (?, ?, ?, ?, ?)').run(
    entity,
    entityId,
    field,
    hlc,
    JSON.stringify(value ?? null),
  );
  const newest = statement(store, 'SELECT max(hlc) FROM field_history WHERE entity = ? AND entity_id = ? AND field = ?')
    .pluck()
    .get(entity, entityId, field) as string;
  return newest === hlc;
}

/** Creates the document with its defaults if it is not there; the earliest creation clock is kept. */
export function ensureConfig(store: Store, entity: ConfigEntity, entityId: string, defaults: object, createdHlc: string): void {
  statement(store, 'INSERT OR IGNORE INTO config (entity, entity_id, data, created_hlc) VALUES (?, ?, ?, ?)').run(
    entity,
    entityId,
    JSON.stringify(defaults),
    createdHlc,
  );
  statement(store, 'UPDATE config SET created_hlc = ? WHERE entity = ? AND entity_id = ? AND created_hlc > ?').run(createdHlc, entity, entityId, createdHlc);
}

export function setConfigField(store: Store, entity: ConfigEntity, entityId: string, field: string, value: unknown): void {
  statement(store, 'UPDATE config SET data = json_set(data, ?, json(?)) WHERE entity = ? AND entity_id = ?').run(
    pathOf(field),
    JSON.stringify(value ?? null),
    entity,
    entityId,
  );
}

export interface ConfigRow {
  id: string;
  data: Record<string, unknown>;
  createdHlc: string;
}

export function getConfig(store: Store, entity: ConfigEntity, entityId: string): ConfigRow | null {
  const row = statement(store, 'SELECT entity_id AS id, data, created_hlc AS createdHlc FROM config WHERE entity = ? AND entity_id = ?').get(entity, entityId) as
    | { id: string; data: string; createdHlc: string }
    | undefined;
  return row ? { id: row.id, data: JSON.parse(row.data) as Record<string, unknown>, createdHlc: row.createdHlc } : null;
}

export function listConfig(store: Store, entity: ConfigEntity): ConfigRow[] {
  const rows = statement(store, 'SELECT entity_id AS id, data, created_hlc AS createdHlc FROM config WHERE entity = ? ORDER BY created_hlc, entity_id').all(entity) as {
    id: string;
    data: string;
    createdHlc: string;
  }[];
  return rows.map((row) => ({ id: row.id, data: JSON.parse(row.data) as Record<string, unknown>, createdHlc: row.createdHlc }));
}

export interface HistoryRow {
  entity: ConfigEntity;
  entityId: string;
  field: string;
  hlc: string;
  value: unknown;
}

/** Every recorded value of the given entities' fields, oldest first. */
export function fieldHistory(store: Store, entities: readonly ConfigEntity[]): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const entity of entities) {
    const found = statement(store, 'SELECT entity, entity_id AS entityId, field, hlc, value FROM field_history WHERE entity = ? ORDER BY hlc').all(entity) as {
      entity: ConfigEntity;
      entityId: string;
      field: string;
      hlc: string;
      value: string;
    }[];
    for (const row of found) rows.push({ ...row, value: JSON.parse(row.value) as unknown });
  }
  return rows;
}

/** Clock values of configuration changes between two bounds that can move a cap or a rota. */
export function capChangesBetween(store: Store, fromHlc: string, toHlc: string, day: string): string[] {
  return statement(
    store,
    `SELECT DISTINCT hlc FROM field_history WHERE hlc > ? AND hlc <= ?
     AND (entity IN ('settings', 'clinician', 'rota_pattern') OR (entity = 'rota_day' AND entity_id LIKE '%|' || ?))
     ORDER BY hlc`,
  )
    .pluck()
    .all(fromHlc, toHlc, day) as string[];
}
