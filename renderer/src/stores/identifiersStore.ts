import { create } from 'zustand';
import type { Topic } from '../../../shared/events.ts';
import type { ErasureOutcome, ErasureReason, IdentifierRecord, IdentifierSummary } from '../../../shared/identifiers.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { errorOf, type FormError } from './result.ts';

/** A search as typed: '' in a box means it is not searched by. */
export interface IdentifierQuery {
  nhsNumber: string;
  text: string;
}

export const NO_QUERY: IdentifierQuery = { nhsNumber: '', text: '' };

/** Whether a search narrows the list (then only records still holding identifiers are found). */
export function isSearch(query: IdentifierQuery): boolean {
  return query.nhsNumber.trim() !== '' || query.text.trim() !== '';
}

/** A record whose identifiers can still be erased: held here, or held on a PC this one has not heard from. */
export function canErase(record: IdentifierRecord): boolean {
  return record.state !== 'erased';
}

/**
 * The records found, with those erased from this page since the search stay
 * listed as erased: a search finds only records still holding identifiers,
 * and a row that vanished the moment it was erased would leave the manager
 * unsure what happened to it. Newest first, as the core lists them.
 */
export function withErased(found: readonly IdentifierRecord[], erased: readonly IdentifierRecord[]): IdentifierRecord[] {
  const listed = new Set(found.map((record) => record.recordId));
  const gone = erased.filter((record) => !listed.has(record.recordId));
  if (gone.length === 0) return [...found];
  return [...found, ...gone].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
}

function erasedCopy(record: IdentifierRecord): IdentifierRecord {
  return { ...record, state: 'erased', nhsNumber: null, note: '' };
}

/** What changes the page: a record made, voided or erased anywhere, the retention period, and who is signed in. */
const WATCHED: ReadonlySet<Topic> = new Set(['redirections', 'settings', 'session', 'staff']);

interface IdentifiersState {
  summary: IdentifierSummary | null;
  /** The core's refusal or failure to say what is held (not signed in as a manager, say). */
  summaryError: string | null;
  /** The records listed for `query`, newest first; null until the first answer. */
  records: IdentifierRecord[] | null;
  /** The search `records` answers. */
  query: IdentifierQuery;
  /** The core's refusal of the last search, with its field (a mistyped NHS number). */
  findError: FormError | null;
  /** Records erased from this page since the search was made: they stay listed, as erased. */
  erasedHere: IdentifierRecord[];
  /** The records ticked, by id: only ones listed whose identifiers can still be erased. */
  chosen: string[];
  /** The summary, and the list for the search showing. */
  load: () => Promise<void>;
  /** A new search (NO_QUERY: every record holding identifiers); what was ticked and still listed stays ticked. */
  find: (query: IdentifierQuery) => Promise<Envelope<IdentifierRecord[]>>;
  choose: (recordId: string, on: boolean) => void;
  /** Ticks every record listed that can be erased, or none. */
  chooseAll: (on: boolean) => void;
  /** Erases the records ticked, for this reason; they stay listed, as erased. */
  erase: (why: ErasureReason) => Promise<Envelope<ErasureOutcome>>;
  /** While the page is open: read again when records, settings or who is signed in change. */
  watch: () => () => void;
}

/** Settings → Patient identifiers: what this PC holds, a search, and erasure on request. */
export const useIdentifiersStore = create<IdentifiersState>()((set, get) => {
  // Only the newest search's answer is shown: a slow answer to an older one is dropped.
  let asked = 0;
  // The search last asked for, which a reading again repeats (`query` is the one last answered).
  let wanted: IdentifierQuery = NO_QUERY;

  async function search(query: IdentifierQuery): Promise<Envelope<IdentifierRecord[]>> {
    const mine = ++asked;
    wanted = query;
    const nhsNumber = query.nhsNumber.trim();
    const text = query.text.trim();
    const result = await api().call('identifiers.find', { ...(nhsNumber === '' ? {} : { nhsNumber }), ...(text === '' ? {} : { text }) });
    if (mine !== asked) return result;
    if (!result.ok) {
      set({ findError: errorOf(result) });
      return result;
    }
    const records = withErased(result.value, get().erasedHere);
    const open = new Set(records.filter(canErase).map((record) => record.recordId));
    set({ records, query, findError: null, chosen: get().chosen.filter((id) => open.has(id)) });
    return result;
  }

  async function loadSummary(): Promise<void> {
    const result = await api().call('identifiers.summary', {});
    if (result.ok) set({ summary: result.value, summaryError: null });
    else set({ summary: null, summaryError: result.error.message });
  }

  return {
    summary: null,
    summaryError: null,
    records: null,
    query: NO_QUERY,
    findError: null,
    erasedHere: [],
    chosen: [],
    async load() {
      await Promise.all([loadSummary(), search(wanted)]);
    },
    find(query) {
      set({ erasedHere: [] });
      return search(query);
    },
    choose(recordId, on) {
      const { chosen, records } = get();
      if (!on) set({ chosen: chosen.filter((id) => id !== recordId) });
      else if (!chosen.includes(recordId) && records?.some((record) => record.recordId === recordId && canErase(record))) set({ chosen: [...chosen, recordId] });
    },
    chooseAll(on) {
      set({ chosen: on ? (get().records ?? []).filter(canErase).map((record) => record.recordId) : [] });
    },
    async erase(why) {
      const ids = get().chosen;
      const result = await api().call('identifiers.erase', { recordIds: ids, why });
      if (!result.ok) return result;
      const gone = new Set(ids);
      const records = (get().records ?? []).map((record) => (gone.has(record.recordId) ? erasedCopy(record) : record));
      const erasedHere = [...get().erasedHere.filter((record) => !gone.has(record.recordId)), ...records.filter((record) => gone.has(record.recordId))];
      set({ records, erasedHere, chosen: get().chosen.filter((id) => !gone.has(id)) });
      void get().load();
      return result;
    },
    watch: () =>
      api().on('data.changed', ({ topics }) => {
        if (topics.some((topic) => WATCHED.has(topic))) void get().load();
      }),
  };
});
