import { decodeBlock } from '../../../shared/replication.ts';
import { decodeHlc } from '../../../shared/hlc.ts';
import type { Store } from '../db/store.ts';
import { errorCodeOf, isBusy, isCorrupt, isDiskFull, isReadOnly } from '../errors.ts';
import { chainFromOf, moveChainStartPast } from '../repos/chainsRepo.ts';
import { headOf, insertEvent, type StoredEvent } from '../repos/eventsRepo.ts';
import { eventHashAt, raiseAlarm, removedPc, setAside } from '../repos/networkRepo.ts';
import { expectedLink } from './chain.ts';
import { hashEvent, type EventLog } from './eventLog.ts';
import { EVENT_BODIES, isEventType } from './eventTypes.ts';
import { applyEvent } from './projector.ts';

export interface RemoteOutcome {
  /** New events stored and applied to the projections. */
  applied: number;
  /** Already held, with the same fingerprint. */
  duplicates: number;
  /** Kept aside, never applied: malformed, or from a removed PC. */
  setAside: number;
  /** Held with a different fingerprint: an alarm, the held one kept. */
  alarms: number;
  /** The member's sequence this PC has now passed. */
  upTo: number;
}

/** A failure of the disk or the database, as opposed to one block that is wrong: the whole batch waits. */
function isStorageFailure(error: unknown): boolean {
  const code = errorCodeOf(error);
  return isDiskFull(code) || isReadOnly(code) || isBusy(code) || isCorrupt(code);
}

/** Why a block cannot be applied, or null when it can. */
function problemWith(event: StoredEvent, origin: string, seq: number): string | null {
  if (event.origin !== origin) return `it names another PC (${event.origin}) than the one whose record it is in`;
  if (event.seq !== seq) return `it is numbered ${event.seq} in place ${seq}`;
  if (event.prevHash === null && event.actor !== null) return 'it names who caused it but is not chained to the record before it';
  if (hashEvent(event) !== event.hash) return 'its contents do not match its fingerprint';
  try {
    decodeHlc(event.hlc);
  } catch {
    return 'its clock value is not readable';
  }
  let body: unknown;
  try {
    body = JSON.parse(event.body);
  } catch {
    return 'its details are not readable';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'its details are not a set of named values';
  // A type this version does not know is kept and projected after an upgrade; a known type must read as one.
  if (isEventType(event.type) && !EVENT_BODIES[event.type].safeParse(body).success) return `its details are not those of a ${event.type} event`;
  return null;
}

/**
 * Why a new block does not fit the chain of that PC's records held here, or null.
 * An old-format block (from before the chain) is taken only while nothing of
 * that PC held here is chained, so none can be passed off as old to escape it.
 */
function chainProblemWith(store: Store, event: StoredEvent, origin: string, seq: number): string | null {
  if (event.prevHash === null) {
    // Chained from chain_from on: a held event there means that PC already writes linked records.
    const head = headOf(store, origin);
    return head !== null && head.seq >= chainFromOf(store, origin) ? 'it is in the old format, without a link, after that PC’s records became linked' : null;
  }
  const link = expectedLink(store, origin, seq);
  if (link !== null && link !== event.prevHash) return `its link does not match record ${seq - 1} of that PC held here`;
  return null;
}

/**
 * Applies one batch of another PC's events (blocks of its Hypercore, the
 * first being its sequence `start + 1`) into SQLite, through the same
 * projector as local events, in the caller's transaction. A duplicate is
 * skipped; the same place with a different fingerprint raises an alarm and
 * keeps what is held; a malformed block is set aside with its reason and
 * never applied. Only a failure of storage itself throws, and then nothing of
 * the batch stands.
 */
export function applyRemoteBlocks(store: Store, log: EventLog, origin: string, start: number, blocks: readonly string[], now: number): RemoteOutcome {
  if (!store.db.inTransaction) throw new Error('Remote events are applied inside a write transaction.');
  const outcome: RemoteOutcome = { applied: 0, duplicates: 0, setAside: 0, alarms: 0, upTo: start };
  for (const [index, text] of blocks.entries()) {
    const seq = start + index + 1;
    outcome.upTo = seq;
    const decoded = decodeBlock(text);
    if (!decoded.ok) {
      setAside(store, origin, seq, decoded.reason, text, now);
      outcome.setAside++;
      continue;
    }
    const event: StoredEvent = decoded.event;
    const gone = removedPc(store, origin);
    if (gone && seq > gone.keptUpTo) {
      setAside(store, origin, seq, `${gone.name} was removed from the practice network`, text, now);
      outcome.setAside++;
      continue;
    }
    const problem = problemWith(event, origin, seq);
    if (problem) {
      setAside(store, origin, seq, problem, text, now);
      outcome.setAside++;
      continue;
    }
    const held = eventHashAt(store, origin, seq);
    if (held === event.hash) {
      outcome.duplicates++;
      continue;
    }
    if (held !== null) {
      raiseAlarm(store, origin, seq, held, event.hash, now);
      outcome.alarms++;
      continue;
    }
    const chainProblem = chainProblemWith(store, event, origin, seq);
    if (chainProblem) {
      setAside(store, origin, seq, chainProblem, text, now);
      outcome.setAside++;
      continue;
    }
    try {
      // A savepoint: an event the projector cannot take leaves nothing behind, and the rest of the batch goes on.
      store.db.transaction(() => {
        insertEvent(store, event);
        if (event.prevHash === null) moveChainStartPast(store, origin, seq);
        applyEvent(store, event);
      })();
    } catch (error) {
      if (isStorageFailure(error)) throw error;
      setAside(store, origin, seq, `it could not be applied: ${error instanceof Error ? error.message : String(error)}`, text, now);
      outcome.setAside++;
      continue;
    }
    log.observe(event.hlc);
    outcome.applied++;
  }
  return outcome;
}
