import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, EVENT_CHANNEL, INVOKE_CHANNEL, type ContactCapBridge } from '../../shared/bridge.ts';
import { PUSH_EVENT_NAMES, type PushEventName, type PushEvents } from '../../shared/events.ts';

/** Exposes only invoke and event subscription; the page never sees ipcRenderer. */
export const bridge: ContactCapBridge = {
  invoke: (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void) {
    if (!PUSH_EVENT_NAMES.includes(event)) throw new Error(`Unknown event: ${event}`);
    const relay = (_sender: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as PushEvents[E]);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
