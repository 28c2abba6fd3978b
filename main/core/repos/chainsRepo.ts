import { statement, type Store } from '../db/store.ts';

/** What this database records of one PC's chain of events (migration 0005). */
export interface ChainRow {
  origin: string;
  /** The first sequence number that must be chained; those before it are in the old, content-only format. */
  chainFrom: number;
  headSeq: number;
  headHash: string;
}

/** Where an origin's chain starts: 1 for a PC first seen from this version on. */
export function chainFromOf(store: Store, origin: string): number {
  const row = statement(store, 'SELECT chain_from AS chainFrom FROM event_chains WHERE origin = ?').get(origin) as { chainFrom: number } | undefined;
  return row?.chainFrom ?? 1;
}

/** An old-format event at `seq` was taken in from the network: the chain starts after it. Call after inserting it. */
export function moveChainStartPast(store: Store, origin: string, seq: number): void {
  statement(store, 'UPDATE event_chains SET chain_from = max(chain_from, ?) WHERE origin = ?').run(seq + 1, origin);
}

export function listChains(store: Store): ChainRow[] {
  return statement(store, 'SELECT origin, chain_from AS chainFrom, head_seq AS headSeq, head_hash AS headHash FROM event_chains ORDER BY origin').all() as ChainRow[];
}
