import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { StartupError, errorCodeOf, isBusy, isDiskFull, isReadOnly } from '../errors.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Numbered SQL files (0001_init.sql, …), which must run 1, 2, 3 with no gaps. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new Error(`Migration file name not understood: ${file}`);
      return { version: Number(match[1]), name: match[2] ?? file, sql: readFileSync(path.join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${migration.version} at position ${index + 1}.`);
    }
  });
  return migrations;
}

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrationOutcome {
  from: number;
  to: number;
}

/**
 * Runs every pending migration in one immediate transaction, so a failure leaves
 * the file exactly as it was. A database newer than this app is refused, never
 * migrated down.
 */
export function migrate(db: Database.Database, migrations: Migration[]): MigrationOutcome {
  const from = schemaVersionOf(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new StartupError(
      'newer_database',
      `This database was written by a newer version of ContactCap (schema ${from}; this version knows up to ${latest}). ` +
        `Nothing was changed. Install the newer version of ContactCap on this PC to open it.`,
    );
  }
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to: from };

  db.exec('BEGIN IMMEDIATE');
  let current: Migration | undefined;
  try {
    for (const migration of pending) {
      current = migration;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (error instanceof StartupError) throw error;
    const code = errorCodeOf(error);
    // Storage trouble is not the migration's fault: the caller explains it by cause.
    if (isDiskFull(code) || isReadOnly(code) || isBusy(code)) throw error;
    throw new StartupError(
      'migration_failed',
      `ContactCap could not update its database to this version (step ${current?.version ?? '?'}, ${current?.name ?? ''}). ` +
        `Nothing was changed and your data is as it was. Reinstall the previous version, or contact your IT support with this message: ` +
        (error instanceof Error ? error.message : String(error)),
      { cause: error },
    );
  }
  return { from, to: pending.at(-1)?.version ?? from };
}
