import type Database from 'better-sqlite3';

/**
 * What a change touched, as far as anything kept in memory cares:
 * - `config`: clinicians, settings, the rota, contact types, the directory;
 * - `contact`: one clinician's contacts on one practice day;
 * - `contacts`: any contact (a void names no day);
 * - `device`: this PC's own settings;
 * - `everything`: a rebuild, or a transaction whose outcome is not known.
 */
export type Change =
  | { kind: 'config' }
  | { kind: 'contact'; day: string; clinicianId: string }
  | { kind: 'contacts' }
  | { kind: 'device' }
  | { kind: 'everything' };

export type CacheTopic = 'config' | 'contacts' | 'device';

const TOPICS_OF: Record<Change['kind'], readonly CacheTopic[]> = {
  config: ['config'],
  contact: ['contacts'],
  contacts: ['contacts'],
  device: ['device'],
  everything: ['config', 'contacts', 'device'],
};

/**
 * A named place in the caches for one kind of kept value. `make` gives a new,
 * empty holder; the holder is dropped whenever a change touches one of
 * `clearedBy`, and made again on next use. A slot cleared by nothing is never
 * dropped: it checks its own inputs (each clinician's day) or holds state that
 * is not data (whether an end-of-day run is under way). Slots are declared once, beside the
 * code that reads them, and live in the one Caches object of a core.
 */
export class CacheSlot<T> {
  readonly name: string;
  readonly clearedBy: readonly CacheTopic[];
  readonly make: () => T;

  constructor(name: string, clearedBy: readonly CacheTopic[], make: () => T) {
    this.name = name;
    this.clearedBy = clearedBy;
    this.make = make;
  }
}

/**
 * Everything the core keeps in memory between calls, in one object that
 * createCore makes and the context carries. Nothing else in the core keeps
 * state per connection.
 *
 * It is told of every change in one place: the projector, as each event is
 * applied (by any path: a local write, a replay, another PC's events), and
 * this PC's own settings when they are set. What it is told stands once
 * write() sees the transaction commit; a transaction that changed something
 * and ended any other way (rolled back, or opened outside write()) makes the
 * next read drop everything.
 */
export class Caches {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly slots = new Map<CacheSlot<unknown>, unknown>();
  private readonly counters: Record<CacheTopic, number> = { config: 0, contacts: 0, device: 0 };
  /** One clock for contact changes: each clinician's day keeps the tick of its last change. */
  private tick = 0;
  private allContactsAt = 0;
  private readonly contactDays = new Map<string, number>();
  /** A change was seen inside a transaction that has not yet been seen to commit. */
  private changedInOpenTransaction = false;

  constructor(db: Database.Database) {
    this.db = db;
  }

  /** A prepared statement, compiled once per connection. Never dropped: it holds no data. */
  statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /** The holder for a slot, made on first use and after every change it is cleared by. */
  slot<T>(slot: CacheSlot<T>): T {
    this.settle();
    if (this.slots.has(slot)) return this.slots.get(slot) as T;
    const made = slot.make();
    this.slots.set(slot, made);
    return made;
  }

  /** Goes up with every change to the topic. */
  version(topic: CacheTopic): number {
    this.settle();
    return this.counters[topic];
  }

  /** Goes up with every change to one clinician's contacts on one practice day, and with every change to all contacts. */
  contactDayVersion(day: string, clinicianId: string): number {
    this.settle();
    return Math.max(this.contactDays.get(`${day}|${clinicianId}`) ?? 0, this.allContactsAt);
  }

  /** The one way in for news of a change. */
  changed(change: Change): void {
    if (this.db.inTransaction) this.changedInOpenTransaction = true;
    if (change.kind === 'contact') {
      this.contactDays.set(`${change.day}|${change.clinicianId}`, ++this.tick);
    } else if (change.kind === 'contacts' || change.kind === 'everything') {
      this.contactDays.clear();
      this.allContactsAt = ++this.tick;
    }
    const topics = TOPICS_OF[change.kind];
    for (const topic of topics) this.counters[topic]++;
    for (const slot of this.slots.keys()) {
      if (slot.clearedBy.some((topic) => topics.includes(topic))) this.slots.delete(slot);
    }
  }

  /**
   * Runs a transaction (write(), a maintenance step, a rebuild, a batch from
   * another PC). Before an outermost one starts, a transaction that ended
   * unseen is settled (reads inside a transaction cannot settle). If it fails,
   * whether the whole transaction or a savepoint rolled back, everything kept
   * since a change in it is dropped at once; once the outermost commits, what
   * was seen inside it stands.
   */
  around<T>(run: () => T): T {
    const outermost = !this.db.inTransaction;
    if (outermost) this.settle();
    let result: T;
    try {
      result = run();
    } catch (error) {
      if (this.changedInOpenTransaction) this.changed({ kind: 'everything' });
      if (outermost) this.changedInOpenTransaction = false;
      throw error;
    }
    if (outermost) this.changedInOpenTransaction = false;
    return result;
  }

  /** A transaction changed something and has ended without being seen to commit (a rollback, or one opened outside write()): trust nothing kept. */
  private settle(): void {
    if (this.changedInOpenTransaction && !this.db.inTransaction) {
      this.changedInOpenTransaction = false;
      this.changed({ kind: 'everything' });
    }
  }
}
