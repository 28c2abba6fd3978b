import { create } from 'zustand';
import type { InputOf } from '../../../shared/contract.ts';
import type { SystemStatus } from '../../../shared/domain.ts';
import type { NetworkStatus } from '../../../shared/network.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

/** How often the network's status is read again anyway: a PC going quiet tells nobody. */
export const NETWORK_POLL_MS = 15_000;
/** And while the Network page is open, where "last seen" times are shown. */
export const NETWORK_PAGE_POLL_MS = 5_000;

interface SystemState {
  status: SystemStatus | null;
  unreachable: string | null;
  /** The practice network as this PC sees it; null until first read. */
  network: NetworkStatus | null;
  /** The join code to read out at another PC; null when this PC is not in a network or it has not been read yet. */
  joinCode: string | null;
  load: () => Promise<void>;
  /** Reads the network's status again, and the join code when this PC has just joined or left. */
  loadNetwork: () => Promise<void>;
  createNetwork: () => Promise<Envelope<{ joinCode: string; status: NetworkStatus }>>;
  joinNetwork: (code: string) => Promise<Envelope<NetworkStatus>>;
  leaveNetwork: () => Promise<Envelope<NetworkStatus>>;
  removePc: (deviceId: string) => Promise<Envelope<NetworkStatus>>;
  configureNetwork: (input: InputOf<'network.configure'>) => Promise<Envelope<NetworkStatus>>;
}

/** What the core says about itself and about the practice network. Network changes come back as the new status. */
export const useSystemStore = create<SystemState>()((set, get) => {
  /** Keeps a status the core answered, and fetches the join code when this PC's membership changed. */
  function keep(network: NetworkStatus): void {
    const wasJoined = get().network !== null && get().network?.state !== 'not_joined';
    const joined = network.state !== 'not_joined';
    set({ network, ...(joined ? {} : { joinCode: null }) });
    if (joined && (!wasJoined || get().joinCode === null)) void readJoinCode();
  }

  async function readJoinCode(): Promise<void> {
    const result = await api().call('network.joinCode', {});
    if (result.ok) set({ joinCode: result.value.joinCode });
  }

  function kept<T>(result: Envelope<T>, status: (value: T) => NetworkStatus): Envelope<T> {
    if (result.ok) keep(status(result.value));
    return result;
  }

  const loadNetwork = coalesce(async () => {
    const result = await api().call('network.status', {});
    if (result.ok) keep(result.value);
  });

  return {
    status: null,
    unreachable: null,
    network: null,
    joinCode: null,
    loadNetwork,
    async load() {
      const result = await api().call('system.status', {});
      if (result.ok) set({ status: result.value, unreachable: null });
      else set({ unreachable: result.error.message });
    },
    async createNetwork() {
      const result = await api().call('network.create', {});
      if (result.ok) set({ joinCode: result.value.joinCode });
      return kept(result, (value) => value.status);
    },
    async joinNetwork(code) {
      return kept(await api().call('network.join', { code }), (value) => value);
    },
    async leaveNetwork() {
      return kept(await api().call('network.leave', {}), (value) => value);
    },
    async removePc(deviceId) {
      return kept(await api().call('network.remove', { deviceId }), (value) => value);
    },
    async configureNetwork(input) {
      return kept(await api().call('network.configure', input), (value) => value);
    },
  };
});
