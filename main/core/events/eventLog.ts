import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { decodeHlc, encodeHlc, tickHlc, zeroHlc, type Hlc } from '../../../shared/hlc.ts';
import { insertEvent, lastSeqOf, latestHlc } from '../repos/eventsRepo.ts';
import { EVENT_SCHEMA_VERSION, type EventBody, type EventType, type StoredEvent } from './eventTypes.ts';
import { applyEvent } from './projector.ts';

export function hashEvent(event: Omit<StoredEvent, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([event.origin, event.seq, event.hlc, event.wallTime, event.type, event.schemaVersion, event.body]))
    .digest('hex');
}

/**
 * Writes this device's events. Each append takes the next gapless sequence
 * number and a hybrid clock later than anything in the log, inserts the event
 * and applies it to the projections; the caller owns the transaction.
 */
export class EventLog {
  private last: Hlc;
  private readonly db: Database.Database;
  readonly origin: string;
  private readonly now: () => number;

  constructor(db: Database.Database, origin: string, now: () => number) {
    this.db = db;
    this.origin = origin;
    this.now = now;
    const latest = latestHlc(db);
    const seen = latest === null ? zeroHlc(origin) : decodeHlc(latest);
    this.last = { wall: seen.wall, counter: seen.counter, node: origin };
  }

  append<T extends EventType>(type: T, body: EventBody<T>): StoredEvent {
    if (!this.db.inTransaction) throw new Error('Events are appended inside a write transaction.');
    const wallTime = this.now();
    this.last = tickHlc(this.last, wallTime);
    const unsigned = {
      origin: this.origin,
      seq: lastSeqOf(this.db, this.origin) + 1,
      hlc: encodeHlc(this.last),
      wallTime,
      type,
      schemaVersion: EVENT_SCHEMA_VERSION[type],
      body: JSON.stringify(body),
    };
    const event: StoredEvent = { ...unsigned, hash: hashEvent(unsigned) };
    insertEvent(this.db, event);
    applyEvent(this.db, event);
    return event;
  }
}
