import { useState } from 'react';
import { create } from 'zustand';
import type { InputOf } from '../../../shared/contract.ts';
import type { Board, Contact, Deferral, Redirection } from '../../../shared/domain.ts';
import { practiceDayOf } from '../../../shared/practiceDay.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

export type EntryKind = 'contact' | 'redirection' | 'deferral';

export interface LastAction {
  kind: EntryKind;
  id: string;
  label: string;
  at: number;
}

/** How long the desk can undo its last action with one key. */
export const UNDO_WINDOW_MS = 10_000;
export const UNDO_REASON = 'Undone at the desk straight after recording';

interface DeskState {
  board: Board | null;
  contacts: Contact[];
  redirections: Redirection[];
  deferrals: Deferral[];
  loadError: string | null;
  lastAction: LastAction | null;
  refresh: () => Promise<void>;
  recordContact: (input: InputOf<'contact.record'>, label: string) => Promise<Envelope<Contact>>;
  recordRedirection: (input: InputOf<'redirection.record'>, label: string) => Promise<Envelope<{ redirection: Redirection; warnings: string[] }>>;
  recordDeferral: (input: InputOf<'deferral.record'>, label: string) => Promise<Envelope<Deferral>>;
  voidEntry: (kind: EntryKind, id: string, reason: string) => Promise<Envelope<unknown>>;
  undo: (now: number) => Promise<Envelope<unknown> | null>;
}

/** The reception desk: today's board and everything recorded at the desk today. */
export const useDeskStore = create<DeskState>()((set, get) => {
  // The board first, on its own: the counts a receptionist is waiting for show as soon as they arrive.
  const refreshBoard = coalesce(async () => {
    const board = await api().call('board.today', {});
    if (board.ok) set({ board: board.value, loadError: null });
    else set({ loadError: board.error.message });
  });
  const refreshLists = coalesce(async () => {
    const [contacts, redirections, deferrals] = await Promise.all([
      api().call('contact.listForDay', {}),
      api().call('redirection.listForDay', {}),
      api().call('deferral.listForDay', {}),
    ]);
    if (contacts.ok && redirections.ok && deferrals.ok) {
      set({ contacts: contacts.value, redirections: redirections.value, deferrals: deferrals.value });
    } else {
      const messages = [contacts, redirections, deferrals].flatMap((result) => (result.ok ? [] : [result.error.message]));
      set({ loadError: messages[0] ?? 'ContactCap could not load today’s entries.' });
    }
  });
  const refresh = async () => {
    await Promise.all([refreshBoard(), refreshLists()]);
  };
  const remember = (kind: EntryKind, id: string, label: string) => set({ lastAction: { kind, id, label, at: Date.now() } });

  return {
    board: null,
    contacts: [],
    redirections: [],
    deferrals: [],
    loadError: null,
    lastAction: null,
    refresh,
    async recordContact(input, label) {
      const result = await api().call('contact.record', input);
      if (result.ok) {
        remember('contact', result.value.id, label);
        void refresh();
      }
      return result;
    },
    async recordRedirection(input, label) {
      const result = await api().call('redirection.record', input);
      if (result.ok) {
        remember('redirection', result.value.redirection.id, label);
        void refresh();
      }
      return result;
    },
    async recordDeferral(input, label) {
      const result = await api().call('deferral.record', input);
      if (result.ok) {
        remember('deferral', result.value.id, label);
        void refresh();
      }
      return result;
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
        void refresh();
      }
      return result;
    },
    async undo(now) {
      const last = get().lastAction;
      if (!last || now - last.at > UNDO_WINDOW_MS) return null;
      return get().voidEntry(last.kind, last.id, UNDO_REASON);
    },
  };
});

/** Today's practice day, for any screen: it follows the desk's board, which turns over at midnight. */
export function useToday(): string {
  const [openedOn] = useState(() => practiceDayOf(Date.now()));
  return useDeskStore((state) => state.board?.day) ?? openedOn;
}
