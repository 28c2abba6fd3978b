import type { Store } from '../db/store.ts';
import { eventHashAt } from '../repos/networkRepo.ts';
import { CHAIN_GENESIS } from './eventLog.ts';

/**
 * The link an origin's event at `seq` must carry: the hash of the event before
 * it held here. Null when that one is not held (set aside as it came from the
 * network): the link is then not checked, and the rest of that PC's records
 * still come in.
 */
export function expectedLink(store: Store, origin: string, seq: number): string | null {
  return seq === 1 ? CHAIN_GENESIS : eventHashAt(store, origin, seq - 1);
}
