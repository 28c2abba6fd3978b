import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** Every row of every table, for "nothing changed" comparisons. */
export function dumpTables(db: Database.Database): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = (db.prepare(`SELECT count(*) FROM pragma_table_info(?)`).pluck().get(table) as number) > 1 ? '1, 2' : '1';
    dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns}`).all();
  }
  return dump;
}

/** The schema as SQL text, one object per line, stable order. */
export function schemaOf(db: Database.Database): string {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string }[];
  return rows.map((row) => `${row.sql.replace(/\s+/g, ' ').trim()};`).join('\n') + '\n';
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** File name → sha256 for every file in a folder ("folder" for a folder in it). */
export function folderFingerprint(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    result[entry.name] = entry.isDirectory() ? 'folder' : sha256File(`${dir}/${entry.name}`);
  }
  return result;
}
