import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/bridge.ts';
import { contract } from '../../shared/contract.ts';
import { fail, ok, type Envelope } from '../../shared/result.ts';
import { describeIssue } from '../core/api/dispatch.ts';
import type { Core } from '../core/createCore.ts';
import { isAppUrl } from './navigation.ts';

/** The part of a window the push needs. */
export interface PushTarget {
  isDestroyed(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

/** What only the desktop shell can do, behind the contract's desktop.* methods. */
export interface DesktopActions {
  setCompact(on: boolean): { compact: boolean };
}

/** A desktop.* call: validated against the contract like any other, then carried out by the shell. */
function invokeDesktop(method: string, input: unknown, desktop: DesktopActions): Envelope<unknown> | null {
  if (method !== 'desktop.setCompact') return null;
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const described = first ? describeIssue(first) : { message: 'The request’s details were not understood. Nothing was changed.' };
    return fail('invalid_input', described.message, described.field);
  }
  return ok(desktop.setCompact(parsed.data.on));
}

/**
 * One invoke channel into the core, and change events pushed to every window
 * after each commit. Translation only: no rules live here.
 */
export function wireIpc(ipcMain: IpcMain, core: Core, windows: () => PushTarget[], desktop: DesktopActions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isAppUrl(event.senderFrame?.url ?? '')) {
      return fail('unauthorised', 'Only ContactCap’s own window can use its data.');
    }
    if (typeof method !== 'string') return fail('unknown_method', 'ContactCap did not understand that request. Nothing was changed.');
    return invokeDesktop(method, input, desktop) ?? core.invoke(method, input);
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
