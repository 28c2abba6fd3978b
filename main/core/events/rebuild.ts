import type { Store } from '../db/store.ts';
import { iterateEvents } from '../repos/eventsRepo.ts';
import { applyEvent, resetProjections } from './projector.ts';

/** Clears every projection and replays the whole log into it, in one transaction. */
export function rebuildProjections(store: Store): number {
  let applied = 0;
  // Inside a caller's transaction this becomes a savepoint, so a start-up rebuild commits with its maintenance step.
  store.caches.around(() =>
    store.db
      .transaction(() => {
        resetProjections(store);
        // Materialise first: a statement cannot iterate while others write on the same connection.
        const events = [...iterateEvents(store)];
        for (const event of events) {
          applyEvent(store, event);
          applied++;
        }
      })
      .immediate(),
  );
  return applied;
}
