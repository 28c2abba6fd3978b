import type Database from 'better-sqlite3';
import { BUILTIN_CONTACT_TYPES } from '../../../shared/contactTypes.ts';
import { DEFAULT_DIRECTORY } from '../../../shared/directory.ts';
import { ensureConfig } from '../repos/configRepo.ts';

/** Sorts before any hybrid clock value: built-ins come first and any edit wins over them. */
const BASELINE_HLC = '0';

/**
 * The built-in contact types and the starting directory. They are not events:
 * every PC lays down the same rows with the same ids, so a practice's edits (which
 * are events) apply to the same entries everywhere.
 */
export function applyBaseline(db: Database.Database): void {
  for (const type of BUILTIN_CONTACT_TYPES) {
    const { id, ...fields } = type;
    ensureConfig(db, 'contact_type', id, fields, BASELINE_HLC);
  }
  for (const entry of DEFAULT_DIRECTORY) {
    const { id, ...fields } = entry;
    ensureConfig(db, 'directory', id, fields, BASELINE_HLC);
  }
}
