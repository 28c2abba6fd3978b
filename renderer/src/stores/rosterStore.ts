import { create } from 'zustand';
import type { ClinicianImport } from '../../../shared/clinicianImport.ts';
import type { InputOf } from '../../../shared/contract.ts';
import type { Clinician } from '../../../shared/domain.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

interface RosterState {
  clinicians: Clinician[];
  refresh: () => Promise<void>;
  createClinician: (input: InputOf<'clinician.create'>) => Promise<Envelope<Clinician>>;
  updateClinician: (input: InputOf<'clinician.update'>) => Promise<Envelope<Clinician>>;
  setActive: (clinicianId: string, active: boolean) => Promise<Envelope<Clinician>>;
  /** A CSV file of clinicians: a preview, or with apply, all of them added at once. */
  importClinicians: (csv: string, apply: boolean) => Promise<Envelope<ClinicianImport>>;
}

/** Every clinician, on the board or not. */
export const useRosterStore = create<RosterState>()((set, get) => {
  const refresh = coalesce(async () => {
    const result = await api().call('clinician.list', { includeInactive: true });
    if (result.ok) set({ clinicians: result.value });
  });
  const after = <T>(result: Envelope<T>): Envelope<T> => {
    if (result.ok) void get().refresh();
    return result;
  };
  return {
    clinicians: [],
    refresh,
    createClinician: async (input) => after(await api().call('clinician.create', input)),
    updateClinician: async (input) => after(await api().call('clinician.update', input)),
    setActive: async (clinicianId, active) => after(await api().call(active ? 'clinician.reactivate' : 'clinician.deactivate', { clinicianId })),
    importClinicians: async (csv, apply) => {
      const result = await api().call('clinician.import', { csv, apply });
      return apply ? after(result) : result;
    },
  };
});
