import type Database from 'better-sqlite3';
import { Caches } from './caches.ts';

/**
 * A connection and everything kept in memory for it. The context carries one;
 * repositories and the projector take one, so whatever they cache or change
 * goes through its one Caches object.
 */
export interface Store {
  readonly db: Database.Database;
  readonly caches: Caches;
}

export function createStore(db: Database.Database): Store {
  return { db, caches: new Caches(db) };
}

/** A prepared statement, compiled once per connection. Parameters are always bound. */
export function statement(store: Store, sql: string): Database.Statement {
  return store.caches.statement(sql);
}
