import type { Topic } from '../../../shared/events.ts';
import { api } from '../api/client.ts';
import { useRosterStore } from './rosterStore.ts';
import { useSystemStore } from './systemStore.ts';
import { useTodayStore } from './todayStore.ts';

/** Which stores to refresh when the core says a topic changed (in this window or any other). */
const REFRESH_BY_TOPIC: Record<Topic, Array<() => Promise<void>>> = {
  clinicians: [() => useRosterStore.getState().refresh(), () => useTodayStore.getState().refresh()],
  contacts: [() => useTodayStore.getState().refresh()],
  system: [() => useSystemStore.getState().load()],
};

export function connectLiveUpdates(): () => void {
  return api().on('data.changed', ({ topics }) => {
    const runs = new Set(topics.flatMap((topic) => REFRESH_BY_TOPIC[topic]));
    for (const run of runs) void run();
  });
}
