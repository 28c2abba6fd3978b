import type { Store } from './db/store.ts';
import type { EventLog } from './events/eventLog.ts';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface IdSource {
  newId(): string;
}

/**
 * What every service gets: the connection and its one Caches object (a Store),
 * this device's event log, time and ids.
 */
export interface CoreContext extends Store {
  log: EventLog;
  clock: Clock;
  ids: IdSource;
}

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction: all of it is saved, or none of
 * it. When it rolls back, everything the caches kept is dropped too.
 */
export function write<T>(ctx: CoreContext, work: () => T): T {
  return ctx.caches.around(() => ctx.db.transaction(work).immediate());
}
