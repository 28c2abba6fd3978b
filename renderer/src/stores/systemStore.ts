import { create } from 'zustand';
import type { SystemStatus } from '../../../shared/domain.ts';
import type { NetworkStatus } from '../../../shared/network.ts';
import { api } from '../api/client.ts';

interface SystemState {
  status: SystemStatus | null;
  unreachable: string | null;
  /** The practice network as this PC sees it; null until first read. */
  network: NetworkStatus | null;
  load: () => Promise<void>;
  loadNetwork: () => Promise<void>;
}

export const useSystemStore = create<SystemState>()((set) => ({
  status: null,
  unreachable: null,
  network: null,
  async loadNetwork() {
    const result = await api().call('network.status', {});
    if (result.ok) set({ network: result.value });
  },
  async load() {
    const result = await api().call('system.status', {});
    if (result.ok) set({ status: result.value, unreachable: null });
    else set({ unreachable: result.error.message });
  },
}));
