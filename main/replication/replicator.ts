import net from 'node:net';
import { networkInterfaces } from 'node:os';
import type Corestore from 'corestore';
import { encodeBlock, REPLICATION_PROTOCOL, type FromReplicator, type MemberKeys, type PeerReport, type StartMessage, type ToReplicator, type WireEvent } from '../../shared/replication.ts';
import { Discovery } from './discovery.ts';
import { json, openStore, proofMatches, proofOf, Protomux, secureStream, type Hypercore, type KeyPair, type Message, type SecretStream } from './engine.ts';

const DEVICE_ID = /^[0-9a-f]{16,64}$/;
const CORE_KEY = /^[0-9a-f]{64}$/;
/** A peer that has not proved the secret by then is dropped. */
const PROOF_TIMEOUT_MS = 5_000;
const PING_EVERY_MS = 5_000;
const FIRST_BACKOFF_MS = 1_000;
const LONGEST_BACKOFF_MS = 60_000;
/** Most record ids or keys in one message, either way. */
const MOST_KEYS = 2_000;

interface Member {
  keys: MemberKeys;
  core: Hypercore;
  /** The core has applied this member's events up to here. */
  applied: number;
  /** A batch is with the core, waiting for its answer. */
  inFlight: boolean;
  retryTimer: NodeJS.Timeout | null;
}

interface Peer {
  deviceId: string;
  name: string;
  stream: SecretStream;
  initiator: boolean;
  membersMsg: Message;
  pingMsg: Message;
  keysMsg: Message;
  address: string | null;
}

interface Remembered {
  name: string;
  lastSeen: number | null;
  address: string | null;
  clockSkewMs: number | null;
}

interface Dial {
  address: string;
  backoffMs: number;
  nextAt: number;
  busy: boolean;
  /** Reached this PC itself (discovery finds its own advert). */
  self: boolean;
  /** Connection attempts that failed in a row. */
  failures: number;
}

interface Hello {
  proof: string;
  protocol: number;
  deviceId: string;
  name: string;
  coreKey: string;
  members: MemberKeys[];
  now: number;
  /** The port it listens on, so a PC that it dialled can dial it back later. */
  port: number;
}

function isHello(value: unknown): value is Hello {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.proof === 'string' &&
    typeof v.protocol === 'number' &&
    typeof v.deviceId === 'string' &&
    typeof v.name === 'string' &&
    typeof v.coreKey === 'string' &&
    Array.isArray(v.members) &&
    typeof v.now === 'number' &&
    typeof v.port === 'number'
  );
}

function validMember(value: unknown): MemberKeys | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.deviceId !== 'string' || !DEVICE_ID.test(v.deviceId) || typeof v.coreKey !== 'string' || !CORE_KEY.test(v.coreKey)) return null;
  return { deviceId: v.deviceId, coreKey: v.coreKey, name: typeof v.name === 'string' ? v.name.slice(0, 80) : v.deviceId };
}

/** The LAN's own IPv4 addresses: private ranges only, never the internet side of a PC. */
export function lanAddresses(): string[] {
  const found: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family !== 'IPv4' || entry.internal) continue;
      const [a, b] = entry.address.split('.').map(Number);
      const isPrivate = a === 10 || (a === 172 && b !== undefined && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
      if (isPrivate) found.push(entry.address);
    }
  }
  return found;
}

function splitAddress(address: string): { host: string; port: number } | null {
  const at = address.lastIndexOf(':');
  if (at <= 0) return null;
  const port = Number(address.slice(at + 1));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return null;
  return { host: address.slice(0, at), port };
}

/**
 * One PC's side of the practice network: its own Hypercore (block i is its
 * event seq i+1), a copy of every member's, the listener and the dialler, the
 * proof of the practice secret, and the pump that hands new blocks to the core.
 * It never opens SQLite: the core applies what it is sent and answers.
 */
export class Replicator {
  private readonly send: (message: FromReplicator) => void;
  private readonly now: () => number;
  private config: StartMessage | null = null;
  private store: Corestore | null = null;
  private own: Hypercore | null = null;
  private keyPair: KeyPair | null = null;
  private practiceKey: Buffer = Buffer.alloc(0);
  private readonly members = new Map<string, Member>();
  private readonly peers = new Map<string, Peer>();
  private readonly remembered = new Map<string, Remembered>();
  private readonly dials = new Map<string, Dial>();
  private removed = new Set<string>();
  private servers: net.Server[] = [];
  private readonly listeningOn = new Set<string>();
  private discovery: Discovery | null = null;
  private timers: NodeJS.Timeout[] = [];
  private appendChain: Promise<void> = Promise.resolve();
  private closing = false;
  private lastReport = '';
  private readonly problemsSent = new Map<string, number>();
  /** Records whose keys the core lacks: asked of each PC as it connects. */
  private keysWanted: string[] = [];

  private readonly protocol: number;

  /** `protocol` is this version's replication protocol; tests give another to play an incompatible PC. */
  constructor(send: (message: FromReplicator) => void, now: () => number = () => Date.now(), protocol: number = REPLICATION_PROTOCOL) {
    this.send = send;
    this.now = now;
    this.protocol = protocol;
  }

  async handle(message: ToReplicator): Promise<void> {
    switch (message.kind) {
      case 'start':
        return this.start(message);
      case 'append':
        this.appendOwn(message.events);
        return;
      case 'applied': {
        const member = this.members.get(message.origin);
        if (!member) return;
        member.applied = Math.max(member.applied, message.upTo);
        member.inFlight = false;
        this.pump(member);
        return;
      }
      case 'apply_failed': {
        const member = this.members.get(message.origin);
        if (!member) return;
        member.retryTimer = setTimeout(() => {
          member.retryTimer = null;
          member.inFlight = false;
          this.pump(member);
        }, message.retryInMs);
        return;
      }
      case 'addresses':
        if (this.config) this.config.addresses = message.addresses;
        for (const address of message.addresses) this.wantDial(address);
        return;
      case 'members':
        for (const keys of message.members) this.addMember(keys);
        return;
      case 'removed':
        this.removed = new Set(message.deviceIds);
        for (const id of this.removed) {
          this.peers.get(id)?.stream.destroy();
          const member = this.members.get(id);
          if (member) {
            this.members.delete(id);
            void member.core.close().catch(() => undefined);
          }
        }
        return;
      case 'wantKeys':
        this.keysWanted = message.recordIds.slice(0, MOST_KEYS);
        for (const peer of this.peers.values()) peer.keysMsg.send({ want: this.keysWanted });
        return;
      case 'keys': {
        const keys = message.keys.slice(0, MOST_KEYS);
        if (keys.length === 0) return;
        const to = message.to === null ? [...this.peers.values()] : [this.peers.get(message.to)].filter((peer) => peer !== undefined);
        for (const peer of to) peer.keysMsg.send({ give: keys });
        return;
      }
      case 'stop':
        await this.close();
        this.send({ kind: 'stopped' });
        return;
    }
  }

  private async start(config: StartMessage): Promise<void> {
    if (this.config) return;
    this.config = config;
    this.practiceKey = Buffer.from(config.practiceKey, 'hex');
    this.removed = new Set(config.removed);
    const { store, moved } = await openStore(config.storeDir, this.now);
    this.store = store;
    this.own = store.get({ name: `events/${config.deviceId}` });
    await this.own.ready();
    this.keyPair = await store.createKeyPair('contactcap-noise');
    for (const keys of config.members) this.addMember(keys);
    const listening = await this.listen(config);
    this.send({ kind: 'ready', coreKey: this.own.key.toString('hex'), ownLength: this.own.length, moved, listening });
    for (const address of config.addresses) this.wantDial(address);
    this.startDiscovery();
    this.timers.push(
      setInterval(() => {
        void this.listen(config).then((added) => {
          if (added.length > 0) this.send({ kind: 'listening', addresses: [...this.listeningOn].map((host) => `${host}:${config.port}`) });
          this.startDiscovery();
        });
      }, 5_000),
    );
    this.timers.push(setInterval(() => this.dialDue(), 250));
    this.timers.push(setInterval(() => this.ping(), PING_EVERY_MS));
    this.timers.push(setInterval(() => this.report(false), 1_000));
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Listens on each LAN address not yet listened on. Tried again every few
   * seconds: a port still held by a process that is closing, or a laptop that
   * joins the practice's Wi-Fi later, is picked up when it can be.
   */
  /** Advertises and looks for the practice's PCs once this PC listens somewhere. */
  private startDiscovery(): void {
    const config = this.config;
    if (!config?.discovery || this.discovery || this.listeningOn.size === 0 || this.closing) return;
    this.discovery = new Discovery(config.practiceTag, config.deviceId, config.port, (address) => this.wantDial(address));
    this.discovery.start();
  }

  private async listen(config: StartMessage): Promise<string[]> {
    const hosts = (config.listen.length > 0 ? config.listen : lanAddresses()).filter((host) => !this.listeningOn.has(host));
    if (hosts.length === 0 && this.listeningOn.size === 0) {
      this.problem('no_lan', 'This PC is not on a local network, so other PCs cannot reach it. It carries on recording and will share when it is back on the network.');
      return [];
    }
    const listening: string[] = [];
    for (const host of hosts) {
      if (this.closing) break;
      const server = net.createServer((socket) => this.onSocket(socket, false, null));
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(config.port, host, () => resolve());
        });
        server.on('error', () => undefined);
        this.servers.push(server);
        this.listeningOn.add(host);
        listening.push(`${host}:${config.port}`);
      } catch (error) {
        const code = (error as { code?: string }).code;
        this.problem(
          code === 'EADDRINUSE' ? 'port_in_use' : 'no_lan',
          code === 'EADDRINUSE'
            ? `Port ${config.port} on this PC is already in use by another program, so other PCs cannot reach this one. Ask IT to free it or choose another port on the Network page.`
            : `This PC could not listen for other PCs on ${host}:${config.port} (${code ?? 'unknown reason'}).`,
        );
      }
    }
    return listening;
  }

  /** Own events after their SQLite commit, appended in sequence order; ones the core already has are skipped. */
  private appendOwn(events: WireEvent[]): void {
    this.appendChain = this.appendChain.then(async () => {
      const own = this.own;
      if (!own || this.closing) return;
      const fresh = events.filter((event) => event.seq > own.length).sort((a, b) => a.seq - b.seq);
      if (fresh.length === 0 || fresh[0]?.seq !== own.length + 1) {
        // Nothing new, or a gap: the core sends again from the length it is told.
        this.send({ kind: 'appended', length: own.length });
        return;
      }
      const blocks: Buffer[] = [];
      for (const [index, event] of fresh.entries()) {
        if (event.seq !== own.length + 1 + index) break;
        blocks.push(Buffer.from(encodeBlock(event)));
      }
      await own.append(blocks);
      this.send({ kind: 'appended', length: own.length });
      this.report(true);
    }).catch((error: unknown) => {
      this.problem('storage', `Sharing this PC's records stopped for a moment: ${String(error)}. They are safe on this PC and will be shared when it restarts.`);
    });
  }

  private addMember(keys: MemberKeys): void {
    const store = this.store;
    if (!store || !this.config || keys.deviceId === this.config.deviceId || this.members.has(keys.deviceId) || this.removed.has(keys.deviceId)) return;
    const core = store.get({ key: Buffer.from(keys.coreKey, 'hex') });
    const member: Member = { keys, core, applied: this.config.applied[keys.deviceId] ?? 0, inFlight: false, retryTimer: null };
    this.members.set(keys.deviceId, member);
    core
      .ready()
      .then(() => {
        core.download({ start: 0, end: -1 });
        const kick = () => this.pump(member);
        core.on('append', kick);
        core.on('download', kick);
        core.on('conflict', () => this.send({ kind: 'fork', origin: keys.deviceId, detail: `${keys.name} has two different signed histories` }));
        kick();
      })
      .catch((error: unknown) => this.problem('storage', `Could not open the copy of ${keys.name}'s records: ${String(error)}`));
    this.send({ kind: 'member', member: keys });
    for (const peer of this.peers.values()) peer.membersMsg.send({ members: this.memberList() });
  }

  /** Hands the core the next batch of a member's blocks, one batch at a time per member. */
  private pump(member: Member): void {
    if (member.inFlight || this.closing || !this.config || this.members.get(member.keys.deviceId) !== member) return;
    const available = member.core.contiguousLength;
    if (member.applied >= available) return;
    member.inFlight = true;
    const start = member.applied;
    const end = Math.min(available, start + this.config.batchSize);
    const reads: Promise<Buffer | null>[] = [];
    for (let index = start; index < end; index++) reads.push(member.core.get(index, { wait: false }));
    Promise.all(reads)
      .then((blocks) => {
        const texts: string[] = [];
        for (const block of blocks) {
          if (!block) break;
          texts.push(block.toString('utf8'));
        }
        if (texts.length === 0) {
          member.inFlight = false;
          return;
        }
        this.send({ kind: 'blocks', origin: member.keys.deviceId, start, blocks: texts });
      })
      .catch(() => {
        member.inFlight = false;
      });
  }

  private memberList(): MemberKeys[] {
    const self = this.selfKeys();
    return [...(self ? [self] : []), ...[...this.members.values()].map((member) => member.keys)];
  }

  private selfKeys(): MemberKeys | null {
    if (!this.config || !this.own) return null;
    return { deviceId: this.config.deviceId, coreKey: this.own.key.toString('hex'), name: this.config.pcName };
  }

  // ---- connections ----

  private wantDial(address: string): void {
    if (this.closing || this.dials.has(address) || !splitAddress(address)) return;
    this.dials.set(address, { address, backoffMs: FIRST_BACKOFF_MS, nextAt: 0, busy: false, self: false, failures: 0 });
    this.dialDue();
  }

  private dialDue(): void {
    if (this.closing || !this.keyPair) return;
    const now = this.now();
    for (const dial of this.dials.values()) {
      if (dial.busy || dial.self || now < dial.nextAt) continue;
      if ([...this.peers.values()].some((peer) => peer.address === dial.address)) continue;
      const target = splitAddress(dial.address);
      if (!target) continue;
      dial.busy = true;
      const socket = net.connect(target.port, target.host);
      socket.on('error', (error: NodeJS.ErrnoException) => {
        dial.failures++;
        // A typed address that never answers is said in words; one found by discovery just waits.
        if (dial.failures >= 3 && this.config?.addresses.includes(dial.address)) {
          this.problem(
            'unreachable',
            `Nothing answered at ${dial.address} (${error.code === 'ECONNREFUSED' ? 'the PC is on, but ContactCap is not listening there' : 'the PC did not answer'}). Check that the PC is on, that ContactCap is open on it, and that the firewall allows port ${target.port}. This PC keeps trying.`,
            dial.address,
          );
        }
      });
      socket.on('close', () => {
        dial.busy = false;
      });
      this.onSocket(socket, true, dial);
    }
  }

  private backoff(dial: Dial | null): void {
    if (!dial) return;
    // A little jitter, so two PCs that failed together do not retry together.
    dial.nextAt = this.now() + dial.backoffMs * (0.75 + Math.random() * 0.5);
    dial.backoffMs = Math.min(dial.backoffMs * 2, LONGEST_BACKOFF_MS);
  }

  private onSocket(socket: net.Socket, initiator: boolean, dial: Dial | null): void {
    const config = this.config;
    const keyPair = this.keyPair;
    if (this.closing || !config || !keyPair) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const stream = secureStream(initiator, socket, keyPair);
    stream.on('error', () => undefined);
    const mux = Protomux.from(stream);
    stream.userData = mux;
    const channel = mux.createChannel({ protocol: 'contactcap/practice/1' });
    let peer: Peer | null = null;
    const address = dial ? dial.address : socket.remoteAddress ? socket.remoteAddress.replace(/^::ffff:/, '') : null;
    const helloMsg = channel.addMessage({ encoding: json, onmessage: (value) => onHello(value) });
    const membersMsg = channel.addMessage({
      encoding: json,
      onmessage: (value) => {
        if (!peer) return;
        this.heard(peer, null);
        const list = (value as { members?: unknown }).members;
        if (Array.isArray(list)) for (const item of list) this.learn(item);
      },
    });
    const pingMsg = channel.addMessage({
      encoding: json,
      onmessage: (value) => {
        if (!peer) return;
        const sent = (value as { now?: unknown }).now;
        this.heard(peer, typeof sent === 'number' ? sent - this.now() : null);
      },
    });
    // Keys of sealed identifiers, asked for and given; the core checks every one it is given.
    const keysMsg = channel.addMessage({
      encoding: json,
      onmessage: (value) => {
        if (!peer || typeof value !== 'object' || value === null) return;
        const { want, give } = value as { want?: unknown; give?: unknown };
        if (Array.isArray(want) && want.length > 0) this.send({ kind: 'keysWanted', from: peer.deviceId, recordIds: want.slice(0, MOST_KEYS) });
        if (Array.isArray(give) && give.length > 0) this.send({ kind: 'keysGiven', from: peer.deviceId, keys: give.slice(0, MOST_KEYS) });
      },
    });
    channel.open();

    const onHello = (value: unknown) => {
      if (peer || this.closing) return;
      const handshakeHash = stream.handshakeHash;
      const remoteKey = stream.remotePublicKey;
      if (!isHello(value) || !handshakeHash || !remoteKey) {
        stream.destroy();
        return;
      }
      const expected = proofOf(this.practiceKey, initiator ? 'responder' : 'initiator', handshakeHash, remoteKey);
      if (!proofMatches(expected, value.proof)) {
        this.problem('wrong_secret', `A PC at ${address ?? 'an unknown address'} tried to connect with a different join code: it is not part of this practice's network, and nothing was shared with it.`, address ?? undefined);
        this.backoff(dial);
        stream.destroy();
        return;
      }
      if (value.protocol !== this.protocol) {
        this.problem(
          'incompatible_version',
          `${value.name} runs a version of ContactCap that cannot share with this one. Update both PCs to the same version; each carries on recording meanwhile.`,
          value.name,
        );
        this.backoff(dial);
        stream.destroy();
        return;
      }
      if (value.deviceId === config.deviceId) {
        if (dial) dial.self = true;
        stream.destroy();
        return;
      }
      if (this.removed.has(value.deviceId) || !DEVICE_ID.test(value.deviceId)) {
        this.backoff(dial);
        stream.destroy();
        return;
      }
      const existing = this.peers.get(value.deviceId);
      if (existing) {
        // Both PCs dialled each other: both keep the connection the lower device id started.
        const keepNew = (initiator ? config.deviceId : value.deviceId) < (existing.initiator ? config.deviceId : value.deviceId);
        if (!keepNew) {
          stream.destroy();
          return;
        }
        existing.stream.destroy();
      }
      clearTimeout(timer);
      if (dial) {
        dial.backoffMs = FIRST_BACKOFF_MS;
        dial.failures = 0;
      }
      // An address this PC can dial back: the one it dialled, or the peer's own port at the address it came from.
      const reachable = dial ? dial.address : address && Number.isInteger(value.port) ? `${address}:${value.port}` : null;
      peer = { deviceId: value.deviceId, name: value.name.slice(0, 80), stream, initiator, membersMsg, pingMsg, keysMsg, address: reachable };
      this.peers.set(peer.deviceId, peer);
      const known = this.remembered.get(peer.deviceId);
      this.remembered.set(peer.deviceId, {
        name: peer.name,
        lastSeen: this.now(),
        address: peer.address ?? known?.address ?? null,
        clockSkewMs: value.now - this.now(),
      });
      this.learn({ deviceId: value.deviceId, coreKey: value.coreKey, name: value.name });
      for (const item of value.members) this.learn(item);
      stream.on('close', () => {
        if (peer && this.peers.get(peer.deviceId) === peer) {
          this.peers.delete(peer.deviceId);
          this.report(true);
        }
      });
      // Only now, with the secret proved, do any records move on this connection.
      this.store?.replicate(stream);
      membersMsg.send({ members: this.memberList() });
      if (this.keysWanted.length > 0) keysMsg.send({ want: this.keysWanted });
      this.report(true);
    };

    const timer = setTimeout(() => {
      if (!peer) {
        this.backoff(dial);
        stream.destroy();
      }
    }, PROOF_TIMEOUT_MS);
    stream.on('close', () => {
      clearTimeout(timer);
      if (!peer) this.backoff(dial);
    });
    stream.opened.then(
      (opened) => {
        const self = this.selfKeys();
        if (!opened || stream.destroyed || !stream.handshakeHash || !self) return;
        stream.setKeepAlive(PING_EVERY_MS);
        const hello: Hello = {
          proof: proofOf(this.practiceKey, initiator ? 'initiator' : 'responder', stream.handshakeHash, stream.publicKey),
          protocol: this.protocol,
          deviceId: self.deviceId,
          name: self.name,
          coreKey: self.coreKey,
          members: this.memberList(),
          now: this.now(),
          port: config.port,
        };
        helloMsg.send(hello);
      },
      () => undefined,
    );
  }

  private learn(value: unknown): void {
    const keys = validMember(value);
    if (keys) this.addMember(keys);
  }

  private heard(peer: Peer, skew: number | null): void {
    const known = this.remembered.get(peer.deviceId);
    this.remembered.set(peer.deviceId, {
      name: peer.name,
      lastSeen: this.now(),
      address: peer.address ?? known?.address ?? null,
      clockSkewMs: skew ?? known?.clockSkewMs ?? null,
    });
  }

  private ping(): void {
    for (const peer of this.peers.values()) peer.pingMsg.send({ now: this.now() });
  }

  private problem(code: Extract<FromReplicator, { kind: 'problem' }>['code'], message: string, peer?: string): void {
    // The same problem from the same place is said once a minute, not at every retry.
    const key = `${code}|${peer ?? ''}`;
    const last = this.problemsSent.get(key) ?? 0;
    if (this.now() - last < 60_000) return;
    this.problemsSent.set(key, this.now());
    this.send({ kind: 'problem', code, message, ...(peer === undefined ? {} : { peer }) });
  }

  /** Who is connected and how long each member's record is, when it has changed (or `force`). */
  private report(force: boolean): void {
    if (!this.config) return;
    const peers: PeerReport[] = [];
    for (const [deviceId, known] of this.remembered) {
      peers.push({ deviceId, name: known.name, connected: this.peers.has(deviceId), lastSeen: known.lastSeen, address: known.address, clockSkewMs: known.clockSkewMs });
    }
    const lengths: Record<string, number> = {};
    for (const [deviceId, member] of this.members) lengths[deviceId] = member.core.length;
    const summary = JSON.stringify([peers.map((peer) => [peer.deviceId, peer.connected, peer.clockSkewMs === null ? null : Math.round(peer.clockSkewMs / 10_000)]), lengths]);
    // Last-seen times move every few seconds: they are sent with any other change, and every 5 s.
    const due = force || summary !== this.lastReport || Math.floor(this.now() / 5000) !== Math.floor((this.now() - 1000) / 5000);
    if (!due) return;
    this.lastReport = summary;
    this.send({ kind: 'peers', peers, lengths });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const member of this.members.values()) if (member.retryTimer) clearTimeout(member.retryTimer);
    this.discovery?.stop();
    for (const peer of this.peers.values()) peer.stream.destroy();
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    await this.appendChain.catch(() => undefined);
    await this.store?.close().catch(() => undefined);
  }
}
