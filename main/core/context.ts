import type { NetworkStatus } from '../../shared/network.ts';
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
  /** This PC's part in the practice network (main/core/network/): the replication process and what it reports. */
  network: NetworkControl;
  /** Who is at this PC's desk: in memory only (services/staff.ts). */
  session: DeskSession;
  /** Faults the crash tests inject; never set in the app. */
  faults?: CoreFaults;
}

export interface CoreFaults {
  /** Runs once a day's set is written under its temporary name, just before the rename that puts it in place. */
  beforeDaySetRename?: () => void;
}

/** What the services may ask of the practice network. Each throws a DomainError with a message for the desk. */
export interface NetworkControl {
  status(): NetworkStatus;
  /** Makes a new practice network with this PC as its first member; answers the join code. */
  create(): string;
  /** Joins the network whose secret a join code carries. */
  join(secret: Uint8Array): void;
  /** The join code, for a manager to read out at another PC; null when not joined. */
  joinCode(): string | null;
  /** This PC stops sharing and forgets the secret; everything recorded stays. */
  leave(): void;
  /** Takes another PC out of the network: its past events stay, nothing new from it is accepted. */
  remove(deviceId: string): void;
  configure(change: { addresses?: string[]; port?: number }): void;
}

/** Who is at this PC's desk: kept in memory only, so every start asks again (services/staff.ts). */
export interface DeskSession {
  staffId: string | null;
  since: number | null;
  /** When the desk was last used (a change, a sign-in, or the screen saying someone pressed a key). */
  lastUsed: number;
}

export function newDeskSession(now: number): DeskSession {
  return { staffId: null, since: null, lastUsed: now };
}

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction: all of it is saved, or none of
 * it. When it rolls back, everything the caches kept is dropped too.
 */
export function write<T>(ctx: CoreContext, work: () => T): T {
  return ctx.caches.around(() => ctx.db.transaction(work).immediate());
}
