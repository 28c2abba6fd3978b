import { BRIDGE_GLOBAL, type ContactCapBridge } from '../../../shared/bridge.ts';
import type { PushEventName, PushEvents } from '../../../shared/events.ts';
import { fail, type Envelope } from '../../../shared/result.ts';
import { forgetHostToken, takeHostToken } from './hostToken.ts';

/** How the renderer reaches the core. Chosen once at start; nothing else knows which. */
export interface Transport {
  kind: 'desktop' | 'browser';
  invoke(method: string, input?: unknown): Promise<Envelope<unknown>>;
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
  /** Browser host only: a JSON POST to one of its paths with the token, answered as it comes (the export download). */
  postToHost?: (path: string, body: unknown) => Promise<Response>;
}

const NOT_ANSWERING =
  'ContactCap is not answering, so it is not known whether this was saved. Check that ContactCap is still running on this PC, then try again.';

/** A call that has had no answer by then is given up on (and, for records, retried with the same request id). */
const ANSWER_WITHIN_MS = 10_000;

/** The desktop bridge, else the browser host; null in a browser tab that has no token (it was opened without the full address). */
export function pickTransport(scope: Window & typeof globalThis = window): Transport | null {
  const bridge = (scope as unknown as Record<string, ContactCapBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) {
    return { kind: 'desktop', invoke: (method, input) => bridge.invoke(method, input), on: (event, listener) => bridge.on(event, listener) };
  }
  const token = takeHostToken(scope);
  return token === null ? null : httpTransport(scope, token);
}

/**
 * The browser host: JSON over POST with the token in a header, pushes over
 * server-sent events whose address carries it (EventSource cannot send headers).
 * No cookie: the host sets none.
 */
export function httpTransport(scope: Window & typeof globalThis, token: string): Transport {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function ensureSource(): EventSource {
    if (source) return source;
    source = new scope.EventSource(`./api/events?token=${encodeURIComponent(token)}`);
    return source;
  }

  async function postToHost(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const response = await scope.fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-ContactCap-Token': token },
      body: JSON.stringify(body ?? {}),
      credentials: 'omit',
      ...(signal ? { signal } : {}),
    });
    // The host no longer knows this token (it was restarted with a new one): a reload asks for the address.
    if (response.status === 401) forgetHostToken(scope);
    return response;
  }

  return {
    kind: 'browser',
    postToHost,
    async invoke(method, input) {
      try {
        const response = await postToHost(`./api/${encodeURIComponent(method)}`, input, AbortSignal.timeout(ANSWER_WITHIN_MS));
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
