import type { InputOf, MethodName, ResultOf } from '../../../shared/contract.ts';
import type { PushEventName, PushEvents } from '../../../shared/events.ts';
import type { Envelope } from '../../../shared/result.ts';
import type { Transport } from './transport.ts';

/** The typed API client: method names, inputs and results all come from the contract. */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Envelope<ResultOf<M>>>;
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
  readonly kind: Transport['kind'];
  /** Browser host only; see Transport.postToHost. */
  readonly postToHost?: Transport['postToHost'];
}

export function createClient(transport: Transport): ApiClient {
  return {
    call: (method, input) => transport.invoke(method, input) as Promise<Envelope<never>>,
    on: (event, listener) => transport.on(event, listener),
    kind: transport.kind,
    ...(transport.postToHost ? { postToHost: transport.postToHost } : {}),
  };
}

let current: ApiClient | null = null;

export function setApiClient(client: ApiClient): void {
  current = client;
}

export function api(): ApiClient {
  if (!current) throw new Error('The API client is set up in main.tsx before anything renders.');
  return current;
}
