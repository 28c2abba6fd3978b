/**
 * Push events from the core to every window. Kept free of any library so the
 * sandboxed preload, which can load nothing but electron, can use it.
 */
export const TOPICS = ['clinicians', 'contacts', 'rota', 'settings', 'redirections', 'device', 'reports', 'system'] as const;
export type Topic = (typeof TOPICS)[number];

export interface PushEvents {
  'data.changed': { topics: Topic[] };
}
export type PushEventName = keyof PushEvents;
export const PUSH_EVENT_NAMES: readonly PushEventName[] = ['data.changed'];
