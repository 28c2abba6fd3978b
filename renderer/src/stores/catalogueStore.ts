import { create } from 'zustand';
import type { InputOf } from '../../../shared/contract.ts';
import type { DirectoryEntry } from '../../../shared/directory.ts';
import type { ContactType } from '../../../shared/domain.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

interface CatalogueState {
  contactTypes: ContactType[];
  directory: DirectoryEntry[];
  refresh: () => Promise<void>;
  createContactType: (input: InputOf<'contactType.create'>) => Promise<Envelope<ContactType>>;
  updateContactType: (input: InputOf<'contactType.update'>) => Promise<Envelope<ContactType>>;
  createEntry: (input: InputOf<'directory.create'>) => Promise<Envelope<DirectoryEntry>>;
  updateEntry: (input: InputOf<'directory.update'>) => Promise<Envelope<DirectoryEntry>>;
}

/** The practice's lists: types of contact and the redirection directory (inactive ones included). */
export const useCatalogueStore = create<CatalogueState>()((set, get) => {
  const refresh = coalesce(async () => {
    const [types, directory] = await Promise.all([api().call('contactType.list', { includeInactive: true }), api().call('directory.list', { includeInactive: true })]);
    if (types.ok && directory.ok) set({ contactTypes: types.value, directory: directory.value });
  });
  const after = <T>(result: Envelope<T>): Envelope<T> => {
    if (result.ok) void get().refresh();
    return result;
  };
  return {
    contactTypes: [],
    directory: [],
    refresh,
    createContactType: async (input) => after(await api().call('contactType.create', input)),
    updateContactType: async (input) => after(await api().call('contactType.update', input)),
    createEntry: async (input) => after(await api().call('directory.create', input)),
    updateEntry: async (input) => after(await api().call('directory.update', input)),
  };
});
