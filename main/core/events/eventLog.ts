import { createHash } from 'node:crypto';
import type { Store } from '../db/store.ts';
import { compareHlc, decodeHlc, encodeHlc, tickHlc, zeroHlc, type Hlc } from '../../../shared/hlc.ts';
import { headOf, insertEvent, latestHlc } from '../repos/eventsRepo.ts';
import { EVENT_SCHEMA_VERSION, type EventBody, type EventType, type StoredEvent } from './eventTypes.ts';
import { applyEvent } from './projector.ts';

/** The link a PC's first event carries: there is no event before it. */
export const CHAIN_GENESIS = '';

/**
 * An event's hash. Before schema 5 it covered the event's own contents only;
 * a chained event's also covers who caused it and the previous event's hash of
 * the same PC, so changing any event changes every link after it. Which of the
 * two an event must have is fixed by its place (event_chains), not by itself.
 */
export function hashEvent(event: Omit<StoredEvent, 'hash'>, chained: boolean = event.prevHash !== null): string {
  const contents = [event.origin, event.seq, event.hlc, event.wallTime, event.type, event.schemaVersion, event.body];
  return createHash('sha256')
    .update(JSON.stringify(chained ? [...contents, event.actor, event.prevHash] : contents))
    .digest('hex');
}

/**
 * Writes this device's events. Each append takes the next gapless sequence
 * number and a hybrid clock later than anything in the log, inserts the event
 * and applies it to the projections; the caller owns the transaction. Each
 * event names who caused it (`actorOf`, null when nobody is signed in) and is
 * chained to this PC's previous event.
 */
export class EventLog {
  private last: Hlc;
  private readonly store: Store;
  private currentOrigin: string;
  private readonly now: () => number;
  private readonly actorOf: () => string | null;
  /** Sequence numbers this PC is known to have used although the log no longer holds them (see usedThrough). */
  private usedUpTo = 0;

  constructor(store: Store, origin: string, now: () => number, actorOf: () => string | null = () => null) {
    this.store = store;
    this.currentOrigin = origin;
    this.now = now;
    this.actorOf = actorOf;
    const latest = latestHlc(store);
    const seen = latest === null ? zeroHlc(origin) : decodeHlc(latest);
    this.last = { wall: seen.wall, counter: seen.counter, node: origin };
  }

  /** This PC's device id: the origin of every event it writes. */
  get origin(): string {
    return this.currentOrigin;
  }

  /**
   * A new device id, for a data folder that was restored or copied: its events
   * start again at seq 1, so no sequence number an old copy used is used twice.
   */
  rotate(origin: string): void {
    this.currentOrigin = origin;
    this.last = { ...this.last, node: origin };
  }

  /**
   * This PC is known to have used the sequence numbers up to `seq` (a rebuilt
   * database that lost its newest events): the next event takes one after
   * them, linked to the newest event held, so none is given out twice and the
   * gap shows as missing.
   */
  usedThrough(seq: number): void {
    this.usedUpTo = Math.max(this.usedUpTo, seq);
  }

  /** Another PC's clock value, seen in an event applied here: everything written after sorts after it. */
  observe(hlc: string): void {
    const remote = decodeHlc(hlc);
    if (compareHlc(remote, this.last) > 0) this.last = { wall: remote.wall, counter: remote.counter, node: this.currentOrigin };
  }

  /** The newest hybrid clock value in the log, from this PC or any other; null for an empty log. */
  latestHlc(): string | null {
    return latestHlc(this.store);
  }

  append<T extends EventType>(type: T, body: EventBody<T>): StoredEvent {
    if (!this.store.db.inTransaction) throw new Error('Events are appended inside a write transaction.');
    const wallTime = this.now();
    this.last = tickHlc(this.last, wallTime);
    const head = headOf(this.store, this.origin);
    const unsigned = {
      origin: this.origin,
      seq: Math.max(head?.seq ?? 0, this.usedUpTo) + 1,
      hlc: encodeHlc(this.last),
      wallTime,
      type,
      schemaVersion: EVENT_SCHEMA_VERSION[type],
      body: JSON.stringify(body),
      actor: this.actorOf(),
      prevHash: head?.hash ?? CHAIN_GENESIS,
    };
    const event: StoredEvent = { ...unsigned, hash: hashEvent(unsigned, true) };
    insertEvent(this.store, event);
    applyEvent(this.store, event);
    return event;
  }
}
