import type { Store } from '../db/store.ts';
import { clearUnprojected, listUnprojected } from '../repos/networkRepo.ts';
import { eventAt } from '../repos/eventsRepo.ts';
import { isEventType } from './eventTypes.ts';
import { applyEvent } from './projector.ts';

/**
 * Events stored from a PC on a newer version, with a type this PC did not then
 * know, are projected once a version that knows them starts. Answers how many.
 */
export function projectPending(store: Store): number {
  let projected = 0;
  for (const row of listUnprojected(store)) {
    if (!isEventType(row.type)) continue;
    const event = eventAt(store, row.origin, row.seq);
    clearUnprojected(store, row.origin, row.seq);
    if (event) applyEvent(store, event);
    projected++;
  }
  return projected;
}
