import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/bridge.ts';
import { isDesktopMethod, type DesktopMethod, type ParsedInputOf, type ResultOf } from '../../shared/contract.ts';
import { fail, ok, type Envelope } from '../../shared/result.ts';
import { describeFailure, parseInput } from '../core/createCore.ts';
import type { Core } from '../core/createCore.ts';
import { isAppUrl } from './navigation.ts';

/** The part of a window the push needs. */
export interface PushTarget {
  isDestroyed(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

/** What only the desktop shell can do, behind the contract's desktop.* methods. */
export interface DesktopActions {
  setCompact(on: boolean): ResultOf<'desktop.setCompact'>;
  saveExport(input: ParsedInputOf<'desktop.saveExport'>): Promise<ResultOf<'desktop.saveExport'>>;
  printToPdf(input: ParsedInputOf<'desktop.printToPdf'>): Promise<ResultOf<'desktop.printToPdf'>>;
}

/** A desktop.* call: validated against the contract like any other, then carried out by the shell. */
async function invokeDesktop(method: DesktopMethod, input: unknown, desktop: DesktopActions): Promise<Envelope<unknown>> {
  const parsed = parseInput(method, input);
  if (!parsed.ok) return parsed.answer;
  try {
    if (method === 'desktop.setCompact') return ok(desktop.setCompact((parsed.data as ParsedInputOf<'desktop.setCompact'>).on));
    if (method === 'desktop.saveExport') return ok(await desktop.saveExport(parsed.data as ParsedInputOf<'desktop.saveExport'>));
    return ok(await desktop.printToPdf(parsed.data as ParsedInputOf<'desktop.printToPdf'>));
  } catch (error) {
    return describeFailure(error);
  }
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
    return isDesktopMethod(method) ? invokeDesktop(method, input, desktop) : core.invoke(method, input);
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
