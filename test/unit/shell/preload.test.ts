import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactCapBridge } from '../../../shared/bridge.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>();
  return {
    listeners,
    exposeInMainWorld: vi.fn(),
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(() => Promise.resolve({ ok: true, value: 'from main' })),
    on: vi.fn((channel: string, listener: Listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
    /** What the main process's webContents.send would deliver. */
    emit(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc' }, ...args);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: fake.exposeInMainWorld },
  ipcRenderer: { invoke: fake.invoke, on: fake.on, removeListener: fake.removeListener, send: vi.fn(), sendSync: vi.fn() },
}));

describe('preload bridge', () => {
  // What importing the preload exposed; kept here because mocks are cleared between tests.
  let exposures: unknown[][] = [];
  let exposed: ContactCapBridge;

  beforeAll(async () => {
    await import('../../../main/preload/index.ts');
    exposures = fake.exposeInMainWorld.mock.calls.map((call: unknown[]) => [...call]);
    exposed = exposures[0]?.[1] as ContactCapBridge;
  });

  beforeEach(() => {
    fake.invoke.mockClear();
    fake.on.mockClear();
    fake.removeListener.mockClear();
  });

  it('exposes exactly one global, contactcap', () => {
    expect(exposures).toHaveLength(1);
    expect(exposures[0]?.[0]).toBe('contactcap');
  });

  it('exposes only invoke and on: no ipcRenderer, send or other leak', () => {
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'on']);
    expect(typeof exposed.invoke).toBe('function');
    expect(typeof exposed.on).toBe('function');
    expect(exposed).not.toHaveProperty('ipcRenderer');
    expect(exposed).not.toHaveProperty('send');
  });

  it('sends invoke over contactcap:invoke with the method and input, and returns the main process’s answer', async () => {
    const answer = await exposed.invoke('clinician.create', { name: 'Dr Ada Okafor', role: 'gp_partner' });
    expect(fake.invoke).toHaveBeenCalledTimes(1);
    expect(fake.invoke).toHaveBeenCalledWith('contactcap:invoke', 'clinician.create', { name: 'Dr Ada Okafor', role: 'gp_partner' });
    expect(answer).toEqual({ ok: true, value: 'from main' });
  });

  it('passes an omitted input on as undefined', async () => {
    await exposed.invoke('board.today');
    expect(fake.invoke).toHaveBeenCalledWith('contactcap:invoke', 'board.today', undefined);
  });

  it('listens on contactcap:event and relays only data.changed to a data.changed listener', () => {
    const listener = vi.fn();
    const stop = exposed.on('data.changed', listener);
    expect(fake.on).toHaveBeenCalledTimes(1);
    expect(fake.on).toHaveBeenCalledWith('contactcap:event', expect.any(Function));

    fake.emit('contactcap:event', 'data.changed', { topics: ['contacts'] });
    fake.emit('contactcap:event', 'something.else', { topics: ['clinicians'] });
    fake.emit('contactcap:other', 'data.changed', { topics: ['clinicians'] });

    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ topics: ['contacts'] });
    stop();
  });

  it('does not hand the IPC event object to the page’s listener', () => {
    const listener = vi.fn();
    const stop = exposed.on('data.changed', listener);
    fake.emit('contactcap:event', 'data.changed', { topics: ['clinicians'] });
    expect(listener.mock.calls).toEqual([[{ topics: ['clinicians'] }]]);
    stop();
  });

  it('removes exactly the listener it added when the returned function is called', () => {
    const listener = vi.fn();
    const stop = exposed.on('data.changed', listener);
    const added = fake.on.mock.calls[0]?.[1];
    stop();
    expect(fake.removeListener).toHaveBeenCalledTimes(1);
    expect(fake.removeListener).toHaveBeenCalledWith('contactcap:event', added);
    fake.emit('contactcap:event', 'data.changed', { topics: ['contacts'] });
    expect(listener).not.toHaveBeenCalled();
  });

  it('throws for an event name it does not know, and listens to nothing', () => {
    // The type forbids it; a page could still try.
    expect(() => exposed.on('unknown.event' as 'data.changed', () => {})).toThrow('Unknown event: unknown.event');
    expect(fake.on).not.toHaveBeenCalled();
  });
});
