import { useState } from 'react';
import { create } from 'zustand';
import type { InputOf, ResultOf } from '../../../shared/contract.ts';
import type { Board, Contact, Deferral, DeskToday, Redirection } from '../../../shared/domain.ts';
import type { PushEvents } from '../../../shared/events.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';
import { withNewestFirst } from './newestFirst.ts';
import { withUnchangedRows } from './sameRows.ts';

export type EntryKind = 'contact' | 'redirection' | 'deferral';

export interface LastAction {
  kind: EntryKind;
  id: string;
  /** A whole sentence: "Telephone contact recorded for Dr Ada Patel." */
  sentence: string;
  at: number;
}

/** How long the desk can undo its last action with one key. */
export const UNDO_WINDOW_MS = 10_000;
export const UNDO_REASON = 'Undone at the desk straight after recording';
/** The reason kept on a contact over the cap from two PCs when its patient is redirected instead. */
export const REDIRECTED_INSTEAD_REASON = 'Redirected: recorded while the PCs could not see each other';

/** Waits between tries when ContactCap does not answer: about 20 seconds in all before the desk says so. */
export const RETRY_DELAYS_MS = [250, 750, 1500, 3000, 5000, 10_000];

type RecordMethod = 'contact.record' | 'redirection.record' | 'deferral.record';

/** The things a desk records, with the fields only the store adds left out. */
export type RecordInput<M extends RecordMethod> = Omit<InputOf<M>, 'requestId' | 'withBoard'>;

interface DeskState {
  board: Board | null;
  contacts: Contact[];
  redirections: Redirection[];
  deferrals: Deferral[];
  /** The newest change the board and the lists include (see shared/events.ts). */
  boardVersion: string;
  listsVersion: string;
  loadError: string | null;
  lastAction: LastAction | null;
  /** What the last undo did, in a sentence, until the next record. */
  undone: string | null;
  /** While a record waits for its answer, and how many times it has been sent. */
  saving: { label: string; clinicianId: string | null; attempt: number } | null;
  refresh: () => Promise<void>;
  applyPushes: (pushes: readonly PushEvents['data.changed'][]) => Promise<void>;
  record: <M extends RecordMethod>(method: M, input: RecordInput<M>, label: { saving: string; done: string }, requestId?: string) => Promise<Envelope<ResultOf<M>>>;
  voidEntry: (kind: EntryKind, id: string, reason: string) => Promise<Envelope<unknown>>;
  /**
   * A contact over the cap from two PCs: its patient is redirected, then the
   * contact is voided with REDIRECTED_INSTEAD_REASON. `voidError` says why the
   * void failed, if it did (the redirection stands).
   */
  redirectInstead: (
    contactId: string,
    input: RecordInput<'redirection.record'>,
    label: { saving: string; done: string },
  ) => Promise<{ result: Envelope<ResultOf<'redirection.record'>>; voidError: string | null }>;
  undo: (now: number) => Promise<Envelope<unknown> | null>;
}

/** One id per thing the receptionist meant to record: a retry with it never records twice. */
export function newRequestId(): string {
  return `desk-${crypto.randomUUID()}`;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A record's answer without the board it carried. */
function withoutBoard<T extends object>(answer: T & { board?: Board }): T {
  const copy: T & { board?: Board } = { ...answer };
  delete copy.board;
  return copy;
}

/** Adds a just-recorded entry to today's list, newest first, once only. */
function withEntry<T extends { id: string; occurredAt: string; practiceDay: string }>(list: T[], entry: T, today: string | undefined): T[] {
  return entry.practiceDay === today ? withNewestFirst(list, entry) : list;
}

/**
 * The reception desk: today's board and everything recorded at the desk today.
 * A record costs one round trip: its answer carries the board after it, and the
 * entry joins the list here. The push that follows is then already known and
 * asks for nothing (see applyPushes).
 */
export const useDeskStore = create<DeskState>()((set, get) => {
  /** Versions this window wrote itself, and has already shown. */
  const own = new Set<string>();

  const refresh = coalesce(async () => {
    const desk = await api().call('desk.today', {});
    if (!desk.ok) {
      set({ loadError: desk.error.message });
      return;
    }
    const value: DeskToday = desk.value;
    set({
      board: withUnchangedRows(get().board, value.board),
      contacts: value.contacts,
      redirections: value.redirections,
      deferrals: value.deferrals,
      boardVersion: value.board.version,
      listsVersion: value.board.version,
      loadError: null,
    });
  });

  const remember = (kind: EntryKind, id: string, sentence: string) => set({ lastAction: { kind, id, sentence, at: Date.now() }, undone: null });

  /** What an answer brings: the board after the write, and the new entry for today's list. */
  function applyAnswer(method: RecordMethod, value: unknown): void {
    const board = (value as { board?: Board }).board;
    const today = board?.day ?? get().board?.day;
    if (board) {
      own.add(board.version);
      if (own.size > 200) own.delete(own.values().next().value ?? '');
      if (board.version > get().boardVersion) set({ board: withUnchangedRows(get().board, board), boardVersion: board.version });
    }
    if (method === 'contact.record') {
      set({ contacts: withEntry(get().contacts, withoutBoard(value as Contact & { board?: Board }), today) });
    } else if (method === 'redirection.record') {
      const { redirection } = value as { redirection: Redirection };
      set({ redirections: withEntry(get().redirections, redirection, today) });
    } else {
      set({ deferrals: withEntry(get().deferrals, withoutBoard(value as Deferral & { board?: Board }), today) });
    }
  }

  return {
    board: null,
    contacts: [],
    redirections: [],
    deferrals: [],
    boardVersion: '',
    listsVersion: '',
    loadError: null,
    lastAction: null,
    undone: null,
    saving: null,
    refresh,

    /**
     * Pushes in the order they came. A change this window already holds asks for
     * nothing; one it wrote itself, straight after what it held, moves its lists
     * on without asking; anything else fetches the desk once.
     */
    async applyPushes(pushes) {
      let stale = false;
      for (const push of pushes) {
        const version = push.version ?? '';
        const { boardVersion, listsVersion } = get();
        if (version === '' || version > boardVersion) stale = true;
        if (version !== '' && version <= listsVersion) continue;
        if (own.has(version) && push.previous === listsVersion) set({ listsVersion: version });
        else stale = true;
      }
      if (stale) await refresh();
    },

    async record<M extends RecordMethod>(method: M, input: RecordInput<M>, label: { saving: string; done: string }, requestId = newRequestId()) {
      const clinicianId = (input as { clinicianId?: unknown }).clinicianId;
      set({ saving: { label: label.saving, clinicianId: typeof clinicianId === 'string' ? clinicianId : null, attempt: 1 } });
      // The same request id every time: if an earlier try was saved and only its answer lost, the core answers with that one.
      const send = (): Promise<Envelope<unknown>> => api().call(method, { ...input, requestId, withBoard: true } as never);
      let result = await send();
      for (const delay of RETRY_DELAYS_MS) {
        if (result.ok || result.error.code !== 'unreachable') break;
        await wait(delay);
        set((state) => ({ saving: state.saving ? { ...state.saving, attempt: state.saving.attempt + 1 } : null }));
        result = await send();
      }
      set({ saving: null });
      if (result.ok) {
        applyAnswer(method, result.value);
        const id = method === 'redirection.record' ? (result.value as { redirection: Redirection }).redirection.id : (result.value as { id: string }).id;
        remember(method === 'contact.record' ? 'contact' : method === 'redirection.record' ? 'redirection' : 'deferral', id, label.done);
      }
      return result as Envelope<ResultOf<M>>;
    },

    async voidEntry(kind, id, reason) {
      const result =
        kind === 'contact'
          ? await api().call('contact.void', { contactId: id, reason })
          : kind === 'redirection'
            ? await api().call('redirection.void', { redirectionId: id, reason })
            : await api().call('deferral.void', { deferralId: id, reason });
      if (result.ok) {
        if (get().lastAction?.id === id) set({ lastAction: null });
        // A void can change who else is over the cap: the whole desk is read again.
        void refresh();
      }
      return result;
    },

    async redirectInstead(contactId, input, label) {
      const result = await get().record('redirection.record', input, label);
      if (!result.ok) return { result, voidError: null };
      const voided = await get().voidEntry('contact', contactId, REDIRECTED_INSTEAD_REASON);
      // Undo would take back the redirection and leave the contact voided: the pair is not offered for Undo.
      set({ lastAction: null });
      return { result, voidError: voided.ok ? null : voided.error.message };
    },

    async undo(now) {
      const last = get().lastAction;
      if (!last || now - last.at > UNDO_WINDOW_MS) return null;
      const result = await get().voidEntry(last.kind, last.id, UNDO_REASON);
      set({ undone: result.ok ? `Undone, and kept in the history as voided: ${last.sentence}` : `Not undone: ${result.error.message}` });
      return result;
    },
  };
});

/** Today's practice day, for any screen: it follows the desk's board, which turns over at midnight. */
export function useToday(): string {
  const [openedOn] = useState(() => practiceDayOf(Date.now()));
  return useDeskStore((state) => state.board?.day) ?? openedOn;
}
