import type { PushEventName, PushEvents } from './events.ts';
import type { Envelope } from './result.ts';

/**
 * What the Electron preload exposes to the page, and nothing more: one way to
 * call the core and one way to hear its push events.
 */
export interface ContactCapBridge {
  invoke(method: string, input?: unknown): Promise<Envelope<unknown>>;
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

export const BRIDGE_GLOBAL = 'contactcap';
export const INVOKE_CHANNEL = 'contactcap:invoke';
export const EVENT_CHANNEL = 'contactcap:event';
