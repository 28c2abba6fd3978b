import type { NetworkMember, NetworkStatus } from '../../shared/network.ts';

/** Another PC as the core reports it, for tests: connected and up to date unless told otherwise. */
export function networkMember(patch: Partial<NetworkMember> = {}): NetworkMember {
  return { deviceId: 'aa'.repeat(8), name: 'Reception 2', connected: true, lastSeen: null, behind: 0, held: 0, clockSkewMs: null, address: null, removed: false, ...patch };
}

/** network.status as the core answers it, for tests: running, with no other PC unless told otherwise. */
export function networkStatus(patch: Partial<NetworkStatus> = {}): NetworkStatus {
  return {
    state: 'running',
    thisPc: { deviceId: 'bb'.repeat(8), name: 'Reception 1' },
    port: 42525,
    addresses: [],
    members: [],
    behind: 0,
    held: 0,
    catchingUp: false,
    quietPcs: [],
    problems: [],
    restartAt: null,
    ...patch,
  };
}
