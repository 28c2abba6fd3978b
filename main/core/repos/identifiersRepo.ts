import { createHash } from 'node:crypto';
import type { ErasureReason } from '../../../shared/identifiers.ts';
import { CacheSlot } from '../db/caches.ts';
import { statement, type Store } from '../db/store.ts';
import { keyOfStored, storedKey, unseal } from '../db/sealedIdentifiers.ts';

/**
 * The keys of sealed patient identifiers (identifier_keys) and the records whose
 * identifiers are erased (identifier_erasures). Neither is a projection: keys
 * come from the PC that recorded the record, directly or over the practice
 * network, never from the log, and a replay of the log leaves both as they are.
 */

export type ErasureWhy = ErasureReason | 'retention';

/** Keys erased on this connection and not yet overwritten in the copies of the database (services/erasureFollowUp.ts). */
const ERASED_KEYS = new CacheSlot<{ recordId: string; key: Buffer }[]>('erasedIdentifierKeys', [], () => []);

/** What identifier_erasures keeps of an erased key: enough to recognise it in a copy, nothing to open anything with. */
export function hashOfKey(key: Buffer): Buffer {
  return createHash('sha256').update(key).digest();
}

export function isErased(store: Store, recordId: string): boolean {
  return statement(store, 'SELECT 1 FROM identifier_erasures WHERE record_id = ?').get(recordId) !== undefined;
}

/** The record's key, or null: none held here, or overwritten (an erased key in a restored backup). */
export function keyFor(store: Store, recordId: string): Buffer | null {
  const stored = statement(store, 'SELECT key FROM identifier_keys WHERE record_id = ?').pluck().get(recordId) as Buffer | undefined;
  return stored ? keyOfStored(stored) : null;
}

/**
 * Keeps a record's key, unless its identifiers are erased here. Answers
 * whether it was kept. `made` is a key this PC has just made for its own new
 * record: it replaces whatever another PC may have sent for that id before.
 */
export function keepKey(store: Store, recordId: string, key: Buffer, practiceDay: string, made = false): boolean {
  if (isErased(store, recordId)) return false;
  const insert = made ? 'INSERT OR REPLACE' : 'INSERT OR IGNORE';
  return statement(store, `${insert} INTO identifier_keys (record_id, key, practice_day) VALUES (?, ?, ?)`).run(recordId, storedKey(key), practiceDay).changes > 0;
}

/**
 * Erases the identifiers of these records here: their keys are deleted (and
 * their bytes zeroed, with secure_delete on), plain notes from before sealing
 * are cleared from the projections, and each record is remembered as erased so
 * no PC's copy of its key is taken again. Answers how many were newly erased.
 */
export function eraseIdentifiers(store: Store, recordIds: readonly string[], why: ErasureWhy, now: number): { erased: string[]; already: string[] } {
  const erased: string[] = [];
  const already: string[] = [];
  // Erased keys, with the rest of what is deleted, are overwritten in the file, not left in its free space.
  store.db.pragma('secure_delete = ON');
  const queue = store.caches.slot(ERASED_KEYS);
  for (const recordId of recordIds) {
    const key = keyFor(store, recordId);
    const alreadyErased = isErased(store, recordId);
    if (key) queue.push({ recordId, key });
    statement(store, 'DELETE FROM identifier_keys WHERE record_id = ?').run(recordId);
    statement(store, "UPDATE redirections SET note = '', nhs_number = NULL WHERE id = ? AND (note <> '' OR nhs_number IS NOT NULL)").run(recordId);
    statement(store, "UPDATE deferrals SET note = '' WHERE id = ? AND note <> ''").run(recordId);
    const inserted =
      statement(store, 'INSERT INTO identifier_erasures (record_id, why, erased_at, key_hash) VALUES (?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET key_hash = coalesce(key_hash, excluded.key_hash)')
        .run(recordId, why, now, key ? hashOfKey(key) : null).changes > 0 && !alreadyErased;
    (inserted ? erased : already).push(recordId);
  }
  return { erased, already };
}

/** The keys erased since the last call whose records are still erased here (a rolled-back erasure's are left out). */
export function takeErasedKeys(store: Store): Buffer[] {
  const queue = store.caches.slot(ERASED_KEYS).splice(0);
  return queue.filter((entry) => keyFor(store, entry.recordId) === null && isErased(store, entry.recordId)).map((entry) => entry.key);
}

/** The hashes (hex) of every key erased here: a copy that still holds one is overwritten. */
export function erasedKeyHashes(store: Store): Set<string> {
  return new Set((statement(store, 'SELECT key_hash FROM identifier_erasures WHERE key_hash IS NOT NULL').pluck().all() as Buffer[]).map((hash) => hash.toString('hex')));
}

/**
 * A sealed record has just been projected: a key that came for it before it
 * did, and does not open it, is dropped, so the right one can still come.
 */
export function dropKeyThatDoesNotOpen(store: Store, recordId: string, sealed: string): void {
  const key = keyFor(store, recordId);
  if (key && unseal(key, recordId, sealed) === null) statement(store, 'DELETE FROM identifier_keys WHERE record_id = ?').run(recordId);
}

/** Records recorded before `day` that hold identifiers here, in the projections or sealed: past the retention period. */
export function recordsBefore(store: Store, day: string): string[] {
  return statement(
    store,
    `SELECT record_id FROM identifier_keys WHERE practice_day < @day
     UNION SELECT id FROM redirections WHERE practice_day < @day AND (sealed IS NOT NULL OR note <> '' OR nhs_number IS NOT NULL)
     UNION SELECT id FROM deferrals WHERE practice_day < @day AND (sealed IS NOT NULL OR note <> '')
     EXCEPT SELECT record_id FROM identifier_erasures`,
  )
    .pluck()
    .all({ day }) as string[];
}

/**
 * Kept keys that must go: overwritten by a scrub (in a restored backup), or of
 * records erased here (a key salvaged from a backup after damage).
 */
export function keysToDrop(store: Store): string[] {
  return statement(
    store,
    "SELECT record_id FROM identifier_keys WHERE length(replace(hex(key), '0', '')) <= 16 OR record_id IN (SELECT record_id FROM identifier_erasures)",
  )
    .pluck()
    .all() as string[];
}

/** Sealed records from `fromDay` on whose keys this PC lacks: asked of the other PCs. */
export function wantedKeys(store: Store, fromDay: string, limit: number): string[] {
  return statement(
    store,
    `SELECT id FROM (
       SELECT id, practice_day, hlc FROM redirections WHERE sealed IS NOT NULL AND practice_day >= @fromDay
       UNION ALL SELECT id, practice_day, hlc FROM deferrals WHERE sealed IS NOT NULL AND practice_day >= @fromDay)
     WHERE id NOT IN (SELECT record_id FROM identifier_keys) AND id NOT IN (SELECT record_id FROM identifier_erasures)
     ORDER BY hlc DESC LIMIT @limit`,
  )
    .pluck()
    .all({ fromDay, limit }) as string[];
}

/** The keys held here among `recordIds` (an erased record's key is gone); the rest are not known here. */
export function keysToShare(store: Store, recordIds: readonly string[]): { recordId: string; key: Buffer; practiceDay: string }[] {
  const keys: { recordId: string; key: Buffer; practiceDay: string }[] = [];
  for (const recordId of recordIds) {
    const row = statement(store, 'SELECT key, practice_day AS practiceDay FROM identifier_keys WHERE record_id = ?').get(recordId) as { key: Buffer; practiceDay: string } | undefined;
    const key = row ? keyOfStored(row.key) : null;
    if (row && key) keys.push({ recordId, key, practiceDay: row.practiceDay });
  }
  return keys;
}

/** A sealed record held here, with its day (a key sent for it must be of that day and open it), or null when it is not here. */
export function sealedRecord(store: Store, recordId: string): { practiceDay: string; sealed: string } | null {
  return (
    (statement(
      store,
      `SELECT practice_day AS practiceDay, sealed FROM redirections WHERE id = @id AND sealed IS NOT NULL
       UNION ALL SELECT practice_day, sealed FROM deferrals WHERE id = @id AND sealed IS NOT NULL`,
    ).get({ id: recordId }) as { practiceDay: string; sealed: string } | undefined) ?? null
  );
}

/** Whether a redirection or deferral is here, and whether it holds a plain note or NHS number from before sealing. */
export function recordWithIdentifiers(store: Store, recordId: string): { plain: boolean } | null {
  const row = statement(
    store,
    `SELECT sealed IS NULL AND (note <> '' OR nhs_number IS NOT NULL) AS plain FROM redirections WHERE id = @id
     UNION ALL SELECT sealed IS NULL AND note <> '' FROM deferrals WHERE id = @id`,
  ).get({ id: recordId }) as { plain: 0 | 1 } | undefined;
  return row ? { plain: row.plain === 1 } : null;
}

export interface IdentifierCounts {
  held: number;
  elsewhere: number;
  erased: number;
  oldestDay: string | null;
}

export function identifierCounts(store: Store): IdentifierCounts {
  const row = statement(
    store,
    `SELECT
       (SELECT count(*) FROM identifier_keys) + (SELECT count(*) FROM redirections WHERE sealed IS NULL AND (note <> '' OR nhs_number IS NOT NULL))
         + (SELECT count(*) FROM deferrals WHERE sealed IS NULL AND note <> '') AS held,
       (SELECT count(*) FROM (SELECT id FROM redirections WHERE sealed IS NOT NULL UNION ALL SELECT id FROM deferrals WHERE sealed IS NOT NULL)
         WHERE id NOT IN (SELECT record_id FROM identifier_keys) AND id NOT IN (SELECT record_id FROM identifier_erasures)) AS elsewhere,
       (SELECT count(*) FROM identifier_erasures) AS erased,
       (SELECT min(day) FROM (SELECT practice_day AS day FROM identifier_keys
          UNION ALL SELECT practice_day FROM redirections WHERE sealed IS NULL AND (note <> '' OR nhs_number IS NOT NULL)
          UNION ALL SELECT practice_day FROM deferrals WHERE sealed IS NULL AND note <> '')) AS oldestDay`,
  ).get() as IdentifierCounts;
  return row;
}
