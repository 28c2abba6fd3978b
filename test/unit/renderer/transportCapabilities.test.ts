import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactCapBridge } from '../../../shared/bridge.ts';
import type { Envelope } from '../../../shared/result.ts';
import { createClient, setApiClient } from '../../../renderer/src/api/client.ts';
import { desktopTransport, pickTransport } from '../../../renderer/src/api/transport.ts';
import { exportSavesBy, useReportsStore } from '../../../renderer/src/stores/reportsStore.ts';
import { canCompact, useUiStore } from '../../../renderer/src/stores/uiStore.ts';
import { installFakeTransport } from './fakeTransport.ts';

/**
 * Saving a file, saving a PDF and the small always-on-top window belong to the
 * transport: the desktop app's goes through the preload's one invoke to the
 * desktop shell's own methods; the stores ask whichever transport there is.
 */

function fakeBridge(answer: (method: string, input: unknown) => Envelope<unknown>) {
  const invoke = vi.fn<ContactCapBridge['invoke']>((method, input) => Promise.resolve(answer(method, input)));
  const bridge: ContactCapBridge = { invoke, on: () => () => {} };
  return { bridge, invoke };
}

describe('the desktop transport', () => {
  it('is chosen when the preload’s bridge is there', () => {
    const { bridge } = fakeBridge(() => ({ ok: true, value: null }));
    const picked = pickTransport({ contactcap: bridge } as unknown as Window & typeof globalThis);
    expect(picked?.savesBy).toBe('dialog');
    expect(picked?.setCompact).toBeTypeOf('function');
  });

  it('saves an export through desktop.saveExport and says where it went, or that the dialog was closed', async () => {
    const answers: Envelope<unknown>[] = [
      { ok: true, value: { saved: 'C:\\Users\\pm\\Documents\\week.xlsx' } },
      { ok: true, value: { saved: null } },
      { ok: false, error: { code: 'storage_full', message: 'The disk on this PC is full.' } },
    ];
    const { bridge, invoke } = fakeBridge(() => answers.shift() ?? { ok: true, value: null });
    setApiClient(createClient(desktopTransport(bridge)));
    const input = { format: 'xlsx', from: '2026-11-16', to: '2026-11-22' } as const;
    const save = () => useReportsStore.getState().exportFile(input);
    await expect(save()).resolves.toEqual({ ok: true, value: { kind: 'saved', path: 'C:\\Users\\pm\\Documents\\week.xlsx' } });
    await expect(save()).resolves.toEqual({ ok: true, value: { kind: 'cancelled' } });
    await expect(save()).resolves.toEqual({ ok: false, error: { code: 'storage_full', message: 'The disk on this PC is full.' } });
    expect(invoke.mock.calls).toEqual([
      ['desktop.saveExport', input],
      ['desktop.saveExport', input],
      ['desktop.saveExport', input],
    ]);
    expect(exportSavesBy()).toBe('dialog');
  });

  it('saves a PDF through desktop.printToPdf with the file name', async () => {
    const { bridge, invoke } = fakeBridge(() => ({ ok: true, value: { saved: '/home/pm/Documents/day.pdf' } }));
    setApiClient(createClient(desktopTransport(bridge)));
    await expect(useReportsStore.getState().saveAsPdf('Daily summary 23-11-2026.pdf')).resolves.toEqual({ ok: true, value: { kind: 'saved', path: '/home/pm/Documents/day.pdf' } });
    expect(invoke).toHaveBeenCalledWith('desktop.printToPdf', { fileName: 'Daily summary 23-11-2026.pdf' });
  });
});

describe('the small always-on-top window', () => {
  beforeEach(() => {
    useUiStore.setState({ compact: false });
  });

  it('opens and closes through desktop.setCompact in the desktop app', async () => {
    const { bridge, invoke } = fakeBridge((_method, input) => ({ ok: true, value: { compact: (input as { on: boolean }).on } }));
    setApiClient(createClient(desktopTransport(bridge)));
    expect(canCompact()).toBe(true);
    await expect(useUiStore.getState().setCompact(true)).resolves.toEqual({ ok: true, value: { compact: true } });
    expect(useUiStore.getState().compact).toBe(true);
    await useUiStore.getState().setCompact(false);
    expect(useUiStore.getState().compact).toBe(false);
    expect(invoke.mock.calls).toEqual([
      ['desktop.setCompact', { on: true }],
      ['desktop.setCompact', { on: false }],
    ]);
  });

  it('gives the full page back even when the shell could not restore the size', async () => {
    const { bridge } = fakeBridge(() => ({ ok: false, error: { code: 'internal', message: 'Something went wrong.' } }));
    setApiClient(createClient(desktopTransport(bridge)));
    useUiStore.setState({ compact: true });
    await useUiStore.getState().setCompact(false);
    expect(useUiStore.getState().compact).toBe(false);
  });

  it('is not offered in a browser, and asking for it there says why and changes nothing', async () => {
    const fake = installFakeTransport();
    expect(canCompact()).toBe(false);
    await expect(useUiStore.getState().setCompact(true)).resolves.toEqual({
      ok: false,
      error: { code: 'not_available', message: 'The small always-on-top window is only in the desktop app. In a browser, make the window smaller instead.' },
    });
    expect(useUiStore.getState().compact).toBe(false);
    expect(fake.calls).toEqual([]);
  });
});
