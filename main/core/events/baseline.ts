import type { Store } from '../db/store.ts';
import { BUILTIN_CONTACT_TYPES } from '../../../shared/contactTypes.ts';
import { BMA_ACTIONS_2024 } from '../../../shared/actions.ts';
import { DEFAULT_DIRECTORY } from '../../../shared/directory.ts';
import { ensureConfig } from '../repos/configRepo.ts';

/**
 * Built-ins are "created" at 0-01, 0-02, …: before any hybrid clock value, so
 * they list first, in their own order, and any edit wins over them.
 */
const baselineHlc = (index: number) => `0-${String(index + 1).padStart(2, '0')}`;

/**
 * The built-in contact types and the starting directory. They are not events:
 * every PC lays down the same rows with the same ids, so a practice's edits (which
 * are events) apply to the same entries everywhere.
 */
export function applyBaseline(store: Store): void {
  BUILTIN_CONTACT_TYPES.forEach((type, index) => {
    const { id, ...fields } = type;
    ensureConfig(store, 'contact_type', id, fields, baselineHlc(index));
  });
  DEFAULT_DIRECTORY.forEach((entry, index) => {
    const { id, ...fields } = entry;
    ensureConfig(store, 'directory', id, fields, baselineHlc(index));
  });
  BMA_ACTIONS_2024.forEach((entry, index) => {
    const { id, ...fields } = entry;
    ensureConfig(store, 'action', id, fields, baselineHlc(index));
  });
}
