import { statement, type Store } from '../db/store.ts';
import type { LogPlace } from './rowParts.ts';

export type RequestKind = 'contact' | 'redirection' | 'deferral';

export interface RequestRecord {
  kind: RequestKind;
  targetId: string;
}

/** What a request id already recorded, or null the first time it is seen. */
export function findRequest(store: Store, requestId: string): RequestRecord | null {
  return (statement(store, 'SELECT kind, target_id AS targetId FROM requests WHERE request_id = ?').get(requestId) as RequestRecord | undefined) ?? null;
}

/** Idempotent, and the first record made under an id keeps it. */
export function insertRequest(store: Store, requestId: string, record: RequestRecord, place: Omit<LogPlace, 'hlc'>): void {
  statement(store, 'INSERT OR IGNORE INTO requests (request_id, kind, target_id, origin, seq) VALUES (?, ?, ?, ?, ?)').run(
    requestId,
    record.kind,
    record.targetId,
    place.origin,
    place.seq,
  );
}
