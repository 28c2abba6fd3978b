import type { Store } from '../db/store.ts';
import { statement } from '../db/store.ts';
import { listChains, type ChainRow } from '../repos/chainsRepo.ts';
import type { StoredEvent } from '../repos/eventsRepo.ts';
import { CHAIN_GENESIS, hashEvent } from './eventLog.ts';

/**
 * What is wrong at a run of one PC's sequence numbers:
 * - changed: the event's stored contents no longer give its hash (or it is not in the format its place requires);
 * - missing: no event is held there, and none was set aside as it came from the network;
 * - relinked: the event's link is not the hash of the event before it (that one was changed, removed or put in);
 * - inserted: events this database never recorded taking in (past the newest it wrote, or from a PC it has no record of).
 */
export type ChainProblemKind = 'changed' | 'missing' | 'relinked' | 'inserted';

export interface ChainProblem {
  origin: string;
  kind: ChainProblemKind;
  from: number;
  to: number;
}

export interface ChainReport {
  events: number;
  origins: number;
  problems: ChainProblem[];
  /** Sequence numbers in trouble beyond the runs listed. */
  unlisted: number;
  /** Rows that no longer say, as text, which PC wrote them (a damaged page): no chain can place them. */
  unplaced: number;
}

/** More than this many runs of trouble are summed up, not listed: mass damage must not fill the memory. */
const MAX_PROBLEMS = 500;

const PAGE = `SELECT origin, seq, hlc, wall_time AS wallTime, type, schema_version AS schemaVersion, body, hash, actor, prev_hash AS prevHash
  FROM events WHERE (origin, seq) > (?, ?) ORDER BY origin, seq LIMIT ?`;

interface OriginState {
  origin: string;
  chain: ChainRow | undefined;
  lastSeq: number;
  /** The hash the next event must link to, or null when the one before it is not held. */
  link: string | null;
  lastHash: string | null;
}

/**
 * Checks every PC's events in this database: a gapless sequence from 1 (gaps
 * the network set aside excepted), every hash recomputed from the stored
 * contents, every link matching the event before, and the newest event of
 * each PC the one this database recorded writing. It reads a page at a time
 * (`step`), so the caller can spread a five-year database over many turns and
 * the desk is never held up; events written meanwhile are checked as they
 * come, since they only ever go at the end of a PC's run.
 */
export class ChainVerifier {
  private readonly store: Store;
  private after: [string, number] = ['', 0];
  private current: OriginState | null = null;
  private readonly seen = new Set<string>();
  private events = 0;
  private readonly problems: ChainProblem[] = [];
  private overflow = 0;
  private unplaced = 0;
  private done = false;

  constructor(store: Store) {
    this.store = store;
  }

  /** Checks up to `pageSize` more events; true once every event has been checked. */
  step(pageSize = 2_000): boolean {
    if (this.done) return true;
    const rows = statement(this.store, PAGE).all(this.after[0], this.after[1], pageSize) as StoredEvent[];
    for (const row of rows) this.check(row);
    const last = rows.at(-1);
    if (last) this.after = [last.origin, last.seq];
    if (rows.length < pageSize) {
      this.finishOrigin();
      // Paging by (origin, seq) passes over an origin that is not text; they are counted here instead,
      // from the table's own b-tree (the covering index on hlc would answer from pages of its own).
      this.unplaced = statement(this.store, "SELECT count(*) FROM events INDEXED BY sqlite_autoindex_events_1 WHERE typeof(origin) <> 'text'").pluck().get() as number;
      for (const chain of listChains(this.store)) {
        // A PC whose every event has gone.
        if (!this.seen.has(chain.origin)) this.missing(chain.origin, 1, chain.headSeq);
      }
      this.done = true;
    }
    return this.done;
  }

  /** Runs to the end in one go (tests, tools and the bench). */
  runToEnd(pageSize?: number): ChainReport {
    while (!this.step(pageSize));
    return this.report();
  }

  report(): ChainReport {
    return { events: this.events, origins: this.seen.size, problems: this.problems.map((problem) => ({ ...problem })), unlisted: this.overflow, unplaced: this.unplaced };
  }

  private check(row: StoredEvent): void {
    if (typeof row.origin !== 'string') return;
    this.events++;
    if (this.current?.origin !== row.origin) this.startOrigin(row.origin);
    const state = this.current as OriginState;
    if (typeof row.seq !== 'number' || !Number.isSafeInteger(row.seq) || row.seq <= state.lastSeq) {
      this.add(row.origin, 'changed', state.lastSeq + 1, state.lastSeq + 1);
      return;
    }
    if (row.seq > state.lastSeq + 1) {
      this.missing(row.origin, state.lastSeq + 1, row.seq - 1);
      state.link = null;
    }
    const chained = row.seq >= (state.chain?.chainFrom ?? 1);
    const intact = chained
      ? typeof row.prevHash === 'string' && hashEvent(row, true) === row.hash
      : row.prevHash === null && row.actor === null && hashEvent(row, false) === row.hash;
    if (!intact) this.add(row.origin, 'changed', row.seq, row.seq);
    else if (chained && state.link !== null && row.prevHash !== state.link) this.add(row.origin, 'relinked', row.seq, row.seq);
    state.lastSeq = row.seq;
    state.lastHash = row.hash;
    state.link = row.hash;
  }

  private startOrigin(origin: string): void {
    this.finishOrigin();
    const chain = statement(this.store, 'SELECT origin, chain_from AS chainFrom, head_seq AS headSeq, head_hash AS headHash FROM event_chains WHERE origin = ?').get(origin) as
      | ChainRow
      | undefined;
    this.current = { origin, chain, lastSeq: 0, link: CHAIN_GENESIS, lastHash: null };
    this.seen.add(origin);
  }

  /** The newest event held against the newest this database recorded, read now: events written meanwhile have already been checked. */
  private finishOrigin(): void {
    const state = this.current;
    if (!state) return;
    this.current = null;
    const head = statement(this.store, 'SELECT head_seq AS headSeq, head_hash AS headHash FROM event_chains WHERE origin = ?').get(state.origin) as
      | { headSeq: number; headHash: string }
      | undefined;
    if (!head) {
      this.add(state.origin, 'inserted', 1, state.lastSeq);
      return;
    }
    if (state.lastSeq < head.headSeq) this.missing(state.origin, state.lastSeq + 1, head.headSeq);
    else if (state.lastSeq > head.headSeq) this.add(state.origin, 'inserted', head.headSeq + 1, state.lastSeq);
    else if (state.lastHash !== head.headHash) this.add(state.origin, 'changed', state.lastSeq, state.lastSeq);
  }

  /** A gap, less the places the network set aside (already reported as such on the network page). */
  private missing(origin: string, from: number, to: number): void {
    const setAside = new Set(
      statement(this.store, 'SELECT seq FROM network_set_aside WHERE origin = ? AND seq BETWEEN ? AND ?').pluck().all(origin, from, to) as number[],
    );
    let start: number | null = null;
    for (let seq = from; seq <= to + 1; seq++) {
      const gone = seq <= to && !setAside.has(seq);
      if (gone && start === null) start = seq;
      if (!gone && start !== null) {
        this.add(origin, 'missing', start, seq - 1);
        start = null;
      }
      // A long gap with nothing set aside is one run: no need to walk it.
      if (setAside.size === 0 && start !== null) {
        this.add(origin, 'missing', start, to);
        return;
      }
    }
  }

  private add(origin: string, kind: ChainProblemKind, from: number, to: number): void {
    const last = this.problems.at(-1);
    if (last && last.origin === origin && last.kind === kind && from <= last.to + 1) {
      last.to = Math.max(last.to, to);
      return;
    }
    if (this.problems.length >= MAX_PROBLEMS) {
      this.overflow += to - from + 1;
      return;
    }
    this.problems.push({ origin, kind, from, to });
  }
}
