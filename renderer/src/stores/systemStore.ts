import { create } from 'zustand';
import type { SystemStatus } from '../../../shared/domain.ts';
import { api } from '../api/client.ts';

interface SystemState {
  status: SystemStatus | null;
  unreachable: string | null;
  load: () => Promise<void>;
}

export const useSystemStore = create<SystemState>()((set) => ({
  status: null,
  unreachable: null,
  async load() {
    const result = await api().call('system.status', {});
    if (result.ok) set({ status: result.value, unreachable: null });
    else set({ unreachable: result.error.message });
  },
}));
