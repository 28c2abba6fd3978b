import type Database from 'better-sqlite3';
import { iterateEvents } from '../repos/eventsRepo.ts';
import { PROJECTION_TABLES, applyEvent } from './projector.ts';

/** Clears every projection and replays the whole log into it, in one transaction. */
export function rebuildProjections(db: Database.Database): number {
  let applied = 0;
  db.transaction(() => {
    for (const table of PROJECTION_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    // Materialise first: a statement cannot iterate while others write on the same connection.
    const events = [...iterateEvents(db)];
    for (const event of events) {
      applyEvent(db, event);
      applied++;
    }
  }).immediate();
  return applied;
}
