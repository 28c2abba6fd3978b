import type { PushEventName, PushEvents } from '../../../shared/events.ts';
import type { Envelope } from '../../../shared/result.ts';
import { createClient, setApiClient } from '../../../renderer/src/api/client.ts';
import type { Transport } from '../../../renderer/src/api/transport.ts';

/** One call the stores made through the transport, and how the test answers it. */
export interface PendingCall {
  method: string;
  input: unknown;
  answered: boolean;
  answer: (envelope: Envelope<unknown>) => void;
}

/**
 * A stand-in for the network boundary, for the stores' unit tests: every call
 * waits until the test answers it, and the test sends the pushes. The stores
 * reach it through the real api client.
 */
export function installFakeTransport(parts: Partial<Transport> = {}) {
  const calls: PendingCall[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const unexpected = (what: string) => () => Promise.reject(new Error(`The test did not expect ${what}.`));
  const transport: Transport = {
    invoke: (method, input) =>
      new Promise<Envelope<unknown>>((resolve) => {
        const call: PendingCall = {
          method,
          input,
          answered: false,
          answer(envelope) {
            call.answered = true;
            resolve(envelope);
          },
        };
        calls.push(call);
      }),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    savesBy: 'download',
    saveFile: unexpected('a saved file'),
    printToPdf: unexpected('a PDF'),
    ...parts,
  };
  setApiClient(createClient(transport));
  return {
    calls,
    /** The calls made so far to one method. */
    callsTo: (method: string) => calls.filter((call) => call.method === method),
    push<E extends PushEventName>(event: E, payload: PushEvents[E]) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    /** Refuses every call still waiting (with a failure nothing retries), so no store is left holding a request into the next test. */
    async failPending(): Promise<void> {
      for (const call of calls.filter((each) => !each.answered)) call.answer({ ok: false, error: { code: 'internal', message: 'The test is over.' } });
      await settle();
    },
  };
}

/** Lets answered promises run their continuations, without moving any timer. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
