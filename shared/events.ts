/**
 * Push events from the core to every window. Kept free of any library so the
 * sandboxed preload, which can load nothing but electron, can use it.
 */
export const TOPICS = ['clinicians', 'contacts', 'rota', 'settings', 'redirections', 'device', 'reports', 'system', 'network', 'staff', 'session'] as const;
export type Topic = (typeof TOPICS)[number];

export interface PushEvents {
  /**
   * After a change: what changed, the newest change now (version) and the newest
   * before it (previous), as hybrid clock values ('' for none). A window that
   * already holds `version` need not ask again; one that held `previous` and has
   * applied this change itself is up to date.
   */
  'data.changed': { topics: Topic[]; version?: string; previous?: string };
}
export type PushEventName = keyof PushEvents;
export const PUSH_EVENT_NAMES: readonly PushEventName[] = ['data.changed'];
