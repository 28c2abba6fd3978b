import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/bridge.ts';
import { fail } from '../../shared/result.ts';
import type { Core } from '../core/createCore.ts';
import { isAppUrl } from './navigation.ts';

/** The part of a window the push needs. */
export interface PushTarget {
  isDestroyed(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

/**
 * One invoke channel into the core, and change events pushed to every window
 * after each commit. Translation only: no rules live here.
 */
export function wireIpc(ipcMain: IpcMain, core: Core, windows: () => PushTarget[]): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isAppUrl(event.senderFrame?.url ?? '')) {
      return fail('unauthorised', 'Only ContactCap’s own window can use its data.');
    }
    if (typeof method !== 'string') return fail('unknown_method', 'ContactCap did not understand that request. Nothing was changed.');
    return core.invoke(method, input);
  });
  const unsubscribe = core.subscribe((name, payload) => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
