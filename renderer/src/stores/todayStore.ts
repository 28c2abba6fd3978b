import { create } from 'zustand';
import type { Board, Contact, ContactMode } from '../../../shared/domain.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

interface TodayState {
  board: Board | null;
  contacts: Contact[];
  loadError: string | null;
  refresh: () => Promise<void>;
  recordContact: (clinicianId: string, mode: ContactMode) => Promise<Envelope<Contact>>;
  voidContact: (contactId: string, reason: string) => Promise<Envelope<Contact>>;
}

/** Today's board and contacts: what the core said last. */
export const useTodayStore = create<TodayState>()((set, get) => {
  const refresh = coalesce(async () => {
    const [board, contacts] = await Promise.all([api().call('board.today', {}), api().call('contact.listForDay', {})]);
    if (board.ok && contacts.ok) set({ board: board.value, contacts: contacts.value, loadError: null });
    else set({ loadError: !board.ok ? board.error.message : !contacts.ok ? contacts.error.message : null });
  });
  return {
    board: null,
    contacts: [],
    loadError: null,
    refresh,
    async recordContact(clinicianId, mode) {
      const result = await api().call('contact.record', { clinicianId, mode });
      if (result.ok) void get().refresh();
      return result;
    },
    async voidContact(contactId, reason) {
      const result = await api().call('contact.void', { contactId, reason });
      if (result.ok) void get().refresh();
      return result;
    },
  };
});
