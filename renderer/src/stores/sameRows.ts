import type { Board, BoardRow } from '../../../shared/domain.ts';

/** Whether two values read from JSON are the same, all the way down. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * The new board, with each row that did not change kept as the very object the
 * desk already shows: a record changes one clinician's row, and only that row
 * is drawn again (the board's rows are memoised on their object).
 */
export function withUnchangedRows(previous: Board | null, next: Board): Board {
  if (!previous) return next;
  const before = new Map<string, BoardRow>(previous.rows.map((row) => [row.clinicianId, row]));
  let reused = 0;
  const rows = next.rows.map((row) => {
    const old = before.get(row.clinicianId);
    if (old && sameJson(old, row)) {
      reused++;
      return old;
    }
    return row;
  });
  return reused === 0 ? next : { ...next, rows };
}
