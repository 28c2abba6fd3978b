import type Database from 'better-sqlite3';
import type { EventLog } from './events/eventLog.ts';
import { touchConfig } from './repos/configRepo.ts';
import { touchContacts } from './repos/contactsRepo.ts';
import { touchDevice } from './repos/deviceRepo.ts';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface IdSource {
  newId(): string;
}

/** What every service gets: the connection, this device's event log, time and ids. */
export interface CoreContext {
  db: Database.Database;
  log: EventLog;
  clock: Clock;
  ids: IdSource;
}

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction: all of it is saved, or none of
 * it. When it rolls back, cached views of the configuration are dropped too.
 */
export function write<T>(ctx: CoreContext, work: () => T): T {
  try {
    return ctx.db.transaction(work).immediate();
  } catch (error) {
    touchConfig(ctx.db);
    touchContacts(ctx.db);
    touchDevice(ctx.db);
    throw error;
  }
}
