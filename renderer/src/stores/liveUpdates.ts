import type { Topic } from '../../../shared/events.ts';
import { api } from '../api/client.ts';
import { useCatalogueStore } from './catalogueStore.ts';
import { useDeskStore } from './deskStore.ts';
import { useReportsStore } from './reportsStore.ts';
import { useRosterStore } from './rosterStore.ts';
import { useRotaStore } from './rotaStore.ts';
import { useSettingsStore } from './settingsStore.ts';
import { useSystemStore } from './systemStore.ts';

const desk = () => useDeskStore.getState().refresh();

/** Which stores to refresh when the core says a topic changed (in this window or any other). */
const REFRESH_BY_TOPIC: Record<Topic, Array<() => Promise<void>>> = {
  clinicians: [() => useRosterStore.getState().refresh(), desk],
  contacts: [desk],
  rota: [desk, () => useRotaStore.getState().refresh()],
  settings: [() => useSettingsStore.getState().refresh(), () => useCatalogueStore.getState().refresh(), desk],
  redirections: [desk],
  device: [() => useSettingsStore.getState().refresh()],
  reports: [() => useReportsStore.getState().refresh()],
  system: [() => useSystemStore.getState().load()],
};

export function connectLiveUpdates(): () => void {
  return api().on('data.changed', ({ topics }) => {
    const runs = new Set(topics.flatMap((topic) => REFRESH_BY_TOPIC[topic]));
    for (const run of runs) void run();
  });
}

export function loadEverything(): void {
  void useSystemStore.getState().load();
  void useSettingsStore.getState().refresh();
  void useRosterStore.getState().refresh();
  void useCatalogueStore.getState().refresh();
  void desk();
}
