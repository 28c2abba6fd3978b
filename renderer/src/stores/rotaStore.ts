import { create } from 'zustand';
import type { ResultOf } from '../../../shared/contract.ts';
import type { Envelope } from '../../../shared/result.ts';
import type { DayOverride, WeekPattern } from '../../../shared/rota.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

interface RotaState {
  from: string | null;
  to: string | null;
  rota: ResultOf<'rota.get'> | null;
  show: (from: string, to: string) => Promise<void>;
  refresh: () => Promise<void>;
  setDay: (clinicianId: string, day: string, override: DayOverride | null) => Promise<Envelope<DayOverride | null>>;
  setPattern: (clinicianId: string, pattern: WeekPattern) => Promise<Envelope<WeekPattern>>;
}

/** The rota for the dates on screen. */
export const useRotaStore = create<RotaState>()((set, get) => {
  const refresh = coalesce(async () => {
    const { from, to } = get();
    if (from === null || to === null) return;
    const result = await api().call('rota.get', { from, to });
    if (result.ok) set({ rota: result.value });
  });
  const after = <T>(result: Envelope<T>): Envelope<T> => {
    if (result.ok) void get().refresh();
    return result;
  };
  return {
    from: null,
    to: null,
    rota: null,
    async show(from, to) {
      set({ from, to });
      await refresh();
    },
    refresh,
    setDay: async (clinicianId, day, override) => after(await api().call('rota.setDay', { clinicianId, day, override })),
    setPattern: async (clinicianId, pattern) => after(await api().call('rota.setPattern', { clinicianId, pattern })),
  };
});
