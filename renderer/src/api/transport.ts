import { BRIDGE_GLOBAL, type ContactCapBridge } from '../../../shared/bridge.ts';
import type { PushEventName, PushEvents } from '../../../shared/events.ts';
import { fail, type Envelope } from '../../../shared/result.ts';

/** How the renderer reaches the core. Chosen once at start; nothing else knows which. */
export interface Transport {
  kind: 'desktop' | 'browser';
  invoke(method: string, input?: unknown): Promise<Envelope<unknown>>;
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

const NOT_ANSWERING =
  'ContactCap is not answering, so it is not known whether this was saved. Check that ContactCap is still running on this PC, then try again.';

/** A call that has had no answer by then is given up on (and, for records, retried with the same request id). */
const ANSWER_WITHIN_MS = 10_000;

export function pickTransport(scope: Window & typeof globalThis = window): Transport {
  const bridge = (scope as unknown as Record<string, ContactCapBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) {
    return { kind: 'desktop', invoke: (method, input) => bridge.invoke(method, input), on: (event, listener) => bridge.on(event, listener) };
  }
  return httpTransport(scope);
}

/** The browser host: JSON over POST, pushes over server-sent events. Auth rides on the host's cookie. */
export function httpTransport(scope: Window & typeof globalThis): Transport {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function ensureSource(): EventSource {
    if (source) return source;
    source = new scope.EventSource('./api/events');
    return source;
  }

  return {
    kind: 'browser',
    async invoke(method, input) {
      try {
        const response = await scope.fetch(`./api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
          signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
        });
        return (await response.json()) as Envelope<unknown>;
      } catch {
        // A dropped connection, a timeout or a half-sent answer: nothing is known about what happened.
        return fail('unreachable', NOT_ANSWERING);
      }
    },
    on(event, listener) {
      const eventSource = ensureSource();
      let set = listeners.get(event);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        listeners.set(event, created);
        eventSource.addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
          for (const each of created) each(payload);
        });
        set = created;
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
