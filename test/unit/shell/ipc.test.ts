import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../main/core/createCore.ts';
import { wireIpc, type PushTarget } from '../../../main/desktop-shell/ipc.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/bridge.ts';
import { must, openTestCore, tempDir } from '../../helpers/fixtures.ts';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** An ipcMain stand-in that keeps the handlers registered on it. */
function fakeIpcMain() {
  const handlers = new Map<string, InvokeHandler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: InvokeHandler) => {
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
  return { ipcMain, handlers, asIpcMain: ipcMain as unknown as IpcMain };
}

function fakeWindow(destroyed = false) {
  return { isDestroyed: vi.fn(() => destroyed), webContents: { send: vi.fn() } } satisfies PushTarget;
}

function eventFrom(url: string | undefined): IpcMainInvokeEvent {
  return (url === undefined ? { senderFrame: null } : { senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
}

const APP_PAGE = 'app://contactcap/index.html';

describe('IPC wiring', () => {
  let folder: ReturnType<typeof tempDir>;
  let core: Core;

  beforeEach(() => {
    folder = tempDir('contactcap-shell-ipc-');
    core = openTestCore(folder.dir);
  });

  afterEach(() => {
    core.close();
    folder.remove();
  });

  function wire(windows: PushTarget[] = []) {
    const fake = fakeIpcMain();
    const setCompact = vi.fn((on: boolean) => ({ compact: on }));
    const saveExport = vi.fn(() => Promise.resolve({ saved: '/home/pm/Documents/contactcap-2026-11-23.xlsx' }));
    const printToPdf = vi.fn(() => Promise.resolve({ saved: null }));
    const dispose = wireIpc(fake.asIpcMain, core, () => windows, { setCompact, saveExport, printToPdf });
    const call = (url: string | undefined, method: unknown, input?: unknown) => {
      const handler = fake.handlers.get('contactcap:invoke');
      if (!handler) throw new Error('No handler on contactcap:invoke');
      return handler(eventFrom(url), method, input);
    };
    return { ...fake, dispose, call, setCompact, saveExport, printToPdf };
  }

  it('registers one handler, on the contactcap:invoke channel', () => {
    const { ipcMain } = wire();
    expect(INVOKE_CHANNEL).toBe('contactcap:invoke');
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle).toHaveBeenCalledWith('contactcap:invoke', expect.any(Function));
  });

  it('forwards a call from the app’s own page to the core and returns its envelope', () => {
    const { call } = wire();
    const created = call(APP_PAGE, 'clinician.create', { name: 'Dr Ada Okafor', role: 'gp_partner', dailyCap: 22 });
    expect(created).toEqual({
      ok: true,
      value: {
        id: expect.any(String) as unknown,
        name: 'Dr Ada Okafor',
        initials: 'AO',
        role: 'gp_partner',
        capped: null,
        dailyCap: 22,
        amCap: null,
        pmCap: null,
        active: true,
        key: '1',
      },
    });
    const listed = must(core.call('clinician.list', {}));
    expect(listed.map((c) => c.name)).toEqual(['Dr Ada Okafor']);
    expect(call(APP_PAGE, 'clinician.list', {})).toEqual({ ok: true, value: listed });
  });

  it('returns the core’s validation error unchanged', () => {
    const { call } = wire();
    const result = call(APP_PAGE, 'clinician.create', { name: '', role: 'gp_partner' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
  });

  it('refuses a call from another origin and writes nothing', () => {
    const { call } = wire();
    for (const url of ['https://evil.example/', 'app://evil/index.html', 'app://contactcap.evil/index.html', 'file:///index.html', '']) {
      const result = call(url, 'clinician.create', { name: 'Mallory', role: 'other' });
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    }
    expect(must(core.call('clinician.list', {}))).toEqual([]);
  });

  it('refuses a call whose sender frame is gone', () => {
    const { call } = wire();
    expect(call(undefined, 'clinician.create', { name: 'Mallory', role: 'other' })).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    expect(must(core.call('clinician.list', {}))).toEqual([]);
  });

  it('answers unknown_method when the method is not a string', () => {
    const { call } = wire();
    for (const method of [42, null, undefined, { method: 'clinician.list' }, ['clinician.list']]) {
      expect(call(APP_PAGE, method, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('answers unknown_method for a method the contract does not have', () => {
    const { call } = wire();
    expect(call(APP_PAGE, 'clinician.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(call(APP_PAGE, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('pushes data.changed to every live window after a write, and nothing to a destroyed one', () => {
    const first = fakeWindow();
    const second = fakeWindow();
    const destroyed = fakeWindow(true);
    const { call } = wire([first, destroyed, second]);
    must(call(APP_PAGE, 'clinician.create', { name: 'Nurse Bea Lowe', role: 'practice_nurse' }) as Parameters<typeof must>[0]);
    expect(EVENT_CHANNEL).toBe('contactcap:event');
    for (const window of [first, second]) {
      expect(window.webContents.send).toHaveBeenCalledTimes(1);
      expect(window.webContents.send).toHaveBeenCalledWith('contactcap:event', 'data.changed', expect.objectContaining({ topics: ['clinicians'] }));
    }
    expect(destroyed.webContents.send).not.toHaveBeenCalled();
  });

  it('pushes nothing after a read or a refused call', () => {
    const window = fakeWindow();
    const { call } = wire([window]);
    call(APP_PAGE, 'clinician.list', {});
    call('https://evil.example/', 'clinician.create', { name: 'Mallory', role: 'other' });
    call(APP_PAGE, 'clinician.create', { name: '', role: 'other' });
    expect(window.webContents.send).not.toHaveBeenCalled();
  });

  it('removes the handler and stops pushing once disposed', () => {
    const window = fakeWindow();
    const { ipcMain, handlers, dispose } = wire([window]);
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(1);
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('contactcap:invoke');
    expect(handlers.size).toBe(0);
    must(core.call('clinician.create', { name: 'Dr Cy Park', role: 'salaried_gp' }));
    expect(window.webContents.send).not.toHaveBeenCalled();
  });

  it('carries out desktop.setCompact in the shell, after checking its input against the contract', async () => {
    const { call, setCompact } = wire();
    await expect(call(APP_PAGE, 'desktop.setCompact', { on: true })).resolves.toEqual({ ok: true, value: { compact: true } });
    expect(setCompact).toHaveBeenCalledWith(true);
    await expect(call(APP_PAGE, 'desktop.setCompact', { on: 'yes' })).resolves.toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Compact must be yes or no.', field: 'on' },
    });
    expect(setCompact).toHaveBeenCalledTimes(1);
  });

  it('refuses __proto__, constructor and prototype in a core method’s input and in a desktop method’s, and does nothing', async () => {
    const { call, setCompact, saveExport } = wire();
    const refusal = (key: string) => ({
      ok: false,
      error: { code: 'invalid_input', message: `This request has a detail called “${key}”, which ContactCap never accepts. Nothing was changed.` },
    });
    // As the window's structured clone hands it over: an own key, not a prototype.
    expect(call(APP_PAGE, 'settings.update', JSON.parse('{"roleDefaults":{"__proto__":{}}}'))).toEqual(refusal('__proto__'));
    expect(call(APP_PAGE, 'clinician.create', JSON.parse('{"name":"Dr Ada Okafor","role":"gp_partner","constructor":{}}'))).toEqual(refusal('constructor'));
    await expect(call(APP_PAGE, 'desktop.setCompact', JSON.parse('{"on":true,"__proto__":{"on":false}}'))).resolves.toEqual(refusal('__proto__'));
    const exportInput = JSON.parse('{"format":"xlsx","from":"2026-11-23","to":"2026-11-23","prototype":1}') as unknown;
    await expect(call(APP_PAGE, 'desktop.saveExport', exportInput)).resolves.toEqual(refusal('prototype'));
    expect(setCompact).not.toHaveBeenCalled();
    expect(saveExport).not.toHaveBeenCalled();
    expect(must(core.call('clinician.list', {}))).toEqual([]);
  });

  it('refuses desktop.setCompact from another origin', () => {
    const { call, setCompact } = wire();
    expect(call('https://evil.example/', 'desktop.setCompact', { on: true })).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    expect(setCompact).not.toHaveBeenCalled();
  });

  it('hands desktop.saveExport to the shell with its input checked, and answers with where it was saved', async () => {
    const { call, saveExport } = wire();
    const input = { format: 'xlsx', from: '2026-11-23', to: '2026-11-23' };
    await expect(call(APP_PAGE, 'desktop.saveExport', input)).resolves.toEqual({ ok: true, value: { saved: '/home/pm/Documents/contactcap-2026-11-23.xlsx' } });
    expect(saveExport).toHaveBeenCalledWith(input);
    await expect(call(APP_PAGE, 'desktop.saveExport', { format: 'pdf', from: '2026-11-23', to: '2026-11-23' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'format' },
    });
    expect(saveExport).toHaveBeenCalledTimes(1);
  });

  it('hands desktop.printToPdf to the shell with its file name checked', async () => {
    const { call, printToPdf } = wire();
    await expect(call(APP_PAGE, 'desktop.printToPdf', { fileName: 'Daily summary 23-11-2026.pdf' })).resolves.toEqual({ ok: true, value: { saved: null } });
    expect(printToPdf).toHaveBeenCalledWith({ fileName: 'Daily summary 23-11-2026.pdf' });
    await expect(call(APP_PAGE, 'desktop.printToPdf', { fileName: '../../etc/passwd.pdf' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'fileName' } });
    expect(printToPdf).toHaveBeenCalledTimes(1);
  });

  it('adds the desktop methods to the core’s one dispatcher, and takes them away once disposed', async () => {
    const { dispose, setCompact } = wire();
    // The same dispatcher the channel uses: the core itself now answers them.
    await expect(core.invoke('desktop.setCompact', { on: true })).resolves.toEqual({ ok: true, value: { compact: true } });
    dispose();
    expect(core.invoke('desktop.setCompact', { on: true })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(setCompact).toHaveBeenCalledTimes(1);
  });
});
