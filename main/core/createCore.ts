import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { AnswerOf, InputOf, MethodName } from '../../shared/contract.ts';
import type { PushEvents } from '../../shared/events.ts';
import type { AuditTrailStatus, StartupNotice, SystemStatus } from '../../shared/domain.ts';
import { practiceDayOf } from '../../shared/practiceDay.ts';
import type { Envelope } from '../../shared/result.ts';
import { createDispatcher, type AddShellMethods, type PushListener } from './api/dispatch.ts';
import { createHandlers } from './api/handlers.ts';
import { newDeskSession, type Clock, type CoreContext, type CoreFaults, type IdSource, type NetworkControl } from './context.ts';
import { checkIntegrityInBackground, type IntegrityResult } from './db/integrityCheck.ts';
import { createStore, type Store } from './db/store.ts';
import { loadMigrations, schemaVersionOf } from './db/migrations.ts';
import { OWNER_ONLY_FILE } from './db/ownerOnly.ts';
import { configureForWork, explainStorageError, openDatabase, recoveryMarkerOf, type OpenedDatabase } from './db/openDatabase.ts';
import { rebuildWhileRunning } from './db/recovery.ts';
import { eventRules } from './events/salvageRules.ts';
import { errorCodeOf, isCorrupt } from './errors.ts';
import { EventLog } from './events/eventLog.ts';
import { rebuildProjections } from './events/rebuild.ts';
import { finishMaintenance, pendingMaintenance } from './repos/deviceRepo.ts';
import { assignMissingKeys } from './services/clinicians.ts';
import { getDeviceId, insertDevice } from './repos/eventsRepo.ts';
import { NetworkSupervisor, type NetworkOptions } from './network/supervisor.ts';
import { listBackups } from './db/backups.ts';
import { backupFolderOf, backUp, backUpIfDue } from './services/backups.ts';
import { fileSecretKeeper, forkReplication } from './network/processes.ts';
import { projectPending } from './events/pending.ts';
import type { RemoteOutcome } from './events/remote.ts';
import { createAuditTrail } from './services/auditTrail.ts';
import { createErasureFollowUp } from './services/erasureFollowUp.ts';
import { eraseExpired } from './services/identifiers.ts';

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
  /** Check every page of the database in a worker thread after opening (default on). */
  integrityCheck?: 'background' | 'off';
  /** Check the events' hash chain in the background at start and after each catch-up from the network (default on). */
  auditCheck?: 'background' | 'off';
  /** Write due end-of-day exports every minute, if the PC has them turned on (default on). */
  endOfDayTimer?: 'on' | 'off';
  /** The daily backup's timer (tests turn it off and make backups by hand). */
  backupTimer?: 'on' | 'off';
  /** Faults the crash tests inject (a PC stopped part-way through an export); never set in the app. */
  faults?: CoreFaults;
  /**
   * The practice network: how the shell starts the replication process and
   * keeps the secret. By default a Node child process and an owner-only file.
   */
  network?: Partial<Omit<NetworkOptions, 'dataDir'>>;
}

export interface Core {
  /** The one entry point every transport uses. Never throws; methods that build files answer with a promise. */
  invoke(method: string, input?: unknown): Envelope<unknown> | Promise<Envelope<unknown>>;
  /** The same, typed from the contract, for in-process callers. */
  call<M extends MethodName>(method: M, input: InputOf<M>): AnswerOf<M>;
  subscribe(listener: PushListener): () => void;
  /** A shell's own methods (the desktop window's save dialog), answered by the same dispatcher and checked against their own schemas. */
  addShellMethods: AddShellMethods;
  close(): void;
  /** On a clean close, before close(): a backup unless one was made in the last hour. Never throws; gives up after 60 s. */
  backUpBeforeClose(): Promise<void>;
  /** Resolves once the replication process (if any) has exited after close: until then it may still be writing its folder. */
  stopped(): Promise<void>;
  readonly deviceId: string;
  readonly databasePath: string;
  /** The background integrity check's outcome; damage found is also shown as a notice. */
  readonly integrity: Promise<IntegrityResult>;
  /** The events' hash chain: `check()` starts a background check, `settled()` waits for the checks asked for. A broken chain is shown as a notice. */
  readonly auditTrail: { check(): void; settled(): Promise<AuditTrailStatus> };
  /** Erasure of patient identifiers: the retention period's now, and the follow-up of every erasure (overwriting copies) done. */
  readonly identifiers: { eraseExpired(): void; settled(): Promise<void> };
  /** The open connection, for tests and maintenance tools. */
  readonly db: Database.Database;
  /** The connection with the core's one Caches object: what tools that write below the api must use. */
  readonly store: Store;
  /**
   * Another PC's events as its Hypercore holds them (block i is its seq i+1),
   * applied as the practice network applies them: one transaction, duplicates
   * skipped, malformed blocks set aside. For tests and tools; the network calls it itself.
   */
  applyRemoteBlocks(origin: string, start: number, blocks: readonly string[]): RemoteOutcome;
  /** The replication process's id while one runs, else null (tests and support tools). */
  replicationProcessId(): number | null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const systemClock: Clock = { now: () => Date.now() };
export const randomIds: IdSource = { newId: () => randomUUID() };

const DAMAGE_MESSAGE =
  'ContactCap found damage in its database on this PC and could not rebuild it while running. Carry on for now, then close ContactCap and start it again as soon as you can: ' +
  'it will keep the damaged files, untouched, and rebuild its database from them and the latest backup. Tell your practice manager or IT support today.';

/**
 * Builds the core: opens and migrates the database, then exposes the contract's
 * handlers. The Electron shell, the browser host and the tests all use this.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const { opened, deviceId, store: firstStore } = openWithIdentity(options, clock);
  let store = firstStore;
  // Every event names the member of staff signed in at this desk when it was written (null: nobody).
  const session = newDeskSession(clock.now());
  // Mutable only here: a rebuild after damage while running puts a new connection under the same context.
  const ctx: Mutable<CoreContext> = {
    db: store.db,
    caches: store.caches,
    log: new EventLog(store, deviceId, () => clock.now(), () => session.staffId),
    clock,
    ids,
    session,
    network: null as unknown as NetworkControl,
    ...(options.faults ? { faults: options.faults } : {}),
  };
  const notices: StartupNotice[] = [...opened.notices];
  const listeners = new Set<PushListener>();
  let closed = false;

  const push: PushListener = (event, payload) => {
    // After every commit here, this PC's new events go to its own record in the practice network.
    if (!closed) network.afterLocalWrite();
    // An erasure committed here or from another PC: its keys are overwritten in the copies too.
    if (!closed) erasure.afterCommit();
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error('ContactCap: a change listener failed', error);
      }
    }
  };
  /**
   * Damage found while running: the files are copied aside at once and the desk
   * carries on in a database rebuilt from them and the newest good backup (an
   * urgent contact must never be refused). Done once a run; answers whether a
   * new database took over, so a write that failed on the damage can be tried again.
   */
  let rebuiltWhileRunning = false;
  const reportDamage = (detail: string): boolean => {
    if (closed || rebuiltWhileRunning || notices.some((notice) => notice.kind === 'database_damaged')) return false;
    rebuiltWhileRunning = true;
    try {
      const { notice } = rebuildWhileRunning(opened.file, `found while ContactCap was running: ${detail}`, loadMigrations(options.migrationsDir), eventRules, clock.now(), () => {
        check?.cancel();
        try {
          ctx.db.close();
        } catch {
          // Already unusable: the copy has been taken.
        }
      });
      const db = new Database(opened.file, { timeout: options.lockWaitMs ?? 1000 });
      configureForWork(db);
      store = createStore(db);
      runMaintenance(store);
      Object.assign(ctx, { db, caches: store.caches, log: new EventLog(store, ensureDeviceId(store, clock), () => clock.now(), () => session.staffId) });
      notices.push(notice);
      network.afterDatabaseReplaced();
      push('data.changed', { topics: ['system', 'contacts'] });
      return true;
    } catch (error) {
      console.error('ContactCap: the rebuild after damage failed', error);
      writeFileSync(recoveryMarkerOf(opened.file), `Damage found by ContactCap: ${detail}\n`, { mode: OWNER_ONLY_FILE });
      notices.push({ kind: 'database_damaged', file: opened.file, message: DAMAGE_MESSAGE });
      push('data.changed', { topics: ['system'] });
      return false;
    }
  };

  const check = options.integrityCheck === 'off' ? null : checkIntegrityInBackground(opened.file);
  let integrityState: SystemStatus['integrity'] = check ? 'checking' : 'not_checked';
  const integrity: Promise<IntegrityResult> = check
    ? check.result.then((result) => {
        integrityState = result.status;
        if (result.status === 'damaged') reportDamage(result.detail);
        return result;
      })
    : Promise.resolve({ status: 'not_checked', detail: 'switched off for this run' });

  // Once reported, a broken audit trail stays on screen until ContactCap is closed: a later check can add to it, never clear it.
  const auditTrail = createAuditTrail(ctx, {
    broken(message) {
      if (closed || notices.some((notice) => notice.kind === 'audit_trail_broken' && notice.message === message)) return;
      notices.push({ kind: 'audit_trail_broken', file: opened.file, message });
      push('data.changed', { topics: ['system'] });
    },
    failed(error) {
      if (isCorrupt(errorCodeOf(error))) reportDamage(String(error));
      else console.error('ContactCap: the audit trail could not be checked', error);
    },
  });
  const checkAuditTrail = () => {
    if (options.auditCheck !== 'off') auditTrail.check();
  };

  const network = new NetworkSupervisor(
    ctx,
    {
      ...options.network,
      dataDir: options.dataDir,
      spawn: options.network?.spawn ?? (() => forkReplication()),
      secrets: options.network?.secrets ?? fileSecretKeeper(options.dataDir),
    },
    // Another PC's events: no window has them, so every window reads again (no version to compare).
    (topics) => push('data.changed', { topics }),
    (message) => {
      notices.push({ kind: 'network_identity', file: opened.file, message });
      push('data.changed', { topics: ['system'] });
    },
    checkAuditTrail,
  );
  ctx.network = network;
  const erasure = createErasureFollowUp(ctx, opened.file, options.dataDir);

  const status = (context: CoreContext): SystemStatus => {
    const now = context.clock.now();
    return {
      appVersion: options.appVersion ?? '0.0.0',
      deviceId: context.log.origin,
      databasePath: opened.file,
      schemaVersion: schemaVersionOf(context.db),
      now: new Date(now).toISOString(),
      today: practiceDayOf(now),
      notices,
      integrity: integrityState,
      audit: auditTrail.status(),
    };
  };
  const { invoke, addShellMethods } = createDispatcher(ctx, createHandlers(status, opened.file), push, (error) => reportDamage(String(error)));
  // Clinicians from before keys were their own get one now, so every row on the board has a key that stays.
  // Damage the first reads meet is rebuilt at once, like damage found later.
  const onceMoreAfterRebuild = (work: () => void) => {
    try {
      work();
    } catch (error) {
      if (!(isCorrupt(errorCodeOf(error)) && reportDamage(String(error)))) throw error;
      work();
    }
  };
  onceMoreAfterRebuild(() => assignMissingKeys(ctx));

  // The end-of-day export catches up shortly after start, then checks every minute.
  const timers =
    options.endOfDayTimer === 'off'
      ? []
      : [setTimeout(() => void invoke('export.runEndOfDay', {}), 15_000), setInterval(() => void invoke('export.runEndOfDay', {}), 60_000)];
  // Today's backup, a minute after start and then each hour: the first chance each practice day.
  if (options.backupTimer !== 'off') {
    const look = () => {
      if (!closed) void backUpIfDue(ctx, opened.file);
    };
    timers.push(setTimeout(look, 60_000), setInterval(look, 60 * 60_000));
  }
  // Identifiers past the practice's retention period: at start, then every ten minutes.
  const expire = () => {
    if (closed) return;
    // Copies made since the last look (a backup that was being made while an erasure ran) are searched too.
    erasure.sweep('new');
    try {
      // Windows showing the records or the Identifiers page read again.
      if (eraseExpired(ctx) > 0) push('data.changed', { topics: ['redirections', 'reports'] });
    } catch (error) {
      if (isCorrupt(errorCodeOf(error))) reportDamage(String(error));
      else console.error('ContactCap: identifiers past the retention period could not be erased now; trying again in ten minutes', error);
    }
    erasure.afterCommit();
  };
  timers.push(setInterval(expire, 10 * 60_000));
  for (const timer of timers) timer.unref();
  // Past the retention period at start; a failure other than damage (a full disk) never stops the desk opening.
  onceMoreAfterRebuild(() => {
    try {
      eraseExpired(ctx);
    } catch (error) {
      if (isCorrupt(errorCodeOf(error))) throw error;
      console.error('ContactCap: identifiers past the retention period could not be erased at start; trying again in ten minutes', error);
    }
  });
  erasure.afterCommit();
  erasure.sweep('start');
  onceMoreAfterRebuild(() => network.startIfJoined());
  checkAuditTrail();

  return {
    invoke,
    call: <M extends MethodName>(method: M, input: InputOf<M>) => invoke(method, input) as AnswerOf<M>,
    addShellMethods,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async backUpBeforeClose() {
      if (closed) return;
      const newest = listBackups(backupFolderOf(opened.file))[0];
      if (newest && clock.now() - Date.parse(newest.createdAt) < 60 * 60_000) return;
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 60_000);
      });
      await Promise.race([backUp(ctx, opened.file, 'close').then(() => undefined, () => undefined), limit]);
      clearTimeout(timer);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      check?.cancel();
      auditTrail.close();
      network.close();
      listeners.clear();
      try {
        // A clean close leaves the .db file complete on its own: the write-ahead log copied in and emptied.
        ctx.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy or read-only: the log stays beside the file, and SQLite reads it at the next start.
      }
      if (ctx.db.open) ctx.db.close();
      opened.lock.release();
    },
    stopped: () => network.whenStopped(),
    applyRemoteBlocks: (origin, start, blocks) => network.applyBlocks(origin, start, blocks),
    replicationProcessId: () => network.processId(),
    get deviceId() {
      return ctx.log.origin;
    },
    databasePath: opened.file,
    integrity,
    auditTrail: { check: () => auditTrail.check(), settled: () => auditTrail.settled() },
    identifiers: { eraseExpired: expire, settled: () => erasure.settled() },
    get db() {
      return ctx.db;
    },
    get store() {
      return store;
    },
  };
}

export type { PushEvents };
export type { ReplicationChannel, SecretKeeper } from './network/supervisor.ts';
export { fileSecretKeeper } from './network/processes.ts';
/** What the shells need from below the core's front door, passed on here so they reach no lower. */
export { chooseDataDir } from './db/dataDir.ts';

/**
 * Opens the database and reads who this install is. Damage that only shows up
 * in these first reads is handled like damage found at open: the file is set
 * aside, untouched, and a new one started.
 */
function openWithIdentity(options: CoreOptions, clock: Clock): { opened: OpenedDatabase; deviceId: string; store: Store } {
  const open = () =>
    openDatabase({
      dataDir: options.dataDir,
      migrations: loadMigrations(options.migrationsDir),
      now: () => clock.now(),
      eventRules,
      ...(options.lockAttempts === undefined ? {} : { lockAttempts: options.lockAttempts }),
      ...(options.lockWaitMs === undefined ? {} : { lockWaitMs: options.lockWaitMs }),
    });
  for (let attempt = 1; ; attempt++) {
    const opened = open();
    const store = createStore(opened.db);
    try {
      runMaintenance(store);
      const deviceId = ensureDeviceId(store, clock);
      // The event log reads the newest clock value at start: part of the same check.
      new EventLog(store, deviceId, () => clock.now());
      return { opened, deviceId, store };
    } catch (error) {
      opened.db.close();
      opened.lock.release();
      if (attempt === 1 && isCorrupt(errorCodeOf(error))) {
        writeFileSync(recoveryMarkerOf(opened.file), `Damage found while starting: ${String(error)}\n`, { mode: OWNER_ONLY_FILE });
        continue;
      }
      throw explainStorageError(error, options.dataDir);
    }
  }
}

/** Work a migration asked for, such as refilling reshaped projections from the event log. */
function runMaintenance(store: Store): void {
  for (const task of pendingMaintenance(store)) {
    store.caches.around(() =>
      store.db
        .transaction(() => {
          if (task === 'rebuild_projections') rebuildProjections(store);
          finishMaintenance(store, task);
        })
        .immediate(),
    );
  }
  // Events another PC sent with a type the version before this one did not know.
  store.caches.around(() => store.db.transaction(() => projectPending(store)).immediate());
}

function ensureDeviceId(store: Store, clock: Clock): string {
  const existing = getDeviceId(store);
  if (existing) return existing;
  const deviceId = randomBytes(8).toString('hex');
  store.db.transaction(() => insertDevice(store, deviceId, clock.now())).immediate();
  return deviceId;
}
