import type { Store } from '../db/store.ts';
import { clearUnprojected, listUnprojected } from '../repos/networkRepo.ts';
import { eventAt } from '../repos/eventsRepo.ts';
import { EVENT_SCHEMA_VERSION, isEventType } from './eventTypes.ts';
import { applyEvent } from './projector.ts';
import { rebuildProjections } from './rebuild.ts';

/**
 * Events stored from a PC on a newer version, once a version that knows them
 * starts: one of a type this PC did not know is projected now; one of a newer
 * schema version of a known type was projected with only the fields known
 * then, so if there is any, every projection is rebuilt from the log (once).
 * Answers how many events it brought up to date.
 */
export function projectPending(store: Store): number {
  const pending = listUnprojected(store);
  const known = pending.filter((row) => isEventType(row.type) && row.schemaVersion <= EVENT_SCHEMA_VERSION[row.type]);
  if (known.some((row) => row.partly)) {
    rebuildProjections(store);
    return known.length;
  }
  for (const row of known) {
    const event = eventAt(store, row.origin, row.seq);
    clearUnprojected(store, row.origin, row.seq);
    if (event) applyEvent(store, event);
  }
  return known.length;
}
