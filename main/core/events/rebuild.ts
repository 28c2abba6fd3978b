import type Database from 'better-sqlite3';
import { iterateEvents } from '../repos/eventsRepo.ts';
import { applyEvent, resetProjections } from './projector.ts';

/** Clears every projection and replays the whole log into it, in one transaction. */
export function rebuildProjections(db: Database.Database): number {
  let applied = 0;
  // Inside a caller's transaction this becomes a savepoint, so a start-up rebuild commits with its maintenance step.
  db.transaction(() => {
    resetProjections(db);
    // Materialise first: a statement cannot iterate while others write on the same connection.
    const events = [...iterateEvents(db)];
    for (const event of events) {
      applyEvent(db, event);
      applied++;
    }
  }).immediate();
  return applied;
}
