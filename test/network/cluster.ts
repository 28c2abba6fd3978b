import { cpSync } from 'node:fs';
import net from 'node:net';
import type { Core } from '../../main/core/createCore.ts';
import { EventLog } from '../../main/core/events/eventLog.ts';
import { must, openTestCore, tempDirs } from '../helpers/fixtures.ts';
import { freePort } from '../helpers/host.ts';

/**
 * A practice of real PCs on 127.0.0.1 for tests: each a core on its own data
 * folder with its own replication process (the real engine, real TCP). Every
 * PC dials every other through a proxy the test owns, so the network between
 * any two can be cut and healed like a pulled cable.
 */
export interface Pc {
  name: string;
  dir: string;
  port: number;
  core: Core;
}

class Link {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  cut = false;
  port = 0;
  private readonly target: () => number;

  constructor(target: () => number) {
    this.target = target;
  }

  async open(): Promise<void> {
    this.port = await freePort();
    this.server = net.createServer((inbound) => {
      if (this.cut) {
        inbound.destroy();
        return;
      }
      const outbound = net.connect(this.target(), '127.0.0.1');
      for (const socket of [inbound, outbound]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          inbound.destroy();
          outbound.destroy();
        });
      }
      inbound.pipe(outbound);
      outbound.pipe(inbound);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', () => resolve()));
  }

  setCut(cut: boolean): void {
    this.cut = cut;
    if (cut) for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.setCut(true);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` answers true, polling every `everyMs`; fails with `describe()` after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs: number, describe: () => string, everyMs = 20): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    await sleep(everyMs);
  }
}

export interface PracticeOptions {
  /** Restart waits for a stopped replication process (fast in tests). */
  restartBackoffMs?: [number, number];
  batchSize?: number;
  /** When a replication process is started afresh after a big catch-up. */
  recycle?: { afterApplied: number; quietMs: number };
  /** Data folders already prepared (seeded), by index. */
  dirs?: Record<number, string>;
}

export class Practice {
  readonly pcs: Pc[] = [];
  private readonly links = new Map<string, Link>();
  private readonly options: PracticeOptions;
  private readonly folders = tempDirs();
  /** Every core opened here, closed ones included: each one's replication process must have exited before the folders go. */
  private readonly opened: Core[] = [];
  joinCode = '';

  constructor(options: PracticeOptions = {}) {
    this.options = options;
  }

  /** The i-th PC; a test that asks for one that is not there fails. */
  pc(i: number): Pc {
    const pc = this.pcs[i];
    if (!pc) throw new Error(`This practice has no PC number ${i}`);
    return pc;
  }

  newDir(): string {
    return this.folders.make();
  }

  open(dir: string, port: number): Core {
    const core = openTestCore(dir, {
      network: {
        listen: ['127.0.0.1'],
        discovery: false,
        defaultPort: port,
        restartBackoffMs: this.options.restartBackoffMs ?? [200, 1000],
        ...(this.options.batchSize ? { batchSize: this.options.batchSize } : {}),
        ...(this.options.recycle ? { recycle: this.options.recycle } : {}),
      },
    });
    this.opened.push(core);
    // These tests run on the real clock at any hour: the practice's sessions run until 23:59 on every PC, so nobody
    // is "finished for today" because CI happens to run in the evening (as the browser tests do, test/e2e/session.ts).
    must(core.call('settings.update', { dayEnd: '23:59' }));
    return core;
  }

  /** n PCs named Desk 1…n, the first creating the network and the rest joining with its code, all linked. */
  async start(n: number, names?: string[]): Promise<this> {
    for (let i = 0; i < n; i++) {
      const dir = this.options.dirs?.[i] ?? this.newDir();
      const port = await freePort();
      const core = this.open(dir, port);
      const name = names?.[i] ?? `Desk ${i + 1}`;
      must(core.call('device.update', { deviceName: name }));
      this.pcs.push({ name, dir, port, core });
    }
    this.joinCode = must(this.pc(0).core.call('network.create', {})).joinCode;
    for (const pc of this.pcs.slice(1)) must(pc.core.call('network.join', { code: this.joinCode }));
    for (const [i, pc] of this.pcs.entries()) await this.linkFrom(i, pc);
    return this;
  }

  private async linkFrom(i: number, pc: Pc): Promise<void> {
    const addresses: string[] = [];
    for (const [j, other] of this.pcs.entries()) {
      if (j === i) continue;
      const key = `${i}>${j}`;
      let link = this.links.get(key);
      if (!link) {
        link = new Link(() => other.port);
        await link.open();
        this.links.set(key, link);
      }
      addresses.push(`127.0.0.1:${link.port}`);
    }
    must(pc.core.call('network.configure', { addresses }));
  }

  /** Adds one more PC that joins with the practice's code. */
  async add(name: string, dir = this.newDir()): Promise<Pc> {
    const port = await freePort();
    const core = this.open(dir, port);
    must(core.call('device.update', { deviceName: name }));
    must(core.call('network.join', { code: this.joinCode }));
    const pc = { name, dir, port, core };
    this.pcs.push(pc);
    for (const [i, each] of this.pcs.entries()) await this.linkFrom(i, each);
    return pc;
  }

  /** Cuts the network between the two groups (both directions); within a group PCs still talk. */
  split(...groups: number[][]): void {
    const groupOf = new Map<number, number>();
    groups.forEach((group, g) => group.forEach((i) => groupOf.set(i, g)));
    for (const [key, link] of this.links) {
      const [from = -1, to = -1] = key.split('>').map(Number);
      link.setCut(groupOf.get(from) !== groupOf.get(to));
    }
  }

  heal(): void {
    for (const link of this.links.values()) link.setCut(false);
  }

  /** Closes a PC's core (its replication process goes with it) and opens it again on the same folder. */
  async restart(i: number): Promise<void> {
    const pc = this.pc(i);
    pc.core.close();
    await pc.core.stopped();
    pc.core = this.open(pc.dir, pc.port);
  }

  /** Closes a PC's core and waits for its replication process to exit, so its folder is at rest. */
  async stop(i: number): Promise<void> {
    const core = this.pc(i).core;
    core.close();
    await core.stopped();
  }

  reopen(i: number): void {
    const pc = this.pc(i);
    pc.core = this.open(pc.dir, pc.port);
  }

  /** A copy of a (closed) PC's whole data folder, as a backup restored onto another PC would be. */
  copyFolder(i: number): string {
    const copy = this.newDir();
    cpSync(this.pc(i).dir, copy, { recursive: true });
    return copy;
  }

  /** Every PC's events as (origin, seq, hash), sorted, one string per PC. */
  digests(): string[] {
    return this.pcs.map((pc) => eventDigest(pc.core));
  }

  async close(): Promise<void> {
    for (const core of this.opened) {
      try {
        core.close();
      } catch {
        // already closed by the test
      }
    }
    for (const link of this.links.values()) await link.close();
    // Each replication process still writes its folder until it has exited.
    await Promise.all(this.opened.map((core) => core.stopped()));
    this.folders.removeAll();
  }
}

export function eventDigest(core: Core): string {
  const rows = core.db.prepare('SELECT origin, seq, hash FROM events ORDER BY origin, seq').all() as { origin: string; seq: number; hash: string }[];
  return rows.map((row) => `${row.origin}:${row.seq}:${row.hash.slice(0, 12)}`).join('\n');
}

export function eventCount(core: Core): number {
  return (core.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
}

export function countOf(core: Core, clinicianId: string): number {
  const board = must(core.call('board.today', {}));
  return board.rows.find((row) => row.clinicianId === clinicianId)?.used ?? -1;
}

/**
 * Writes `count` contacts straight into a PC's own event log in large
 * transactions (as years of use would have left it), spread over past days so
 * no day goes far beyond its cap. Fast enough to seed 50,000 in seconds.
 */
export function seedHistory(dir: string, count: number, options: { clinicians?: number; perDay?: number } = {}): { deviceId: string; clinicianIds: string[] } {
  const core = openTestCore(dir);
  try {
    const clinicianIds: string[] = [];
    for (let c = 0; c < (options.clinicians ?? 5); c++) {
      clinicianIds.push(must(core.call('clinician.create', { name: `Dr Seeded ${String.fromCharCode(65 + c)}${c}`, role: 'salaried_gp' })).id);
    }
    const perDay = options.perDay ?? 20;
    const log = new EventLog(core.store, core.deviceId, () => Date.now());
    const dayMs = 86_400_000;
    const firstDay = Date.now() - Math.ceil(count / (perDay * clinicianIds.length) + 2) * dayMs;
    let written = 0;
    while (written < count) {
      const batch = Math.min(2000, count - written);
      core.store.caches.around(() =>
        core.store.db
          .transaction(() => {
            for (let k = 0; k < batch; k++) {
              const n = written + k;
              const clinicianId = clinicianIds[n % clinicianIds.length] ?? '';
              const dayIndex = Math.floor(n / (perDay * clinicianIds.length));
              const at = firstDay + dayIndex * dayMs + 9 * 3_600_000 + (n % (perDay * clinicianIds.length)) * 60_000;
              const practiceDay = new Date(at).toISOString().slice(0, 10);
              log.append('contact.recorded', { contactId: `seed-${dir.slice(-6)}-${n}`, clinicianId, typeId: 'telephone', counts: true, occurredAt: at, practiceDay, session: 'am', overCapReason: null, recordedBy: 'seed', device: 'Seeded PC', requestId: null, lateReason: null });
            }
          })
          .immediate(),
      );
      written += batch;
    }
    return { deviceId: core.deviceId, clinicianIds };
  } finally {
    core.close();
  }
}
