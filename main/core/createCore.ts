import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { InputOf, MethodName, PushEvents, ResultOf } from '../../shared/contract.ts';
import type { StartupNotice, SystemStatus } from '../../shared/domain.ts';
import { practiceDayOf } from '../../shared/practiceDay.ts';
import type { Envelope } from '../../shared/result.ts';
import { createDispatcher, type PushListener } from './api/dispatch.ts';
import { createHandlers } from './api/handlers.ts';
import type { Clock, CoreContext, IdSource } from './context.ts';
import { loadMigrations, schemaVersionOf } from './db/migrations.ts';
import { openDatabase } from './db/openDatabase.ts';
import { EventLog } from './events/eventLog.ts';
import { getDeviceId, insertDevice } from './repos/eventsRepo.ts';

export interface CoreOptions {
  /** Folder holding the database: per machine, on a local disk. */
  dataDir: string;
  /** Folder of numbered SQL migrations. Each entry point knows where its copy is. */
  migrationsDir: string;
  clock?: Clock;
  ids?: IdSource;
  appVersion?: string;
  lockAttempts?: number;
  lockWaitMs?: number;
}

export interface Core {
  /** The one entry point every transport uses. Never throws. */
  invoke(method: string, input?: unknown): Envelope<unknown>;
  /** The same, typed from the contract, for in-process callers. */
  call<M extends MethodName>(method: M, input: InputOf<M>): Envelope<ResultOf<M>>;
  subscribe(listener: PushListener): () => void;
  close(): void;
  readonly deviceId: string;
  readonly databasePath: string;
  /** The open connection, for tests and maintenance tools. */
  readonly db: Database.Database;
}

export const systemClock: Clock = { now: () => Date.now() };
export const randomIds: IdSource = { newId: () => randomUUID() };

/**
 * Builds the core: opens and migrates the database, then exposes the contract's
 * handlers. The Electron shell, the browser host and the tests all use this.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const opened = openDatabase({
    dataDir: options.dataDir,
    migrations: loadMigrations(options.migrationsDir),
    now: () => clock.now(),
    ...(options.lockAttempts === undefined ? {} : { lockAttempts: options.lockAttempts }),
    ...(options.lockWaitMs === undefined ? {} : { lockWaitMs: options.lockWaitMs }),
  });
  const { db } = opened;
  const deviceId = ensureDeviceId(db, clock);
  const ctx: CoreContext = { db, log: new EventLog(db, deviceId, () => clock.now()), clock, ids };

  const listeners = new Set<PushListener>();
  const push: PushListener = (event, payload) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error('ContactCap: a change listener failed', error);
      }
    }
  };

  const notices: StartupNotice[] = opened.notices;
  const status = (context: CoreContext): SystemStatus => {
    const now = context.clock.now();
    return {
      appVersion: options.appVersion ?? '0.0.0',
      deviceId,
      databasePath: opened.file,
      schemaVersion: schemaVersionOf(context.db),
      now: new Date(now).toISOString(),
      today: practiceDayOf(now),
      notices,
    };
  };
  const invoke = createDispatcher(ctx, createHandlers(status), push);
  let closed = false;

  return {
    invoke,
    call: <M extends MethodName>(method: M, input: InputOf<M>) => invoke(method, input) as Envelope<ResultOf<M>>,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      db.close();
    },
    deviceId,
    databasePath: opened.file,
    db,
  };
}

export type { PushEvents };

function ensureDeviceId(db: Database.Database, clock: Clock): string {
  const existing = getDeviceId(db);
  if (existing) return existing;
  const deviceId = randomBytes(8).toString('hex');
  db.transaction(() => insertDevice(db, deviceId, clock.now())).immediate();
  return deviceId;
}
