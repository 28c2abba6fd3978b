import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/bridge.ts';
import { desktopMethods, type DesktopParsedInputOf, type DesktopResultOf } from '../../shared/desktopMethods.ts';
import { fail } from '../../shared/result.ts';
import type { Core } from '../core/createCore.ts';
import { isAppUrl } from './navigation.ts';

/** The part of a window the push needs. */
export interface PushTarget {
  isDestroyed(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

/** What only the desktop shell can do, behind shared/desktopMethods.ts. */
export interface DesktopActions {
  setCompact(on: boolean): DesktopResultOf<'desktop.setCompact'>;
  saveExport(input: DesktopParsedInputOf<'desktop.saveExport'>): Promise<DesktopResultOf<'desktop.saveExport'>>;
  printToPdf(input: DesktopParsedInputOf<'desktop.printToPdf'>): Promise<DesktopResultOf<'desktop.printToPdf'>>;
}

/**
 * The desktop shell's methods join the core's one dispatcher, which checks
 * their input against their own schemas; one invoke channel carries every call
 * from the app's own page, and change events are pushed to every window after
 * each commit. Translation only: no rules live here.
 */
export function wireIpc(ipcMain: IpcMain, core: Core, windows: () => PushTarget[], desktop: DesktopActions): () => void {
  const removeMethods = core.addShellMethods(desktopMethods, {
    'desktop.setCompact': ({ on }) => desktop.setCompact(on),
    'desktop.saveExport': (input) => desktop.saveExport(input),
    'desktop.printToPdf': (input) => desktop.printToPdf(input),
  });
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
    removeMethods();
  };
}
