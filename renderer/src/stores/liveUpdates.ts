import type { PushEvents, Topic } from '../../../shared/events.ts';
import { api } from '../api/client.ts';
import { useCatalogueStore } from './catalogueStore.ts';
import { useDeskStore } from './deskStore.ts';
import { useReportsStore } from './reportsStore.ts';
import { useRosterStore } from './rosterStore.ts';
import { useRotaStore } from './rotaStore.ts';
import { useSettingsStore } from './settingsStore.ts';
import { useSystemStore } from './systemStore.ts';

const desk = () => useDeskStore.getState().refresh();

/** Which stores to refresh when the core says a topic changed (in this window or any other). The desk is handled apart. */
const REFRESH_BY_TOPIC: Record<Topic, Array<() => Promise<void>>> = {
  clinicians: [() => useRosterStore.getState().refresh()],
  contacts: [],
  rota: [() => useRotaStore.getState().refresh()],
  settings: [() => useSettingsStore.getState().refresh(), () => useCatalogueStore.getState().refresh()],
  redirections: [],
  device: [() => useSettingsStore.getState().refresh()],
  reports: [() => useReportsStore.getState().refresh()],
  system: [() => useSystemStore.getState().load()],
  network: [() => useSystemStore.getState().loadNetwork()],
  // No screen shows staff or who is signed in yet (issue 10 §1's screens will add their stores here).
  staff: [],
  session: [],
};

/** Topics that change what the reception desk shows. */
const DESK_TOPICS: ReadonlySet<Topic> = new Set(['clinicians', 'contacts', 'rota', 'settings', 'redirections']);

/**
 * Pushes for the desk are gathered for a moment before they are applied: the
 * answer to this window's own record usually arrives within it, and then the
 * push asks for nothing. A burst from another desk becomes one read.
 */
export const DESK_PUSH_GATHER_MS = 40;

export function connectLiveUpdates(): () => void {
  let gathered: PushEvents['data.changed'][] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = api().on('data.changed', (push) => {
    const runs = new Set(push.topics.flatMap((topic) => REFRESH_BY_TOPIC[topic]));
    for (const run of runs) void run();
    if (!push.topics.some((topic) => DESK_TOPICS.has(topic))) return;
    gathered.push(push);
    timer ??= setTimeout(() => {
      const pushes = gathered;
      gathered = [];
      timer = null;
      void useDeskStore.getState().applyPushes(pushes);
    }, DESK_PUSH_GATHER_MS);
  });
  return () => {
    off();
    if (timer !== null) clearTimeout(timer);
  };
}

export function loadEverything(): void {
  void useSystemStore.getState().load();
  void useSystemStore.getState().loadNetwork();
  void useSettingsStore.getState().refresh();
  void useRosterStore.getState().refresh();
  void useCatalogueStore.getState().refresh();
  void desk();
}
