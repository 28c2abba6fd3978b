import type { InputOf, MethodName, ResultOf } from '../../../shared/contract.ts';
import type { PushEventName, PushEvents } from '../../../shared/events.ts';
import type { Envelope } from '../../../shared/result.ts';
import type { Transport } from './transport.ts';

/** What the transport can do besides calling the core: save a file, save a PDF, the always-on-top window. */
export type Capabilities = Pick<Transport, 'saveFile' | 'savesBy' | 'printToPdf' | 'setCompact'>;

/** The typed API client: method names, inputs and results all come from the contract; the rest is the transport's. */
export interface ApiClient extends Capabilities {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Envelope<ResultOf<M>>>;
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  return {
    call: (method, input) => transport.invoke(method, input) as Promise<Envelope<never>>,
    on: (event, listener) => transport.on(event, listener),
    saveFile: (input) => transport.saveFile(input),
    savesBy: transport.savesBy,
    printToPdf: (fileName) => transport.printToPdf(fileName),
    ...(transport.setCompact ? { setCompact: transport.setCompact } : {}),
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
