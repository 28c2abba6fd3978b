import { hkdfSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  DEFAULT_NETWORK_PORT,
  formatJoinCode,
  JOIN_CODE_SECRET_BYTES,
  QUIET_AFTER_MS,
  type NetworkMember,
  type NetworkStatus,
} from '../../../shared/network.ts';
import type { FromReplicator, MemberKeys, PeerReport, ToReplicator } from '../../../shared/replication.ts';
import { write, type CoreContext, type NetworkControl } from '../context.ts';
import { DomainError } from '../errors.ts';
import { applyRemoteBlocks, type RemoteOutcome } from '../events/remote.ts';
import { eventsOfAfter, lastSeqOf } from '../repos/eventsRepo.ts';
import {
  clearNetworkSelf,
  countSetAside,
  getNetworkSelf,
  heldUpToFor,
  listMembers,
  listRemoved,
  noteMemberSeen,
  rememberMember,
  saveNetworkSelf,
  setDeviceId,
  type MemberRow,
} from '../repos/networkRepo.ts';
import { describeFailure } from '../api/dispatch.ts';
import { readDevice } from '../services/device.ts';
import { keysAsked, keysReceived, keysWanted, takeKeysToOffer } from '../services/identifiers.ts';

/** The message channel to one replication process, however the shell started it. */
export interface ReplicationChannel {
  send(message: ToReplicator): void;
  onMessage(listener: (message: FromReplicator) => void): void;
  /** Called once, when the process has gone (exited, crashed or killed). */
  onExit(listener: (detail: string) => void): void;
  kill(): void;
  /** The process id, where the platform gives one (for tests and support). */
  readonly pid?: number | undefined;
}

/** Where the practice secret is kept: Electron safeStorage on the desktop, an owner-only file in the browser host. */
export interface SecretKeeper {
  read(): Uint8Array | null;
  write(secret: Uint8Array): void;
  clear(): void;
}

export interface NetworkOptions {
  dataDir: string;
  /** Starts a replication process. */
  spawn: () => ReplicationChannel;
  secrets: SecretKeeper;
  /** Addresses to listen on; empty: the LAN's own addresses. Tests use 127.0.0.1. */
  listen?: string[];
  /** Advertise and browse on mDNS (default on). */
  discovery?: boolean;
  /** Events per batch from the replication process (default 250). */
  batchSize?: number;
  /** The port for a network this PC creates or joins, unless the practice sets another. */
  defaultPort?: number;
  /** The first and the longest wait before a stopped replication process is started again (default 1 s and 30 s). */
  restartBackoffMs?: [number, number];
  /** Events taken in by one process after which it is started afresh, once caught up for `quietMs` (default RECYCLE_AFTER_APPLIED and 5 s). */
  recycle?: { afterApplied: number; quietMs: number };
}

type Push = (topics: ('network' | 'contacts' | 'clinicians' | 'rota' | 'settings' | 'redirections' | 'reports' | 'system')[]) => void;

const FIRST_RESTART_MS = 1_000;
const LONGEST_RESTART_MS = 30_000;
/** A process that ran this long before it stopped starts again after the first wait, not a longer one. */
const RAN_WELL_MS = 60_000;
const SEEN_SAVED_EVERY_MS = 30_000;
const APPEND_PAGE = 500;
/**
 * A process that has taken in this many other PCs' events is started afresh
 * once it has caught up: a big catch-up leaves RocksDB's and the allocator's
 * memory high (over 300 MB after five years' history), and a new process
 * opens the same store at under 100 MB.
 */
export const RECYCLE_AFTER_APPLIED = 50_000;
/** How long after a batch a process that took in that many is looked at again. */
const RECYCLE_QUIET_MS = 5_000;

/** The practice key and the discovery tag, both derived from the secret in the join code; the tag reveals nothing of the key. */
export function practiceKeys(secret: Uint8Array): { key: string; tag: string } {
  const key = Buffer.from(hkdfSync('sha256', secret, 'contactcap', 'practice key v1', 32)).toString('hex');
  const tag = Buffer.from(hkdfSync('sha256', secret, 'contactcap', 'practice tag v1', 16)).toString('hex');
  return { key, tag };
}

/**
 * This PC's part in the practice network, on the core's side: it starts the
 * replication process (restarting it with backoff when it dies), hands it this
 * PC's events after each commit, applies other PCs' events into SQLite one
 * batch per transaction, and keeps what the Network page and the header show.
 * The desk never waits on it.
 */
export class NetworkSupervisor implements NetworkControl {
  private readonly ctx: CoreContext;
  private readonly options: NetworkOptions;
  private readonly push: Push;
  private readonly notice: (message: string) => void;
  private channel: ReplicationChannel | null = null;
  private state: NetworkStatus['state'] = 'not_joined';
  private ready = false;
  private sentUpTo = 0;
  /** A page of this PC's own events is with the replication process: the next waits for its answer. */
  private appending = false;
  private peers = new Map<string, PeerReport>();
  private lengths: Record<string, number> = {};
  /** Problems the replication process reported, with the peer (address or name) each is about. */
  private problems: { message: string; at: number; peer: string | null; code: string | null }[] = [];
  private restartTimer: NodeJS.Timeout | null = null;
  private restartAt: number | null = null;
  private restartMs = FIRST_RESTART_MS;
  private startedAt = 0;
  private lastSeenSaved = 0;
  private lastPushed = '';
  private changedTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Processes told to stop that have not exited yet: a new one waits for them, as they still hold the store. */
  private readonly draining = new Set<ReplicationChannel>();
  private spawnWhenDrained = false;
  /** Other PCs' events applied from the process running now. */
  private appliedSinceStart = 0;
  private recycleTimer: NodeJS.Timeout | null = null;
  private readonly drainedWaiters: (() => void)[] = [];
  /** Peers connected when their last-seen times were last saved. */
  private savedConnected = new Set<string>();
  /** Topics waiting for the next tell to the windows. */
  private readonly pendingTopics = new Set<Parameters<Push>[0][number]>();

  /** Events applied since this PC last held everything its peers reported. */
  private appliedSinceCaughtUp = 0;
  private readonly caughtUp: () => void;

  /** `caughtUp`: called each time this PC holds everything the peers reported, after taking in new events. */
  constructor(ctx: CoreContext, options: NetworkOptions, push: Push, notice: (message: string) => void, caughtUp: () => void = () => undefined) {
    this.ctx = ctx;
    this.options = options;
    this.push = push;
    this.notice = notice;
    this.caughtUp = caughtUp;
  }

  /** At start: a PC that has joined starts sharing; one that has not listens on nothing. */
  startIfJoined(): void {
    if (getNetworkSelf(this.ctx) && this.options.secrets.read()) this.spawn();
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  private spawn(): void {
    if (this.closed || this.channel) return;
    if (this.draining.size > 0) {
      this.spawnWhenDrained = true;
      this.state = 'starting';
      return;
    }
    const secret = this.options.secrets.read();
    const self = getNetworkSelf(this.ctx);
    if (!secret || !self) return;
    const { key, tag } = practiceKeys(secret);
    this.state = 'starting';
    this.ready = false;
    this.appliedSinceStart = 0;
    this.startedAt = this.now();
    this.restartAt = null;
    let channel: ReplicationChannel;
    try {
      channel = this.options.spawn();
    } catch (error) {
      this.addProblem(`The sharing process could not be started: ${String(error)}. This PC carries on recording.`);
      this.stopped('could not start');
      return;
    }
    this.channel = channel;
    channel.onMessage((message) => {
      if (this.channel === channel) this.receive(message);
    });
    channel.onExit((detail) => {
      if (this.draining.delete(channel)) {
        this.afterDrained();
        return;
      }
      if (this.channel !== channel) return;
      this.channel = null;
      this.stopped(detail);
      this.afterDrained();
    });
    const members = this.memberKeys();
    const removed = listRemoved(this.ctx).map((row) => row.deviceId);
    const applied: Record<string, number> = {};
    for (const member of members) applied[member.deviceId] = heldUpToFor(this.ctx, member.deviceId);
    const remembered = listMembers(this.ctx)
      .map((row) => row.lastAddress)
      .filter((address): address is string => address !== null && address.includes(':'));
    channel.send({
      kind: 'start',
      storeDir: path.join(this.options.dataDir, 'replication'),
      practiceKey: key,
      practiceTag: tag,
      deviceId: this.ctx.log.origin,
      pcName: readDevice(this.ctx).deviceName,
      port: self.port,
      listen: this.options.listen ?? [],
      addresses: [...new Set([...self.addresses, ...remembered])],
      discovery: this.options.discovery ?? true,
      members,
      removed,
      applied,
      batchSize: this.options.batchSize ?? 250,
    });
    this.changed(['network']);
  }

  private memberKeys(): MemberKeys[] {
    const own = this.ctx.log.origin;
    return listMembers(this.ctx)
      .filter((row) => row.deviceId !== own)
      .map((row) => ({ deviceId: row.deviceId, coreKey: row.coreKey, name: row.name }));
  }

  /** The process has gone: the desk carries on, and it is started again after a wait that grows while it keeps failing. */
  private stopped(detail: string): void {
    this.ready = false;
    for (const peer of this.peers.values()) peer.connected = false;
    if (this.closed || !getNetworkSelf(this.ctx)) {
      this.state = getNetworkSelf(this.ctx) ? 'stopped' : 'not_joined';
      return;
    }
    const [first, longest] = this.options.restartBackoffMs ?? [FIRST_RESTART_MS, LONGEST_RESTART_MS];
    if (this.now() - this.startedAt > RAN_WELL_MS) this.restartMs = first;
    const wait = Math.min(Math.max(this.restartMs, first), longest);
    this.restartMs = Math.min(wait * 2, longest);
    this.state = 'stopped';
    this.restartAt = this.now() + wait;
    console.error(`ContactCap: the sharing process stopped (${detail}); starting it again in ${wait} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.spawn();
    }, wait);
    this.restartTimer.unref();
    this.changed(['network']);
  }

  private receive(message: FromReplicator): void {
    switch (message.kind) {
      case 'ready':
        this.onReady(message);
        return;
      case 'blocks':
        this.onBlocks(message.origin, message.start, message.blocks);
        return;
      case 'member':
        this.onMember(message.member);
        return;
      case 'appended':
        this.appending = false;
        // Its record may be shorter than was sent (a gap): the next page starts from what it holds.
        this.sentUpTo = message.length;
        this.sendOwn();
        return;
      case 'peers':
        this.onPeers(message.peers, message.lengths);
        return;
      case 'fork':
        this.addProblem(`The records of ${message.detail}. Sharing that PC's records has stopped on this PC until IT support looks at it; nothing was overwritten.`);
        return;
      case 'problem':
        this.addProblem(message.message, message.peer ?? null, message.code);
        return;
      case 'listening':
        this.problems = this.problems.filter((problem) => problem.code !== 'port_in_use' && problem.code !== 'no_lan');
        this.changed(['network']);
        return;
      case 'keysWanted':
        this.onKeysWanted(message.from, message.recordIds);
        return;
      case 'keysGiven':
        this.onKeysGiven(message.keys);
        return;
      case 'stopped':
        return;
    }
  }

  /** Another PC asks for identifier keys: it gets those held here (services/identifiers.ts decides which). */
  private onKeysWanted(from: string, recordIds: unknown[]): void {
    try {
      const keys = keysAsked(this.ctx, recordIds);
      if (keys.length > 0) this.channel?.send({ kind: 'keys', to: from, keys });
    } catch (error) {
      // The database could not be read just now: the other PC asks again at its next batch or connection.
      console.error('ContactCap: keys asked for by another PC could not be read', error);
    }
  }

  private onKeysGiven(keys: unknown[]): void {
    try {
      if (keysReceived(this.ctx, keys) === 0) return;
    } catch (error) {
      // A full disk: the keys are asked for again at the next connection or batch.
      const answer = describeFailure(error);
      this.addProblem(`Patient notes from another PC could not be saved here${answer.ok ? '' : `: ${answer.error.message}`}. They are asked for again at the next connection.`);
      return;
    }
    this.changed(['redirections', 'reports']);
    this.askForKeys();
  }

  private lastWanted = '';

  /** Tells the process which records' keys this PC still lacks, when that has changed. */
  private askForKeys(): void {
    const channel = this.channel;
    if (!channel || !this.ready) return;
    let wanted: string[];
    try {
      wanted = keysWanted(this.ctx);
    } catch (error) {
      console.error('ContactCap: could not list the patient notes this PC lacks; asking again at the next batch', error);
      return;
    }
    const summary = wanted.join(',');
    if (summary === this.lastWanted) return;
    this.lastWanted = summary;
    channel.send({ kind: 'wantKeys', recordIds: wanted });
  }

  private onReady(message: Extract<FromReplicator, { kind: 'ready' }>): void {
    const self = getNetworkSelf(this.ctx);
    if (!self) return;
    const origin = this.ctx.log.origin;
    const ownSeq = lastSeqOf(this.ctx, origin);
    const recordedKey = self.coreDeviceId === origin ? self.coreKey : null;
    // A folder restored from a backup or copied from another PC: its sequence numbers may already be in use.
    const restored = message.moved || (recordedKey !== null && recordedKey !== message.coreKey) || message.ownLength > ownSeq;
    if (restored) {
      this.rotate(self, origin, recordedKey ?? message.coreKey, message.moved);
      return;
    }
    if (recordedKey === null) write(this.ctx, () => saveNetworkSelf(this.ctx, { ...self, coreKey: message.coreKey, coreDeviceId: origin }));
    this.ready = true;
    this.state = 'running';
    this.sentUpTo = message.ownLength;
    this.appending = false;
    this.sendOwn();
    this.lastWanted = '';
    this.askForKeys();
    this.changed(['network']);
  }

  /** Takes a new device id: the old one's events stay, and are read back from its record (here or on the peers) as a member's. */
  private rotate(self: NonNullable<ReturnType<typeof getNetworkSelf>>, oldId: string, oldKey: string, moved: boolean): void {
    const newId = randomBytes(8).toString('hex');
    const name = readDevice(this.ctx).deviceName;
    write(this.ctx, () => {
      setDeviceId(this.ctx, newId);
      rememberMember(this.ctx, { deviceId: oldId, coreKey: oldKey, name: `${name} (before ${moved ? 'it was copied' : 'its restore'})` }, this.now());
      saveNetworkSelf(this.ctx, { ...self, coreKey: null, coreDeviceId: null });
    });
    this.ctx.log.rotate(newId);
    this.notice(
      moved
        ? 'This PC’s data folder was copied from another PC or restored, so this PC now has a new identity in the practice network. Nothing recorded is lost.'
        : 'This PC’s database was restored from a backup, so this PC now has a new identity in the practice network. Anything recorded here since that backup is read back from the network.',
    );
    this.respawn();
  }

  /**
   * The database under the core was replaced (rebuilt after damage): a new
   * process starts, and on ready this PC's identity and lengths are read afresh.
   */
  afterDatabaseReplaced(): void {
    this.ready = false;
    if (getNetworkSelf(this.ctx) && this.options.secrets.read()) this.restart();
  }

  /** The process goes, and a new one starts once it has let go of the store. */
  private respawn(): void {
    const channel = this.channel;
    this.channel = null;
    if (channel) {
      this.draining.add(channel);
      channel.kill();
    }
    this.ready = false;
    this.spawn();
  }

  /** The last old process has exited: a start that waited for it goes ahead, and anyone awaiting the stop is told. */
  private afterDrained(): void {
    if (this.draining.size > 0) return;
    if (this.spawnWhenDrained) {
      this.spawnWhenDrained = false;
      this.spawn();
    }
    if (this.channel === null) for (const resolve of this.drainedWaiters.splice(0)) resolve();
  }

  /** Resolves once no replication process runs for this PC (after close or leave): its folder can then be moved or deleted. */
  whenStopped(): Promise<void> {
    if (this.channel === null && this.draining.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  private onBlocks(origin: string, start: number, blocks: string[]): void {
    const channel = this.channel;
    if (!channel) return;
    try {
      const outcome = this.applyBlocks(origin, start, blocks);
      channel.send({ kind: 'applied', origin, upTo: outcome.upTo });
      this.appliedSinceStart += outcome.applied;
      this.recycleOnceCaughtUp();
    } catch (error) {
      // A full disk during catch-up: nothing of this batch stands, nothing already recorded is touched; it is sent again.
      channel.send({ kind: 'apply_failed', origin, retryInMs: 5_000 });
      const answer = describeFailure(error);
      this.addProblem(`Records from another PC could not be saved here: ${answer.ok ? '' : answer.error.message}`);
    }
  }

  /**
   * Another PC's events, one batch in one transaction, as the replication
   * process hands them over; the windows are told. Throws only when storage
   * fails, and then nothing of the batch stands.
   */
  applyBlocks(origin: string, start: number, blocks: readonly string[]): RemoteOutcome {
    const removedBefore = listRemoved(this.ctx).length;
    const outcome = write(this.ctx, () => applyRemoteBlocks(this.ctx, this.ctx.log, origin, start, blocks, this.now()));
    // The batch's pages go into the database file now, on this path, so the desk's next save
    // is not the one that finds a long write-ahead log to copy back (SQLite's auto-checkpoint).
    if (outcome.applied > 0) {
      try {
        this.ctx.db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // A checkpoint that cannot run now runs later; nothing depends on it.
      }
    }
    if (listRemoved(this.ctx).length !== removedBefore) this.afterRemoteRemoval();
    if (outcome.setAside > 0 || outcome.alarms > 0) this.changed(['network']);
    if (outcome.applied > 0) {
      this.changed(['contacts', 'clinicians', 'rota', 'settings', 'redirections', 'reports', 'network']);
      this.askForKeys();
    }
    this.appliedSinceCaughtUp += outcome.applied;
    this.noteIfCaughtUp();
    return outcome;
  }

  private onMember(member: MemberKeys): void {
    if (member.deviceId === this.ctx.log.origin) return;
    const added = write(this.ctx, () => rememberMember(this.ctx, member, this.now()));
    if (added) this.changed(['network']);
  }

  private onPeers(peers: PeerReport[], lengths: Record<string, number>): void {
    for (const peer of peers) this.peers.set(peer.deviceId, peer);
    this.lengths = lengths;
    // A problem about a PC or an address that now answers is over.
    const answering = new Set(peers.filter((peer) => peer.connected).flatMap((peer) => [peer.name, peer.address ?? '']));
    this.problems = this.problems.filter((problem) => problem.peer === null || !answering.has(problem.peer));
    const now = this.now();
    if (now - this.lastSeenSaved >= SEEN_SAVED_EVERY_MS || peers.some((peer) => peer.connected && !this.savedConnected.has(peer.deviceId))) {
      this.lastSeenSaved = now;
      this.savedConnected = new Set(peers.filter((peer) => peer.connected).map((peer) => peer.deviceId));
      write(this.ctx, () => {
        for (const peer of peers) if (peer.lastSeen !== null) noteMemberSeen(this.ctx, peer.deviceId, peer.lastSeen, peer.address, peer.clockSkewMs);
      });
    }
    this.changed(['network']);
    this.noteIfCaughtUp();
    this.recycleOnceCaughtUp();
  }

  /** A catch-up is over once nothing reported is left to take in: the audit trail is checked again then. */
  private noteIfCaughtUp(): void {
    if (this.appliedSinceCaughtUp === 0 || this.status().behind > 0) return;
    this.appliedSinceCaughtUp = 0;
    this.caughtUp();
  }

  /** After a big catch-up, once nothing is left to take in or hand over, the process is started afresh to give its memory back. */
  private recycleOnceCaughtUp(): void {
    const { afterApplied, quietMs } = this.options.recycle ?? { afterApplied: RECYCLE_AFTER_APPLIED, quietMs: RECYCLE_QUIET_MS };
    if (this.appliedSinceStart < afterApplied || this.recycleTimer || !this.ready) return;
    const channel = this.channel;
    this.recycleTimer = setTimeout(() => {
      this.recycleTimer = null;
      if (this.closed || this.channel !== channel || !this.ready) return;
      const ownDone = !this.appending && this.sentUpTo >= lastSeqOf(this.ctx, this.ctx.log.origin);
      // Not yet: the next batch or report looks again.
      if (!ownDone || this.status().behind > 0) return;
      console.error(`ContactCap: the sharing process took in ${this.appliedSinceStart} records; starting it afresh to give back its memory`);
      this.restart();
    }, quietMs);
    this.recycleTimer.unref();
  }

  private addProblem(message: string, peer: string | null = null, code: string | null = null): void {
    this.problems = [...this.problems.filter((problem) => problem.message !== message), { message, at: this.now(), peer, code }].slice(-8);
    this.changed(['network']);
  }

  /** Tells the windows, at most every 100 ms; a network change that leaves the status as it was tells nobody. */
  private changed(topics: Parameters<Push>[0]): void {
    for (const topic of topics) this.pendingTopics.add(topic);
    if (this.changedTimer) return;
    this.changedTimer = setTimeout(() => {
      this.changedTimer = null;
      const pending = [...this.pendingTopics];
      this.pendingTopics.clear();
      if (this.closed) return;
      if (pending.length === 1 && pending[0] === 'network') {
        const summary = JSON.stringify(this.statusWithoutTimes());
        if (summary === this.lastPushed) return;
        this.lastPushed = summary;
      }
      this.push(pending);
    }, 100);
    this.changedTimer.unref();
  }

  private statusWithoutTimes(): unknown {
    const status = this.status();
    return { ...status, members: status.members.map((member) => ({ ...member, lastSeen: member.connected ? null : member.lastSeen, clockSkewMs: member.clockSkewMs === null ? null : Math.round(member.clockSkewMs / 30_000) })) };
  }

  /** After every commit on this PC: its new events go to its own Hypercore. */
  afterLocalWrite(): void {
    // Keys of identifiers just recorded here go at once to the PCs connected; one that is not asks when it is.
    const keys = takeKeysToOffer(this.ctx);
    if (!this.ready) return;
    this.sendOwn();
    if (keys.length > 0) this.channel?.send({ kind: 'keys', to: null, keys });
  }

  /** One page at a time, so years of history never sit in memory on their way to the record. */
  private sendOwn(): void {
    const channel = this.channel;
    if (!channel || !this.ready || this.appending) return;
    const events = eventsOfAfter(this.ctx, this.ctx.log.origin, this.sentUpTo, APPEND_PAGE);
    if (events.length === 0) return;
    this.appending = true;
    channel.send({ kind: 'append', events });
    this.sentUpTo = events.at(-1)?.seq ?? this.sentUpTo;
  }

  // ---- what the Network page asks ----

  status(): NetworkStatus {
    const self = getNetworkSelf(this.ctx);
    const origin = this.ctx.log.origin;
    const now = this.now();
    const removed = new Map(listRemoved(this.ctx).map((row) => [row.deviceId, row]));
    const rows: MemberRow[] = listMembers(this.ctx).filter((row) => row.deviceId !== origin);
    const members: NetworkMember[] = rows.map((row) => {
      const peer = this.peers.get(row.deviceId);
      const held = heldUpToFor(this.ctx, row.deviceId);
      const length = this.lengths[row.deviceId] ?? 0;
      const lastSeen = Math.max(peer?.lastSeen ?? 0, row.lastSeen ?? 0);
      return {
        deviceId: row.deviceId,
        name: peer?.name ?? row.name,
        connected: this.ready && (peer?.connected ?? false),
        lastSeen: lastSeen > 0 ? new Date(lastSeen).toISOString() : null,
        behind: Math.max(0, length - held),
        held,
        clockSkewMs: peer?.clockSkewMs ?? row.clockSkewMs,
        address: peer?.address ?? row.lastAddress,
        removed: removed.has(row.deviceId),
      };
    });
    const live = members.filter((member) => !member.removed);
    const behind = live.reduce((sum, member) => sum + member.behind, 0);
    const today = new Date(now).toDateString();
    const quietPcs = live
      .filter((member) => member.lastSeen !== null && new Date(member.lastSeen).toDateString() === today && now - Date.parse(member.lastSeen) >= QUIET_AFTER_MS && !member.connected)
      .map((member) => member.name);
    const { setAside, alarms } = countSetAside(this.ctx);
    const problems = this.problems.filter((problem) => now - problem.at < 10 * 60_000).map((problem) => problem.message);
    if (setAside > 0) problems.push(`${setAside} record${setAside === 1 ? '' : 's'} from other PCs could not be read and ${setAside === 1 ? 'was' : 'were'} set aside, not applied. Tell IT support.`);
    if (alarms > 0) problems.push(`${alarms} record${alarms === 1 ? '' : 's'} from other PCs disagreed with what this PC holds: this PC kept its own. Tell IT support.`);
    if (removed.has(origin)) problems.push('This PC was removed from the practice network. It carries on recording on its own.');
    if (self && this.state === 'running' && live.length === 0 && now - self.joinedAt > 30_000 && self.coreKey !== null) {
      problems.push('No other PC with this join code has been found yet. Check the join code, and that the other PC is on and has ContactCap open.');
    }
    return {
      state: self ? this.state === 'not_joined' ? 'starting' : this.state : 'not_joined',
      thisPc: { deviceId: origin, name: readDevice(this.ctx).deviceName },
      port: self?.port ?? this.options.defaultPort ?? DEFAULT_NETWORK_PORT,
      addresses: self?.addresses ?? [],
      members,
      behind,
      held: live.reduce((sum, member) => sum + member.held, 0),
      catchingUp: behind >= 100,
      quietPcs,
      problems,
      restartAt: this.restartAt === null ? null : new Date(this.restartAt).toISOString(),
    };
  }

  create(): string {
    if (getNetworkSelf(this.ctx)) throw new DomainError('conflict', 'This PC is already in a practice network. Its join code is on this page.');
    const secret = randomBytes(JOIN_CODE_SECRET_BYTES);
    this.joinWith(secret);
    return formatJoinCode(secret);
  }

  join(secret: Uint8Array): void {
    if (getNetworkSelf(this.ctx)) {
      throw new DomainError('conflict', 'This PC is already in a practice network. To join another, first choose “Leave the network” on this page. Nothing was changed.');
    }
    this.joinWith(secret);
  }

  private joinWith(secret: Uint8Array): void {
    this.options.secrets.write(secret);
    write(this.ctx, () =>
      saveNetworkSelf(this.ctx, { joinedAt: this.now(), port: this.options.defaultPort ?? DEFAULT_NETWORK_PORT, addresses: [], coreKey: null, coreDeviceId: null }),
    );
    this.restartMs = FIRST_RESTART_MS;
    this.spawn();
  }

  joinCode(): string | null {
    if (!getNetworkSelf(this.ctx)) return null;
    const secret = this.options.secrets.read();
    return secret ? formatJoinCode(secret) : null;
  }

  leave(): void {
    if (!getNetworkSelf(this.ctx)) throw new DomainError('conflict', 'This PC is not in a practice network. Nothing was changed.');
    this.halt();
    write(this.ctx, () => clearNetworkSelf(this.ctx));
    this.options.secrets.clear();
    this.state = 'not_joined';
    this.peers.clear();
  }

  remove(deviceId: string): void {
    const member = listMembers(this.ctx).find((row) => row.deviceId === deviceId);
    if (deviceId === this.ctx.log.origin) throw new DomainError('invalid_input', 'This PC cannot remove itself: choose “Leave the network” instead. Nothing was changed.', 'deviceId');
    if (!member) throw new DomainError('not_found', 'That PC is not in this practice network. Nothing was changed.', 'deviceId');
    if (listRemoved(this.ctx).some((row) => row.deviceId === deviceId)) throw new DomainError('conflict', `${member.name} was already removed from the network. Nothing was changed.`, 'deviceId');
    write(this.ctx, () => this.ctx.log.append('network.pcRemoved', { deviceId, name: member.name, keptUpTo: heldUpToFor(this.ctx, deviceId) }));
    this.channel?.send({ kind: 'removed', deviceIds: listRemoved(this.ctx).map((row) => row.deviceId) });
    this.afterLocalWrite();
  }

  configure(change: { addresses?: string[]; port?: number }): void {
    const self = getNetworkSelf(this.ctx);
    if (!self) throw new DomainError('conflict', 'Join or create a practice network first. Nothing was changed.');
    const next = { ...self, ...(change.addresses === undefined ? {} : { addresses: change.addresses }), ...(change.port === undefined ? {} : { port: change.port }) };
    write(this.ctx, () => saveNetworkSelf(this.ctx, next));
    if (change.port !== undefined && change.port !== self.port) {
      this.restart();
      return;
    }
    if (change.addresses) this.channel?.send({ kind: 'addresses', addresses: change.addresses });
  }

  /** Stops the process and starts it again now (a new port). */
  private restart(): void {
    this.halt();
    this.spawn();
  }

  private halt(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    if (this.recycleTimer) clearTimeout(this.recycleTimer);
    this.recycleTimer = null;
    this.restartAt = null;
    const channel = this.channel;
    this.channel = null;
    this.ready = false;
    this.spawnWhenDrained = false;
    if (channel) {
      this.draining.add(channel);
      channel.send({ kind: 'stop' });
      setTimeout(() => channel.kill(), 3_000).unref();
    }
  }

  /** The removal events this PC has seen go to the process, so it refuses those PCs too. */
  afterRemoteRemoval(): void {
    this.channel?.send({ kind: 'removed', deviceIds: listRemoved(this.ctx).map((row) => row.deviceId) });
  }

  /** The replication process's id while one runs. */
  processId(): number | null {
    return this.channel?.pid ?? null;
  }

  close(): void {
    this.closed = true;
    if (this.changedTimer) clearTimeout(this.changedTimer);
    this.halt();
  }
}
