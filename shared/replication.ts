/**
 * The messages between the core and the replication process (main/replication/).
 * The replication process holds the Hypercores and the network connections and
 * never opens SQLite; the core applies what it is sent and says how far it has
 * applied. Everything here is plain data, so it crosses a child process's IPC
 * channel and an Electron utilityProcess's port unchanged.
 */

/** One event as it crosses between PCs: the events table's row. */
export interface WireEvent {
  origin: string;
  seq: number;
  hlc: string;
  wallTime: number;
  type: string;
  schemaVersion: number;
  body: string;
  hash: string;
  /** The member of staff who caused it; null when nobody was signed in, and for events from before the chain. */
  actor: string | null;
  /** The hash of the same PC's previous event ('' for its first); null for an event from before the chain. */
  prevHash: string | null;
}

/** A PC of the network as the replication process needs it. */
export interface MemberKeys {
  deviceId: string;
  /** The public key of its Hypercore (hex). */
  coreKey: string;
  name: string;
}

/**
 * Bumped when PCs on two versions could no longer replicate; events with new types do not bump it.
 * 2: events are chained and name their actor (blocks of ten parts), which a PC on 1 cannot check.
 * 3: the keys of sealed patient identifiers travel beside the records, on a message of their own.
 */
export const REPLICATION_PROTOCOL = 3;

/**
 * The key of one record's sealed identifiers (issue 10 §5), as it goes between
 * PCs: only to a PC that proved the practice secret, never into a Hypercore.
 */
export interface WireKey {
  recordId: string;
  /** 32 bytes, hex. */
  key: string;
  practiceDay: string;
}

export interface StartMessage {
  kind: 'start';
  /** The folder for the Hypercores (RocksDB). */
  storeDir: string;
  /** The practice key (hex), derived from the join code. */
  practiceKey: string;
  /** The opaque practice tag advertised for discovery (hex). */
  practiceTag: string;
  deviceId: string;
  pcName: string;
  port: number;
  /** Where to listen: the LAN's addresses, found by the process when empty. */
  listen: string[];
  /** Addresses to dial (host:port). */
  addresses: string[];
  /** Advertise and browse on mDNS. */
  discovery: boolean;
  members: MemberKeys[];
  /** Device ids of PCs taken out of the network. */
  removed: string[];
  /** How far the core has applied each member's events. */
  applied: Record<string, number>;
  /** Largest number of events in one batch sent to the core. */
  batchSize: number;
}

export type ToReplicator =
  | StartMessage
  /** This PC's own events, committed to SQLite, in sequence order from the core's current length. */
  | { kind: 'append'; events: WireEvent[] }
  /** The core has applied (or set aside) a member's events up to this sequence. */
  | { kind: 'applied'; origin: string; upTo: number }
  /** The core could not apply the batch (a full disk): send it again later. */
  | { kind: 'apply_failed'; origin: string; retryInMs: number }
  | { kind: 'addresses'; addresses: string[] }
  | { kind: 'removed'; deviceIds: string[] }
  | { kind: 'members'; members: MemberKeys[] }
  /** Records whose keys this PC lacks: asked of every PC connected now and of each that connects later. */
  | { kind: 'wantKeys'; recordIds: string[] }
  /** Keys to give: to one PC (an answer), or to every PC connected (`to` null: just recorded here). */
  | { kind: 'keys'; to: string | null; keys: WireKey[] }
  | { kind: 'stop' };

/** What the replication process knows of one connected or remembered peer. */
export interface PeerReport {
  deviceId: string;
  name: string;
  connected: boolean;
  /** ms since the epoch, this PC's clock. */
  lastSeen: number | null;
  address: string | null;
  clockSkewMs: number | null;
}

export type FromReplicator =
  /** The store is open. `moved`: the folder was refused as copied or restored, set aside, and a new one made. */
  | { kind: 'ready'; coreKey: string; ownLength: number; moved: boolean; listening: string[] }
  /** A member's events, block `start` first (its sequence start + 1); each block is the event's encoding as text. */
  | { kind: 'blocks'; origin: string; start: number; blocks: string[] }
  /** This PC's own record now holds its events up to `length`: the core may send the next page. */
  | { kind: 'appended'; length: number }
  /** Listening now on these addresses (after a port was freed, or the PC joined a LAN): a problem listening is over. */
  | { kind: 'listening'; addresses: string[] }
  /** A PC learnt from a peer that proved the practice secret. */
  | { kind: 'member'; member: MemberKeys }
  | { kind: 'peers'; peers: PeerReport[]; lengths: Record<string, number> }
  /** A fork: the same origin has two signed histories. That origin is closed here until someone acts. */
  | { kind: 'fork'; origin: string; detail: string }
  /** A connected PC asks for the keys of these records. */
  | { kind: 'keysWanted'; from: string; recordIds: unknown[] }
  /** A connected PC gave keys: checked by the core before any is kept. */
  | { kind: 'keysGiven'; from: string; keys: unknown[] }
  | { kind: 'problem'; code: 'port_in_use' | 'no_lan' | 'wrong_secret' | 'incompatible_version' | 'unreachable' | 'storage'; message: string; peer?: string }
  | { kind: 'stopped' };

/**
 * A block: the event, as a JSON array. An event from before the chain keeps
 * the eight parts it was written to its PC's record with; a chained one adds
 * its actor and its link to the previous event.
 */
export function encodeBlock(event: WireEvent): string {
  const parts: unknown[] = [event.origin, event.seq, event.hlc, event.wallTime, event.type, event.schemaVersion, event.body, event.hash];
  if (event.prevHash !== null) parts.push(event.actor, event.prevHash);
  return JSON.stringify(parts);
}

/** The event in a block, or the reason it is not one. Never throws. */
export function decodeBlock(text: string): { ok: true; event: WireEvent } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not readable' };
  }
  if (!Array.isArray(value) || (value.length !== 8 && value.length !== 10)) return { ok: false, reason: 'it is not in the shape of an event' };
  const [origin, seq, hlc, wallTime, type, schemaVersion, body, hash, actor = null, prevHash = null] = value as unknown[];
  const chained = value.length === 10;
  if (
    typeof origin !== 'string' ||
    typeof seq !== 'number' ||
    !Number.isSafeInteger(seq) ||
    typeof hlc !== 'string' ||
    typeof wallTime !== 'number' ||
    !Number.isFinite(wallTime) ||
    typeof type !== 'string' ||
    typeof schemaVersion !== 'number' ||
    typeof body !== 'string' ||
    typeof hash !== 'string' ||
    (actor !== null && typeof actor !== 'string') ||
    (chained && typeof prevHash !== 'string')
  ) {
    return { ok: false, reason: 'one of its parts has the wrong kind of value' };
  }
  // Checked above: a chained block's link is text, an old block has none.
  const link = typeof prevHash === 'string' ? prevHash : null;
  return { ok: true, event: { origin, seq, hlc, wallTime, type, schemaVersion, body, hash, actor, prevHash: link } };
}
