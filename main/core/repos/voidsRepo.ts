import { statement, type Store } from '../db/store.ts';

export type VoidTarget = 'contact' | 'redirection' | 'deferral';

export interface VoidInsert {
  target: VoidTarget;
  targetId: string;
  reason: string;
  voidedAt: number;
  hlc: string;
  origin: string;
  seq: number;
}

/** Keeps the earliest void by hybrid clock, so arrival order never matters. */
export function upsertVoid(store: Store, entry: VoidInsert): void {
  statement(
    store,
    `INSERT INTO voids (target, target_id, reason, voided_at, hlc, origin, seq)
     VALUES (@target, @targetId, @reason, @voidedAt, @hlc, @origin, @seq)
     ON CONFLICT (target, target_id) DO UPDATE SET reason = excluded.reason, voided_at = excluded.voided_at,
       hlc = excluded.hlc, origin = excluded.origin, seq = excluded.seq
     WHERE excluded.hlc < voids.hlc`,
  ).run(entry);
}
