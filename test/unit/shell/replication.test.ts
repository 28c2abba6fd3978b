import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as Electron from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSafeStorageKeeper, utilityReplication } from '../../../main/desktop-shell/replication.ts';
import { tempDirs } from '../../helpers/fixtures.ts';

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

type Listener = (value: unknown) => void;

function fakeUtilityProcess() {
  const children: { entry: string; listeners: Map<string, Listener[]>; postMessage: ReturnType<typeof vi.fn>; kill: ReturnType<typeof vi.fn>; pid: number }[] = [];
  const utilityProcess = {
    fork: vi.fn((entry: string) => {
      const listeners = new Map<string, Listener[]>();
      const child = {
        entry,
        listeners,
        postMessage: vi.fn(),
        kill: vi.fn(),
        pid: 1000 + children.length,
        on(event: string, listener: Listener) {
          listeners.set(event, [...(listeners.get(event) ?? []), listener]);
          return child;
        },
        once(event: string, listener: Listener) {
          return child.on(event, listener);
        },
      };
      children.push(child);
      return child;
    }),
  };
  const emit = (index: number, event: string, value: unknown) => {
    for (const listener of children[index]?.listeners.get(event) ?? []) listener(value);
  };
  return { api: utilityProcess as unknown as typeof Electron.utilityProcess, children, emit, fork: utilityProcess.fork };
}

describe('the replication process as a utilityProcess', () => {
  it('forks the built entry, passes messages both ways, reports its exit once, and kills only a live child', () => {
    const fake = fakeUtilityProcess();
    const channel = utilityReplication(fake.api, '/app/out/main/replication.js')();
    expect(fake.fork).toHaveBeenCalledWith('/app/out/main/replication.js', [], expect.objectContaining({ serviceName: 'ContactCap sharing' }));
    expect(channel.pid).toBe(1000);
    const received: unknown[] = [];
    channel.onMessage((message) => received.push(message));
    fake.emit(0, 'message', { kind: 'stopped' });
    expect(received).toEqual([{ kind: 'stopped' }]);
    // Sent before the process has started: held, then delivered in order once it has.
    channel.send({ kind: 'removed', deviceIds: [] });
    channel.send({ kind: 'stop' });
    expect(fake.children[0]?.postMessage).not.toHaveBeenCalled();
    fake.emit(0, 'spawn', undefined);
    expect(fake.children[0]?.postMessage.mock.calls).toEqual([[{ kind: 'removed', deviceIds: [] }], [{ kind: 'stop' }]]);
    const exits: string[] = [];
    channel.onExit((detail) => exits.push(detail));
    fake.emit(0, 'exit', 9);
    fake.emit(0, 'exit', 9);
    expect(exits).toEqual(['exited with code 9']);
    channel.send({ kind: 'stop' });
    channel.kill();
    expect(fake.children[0]?.postMessage).toHaveBeenCalledTimes(2);
    expect(fake.children[0]?.kill).not.toHaveBeenCalled();
  });
});

function fakeSafeStorage(available = true) {
  return {
    isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(available)),
    encryptStringAsync: vi.fn((text: string) => Promise.resolve(Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`))),
    decryptStringAsync: vi.fn((sealed: Buffer) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
      return Promise.resolve({ result: Buffer.from(text.slice('sealed:'.length), 'base64').toString(), shouldReEncrypt: false });
    }),
  };
}

const SECRET = Buffer.from('0a1b2c3d4e5f60718293', 'hex');
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the practice secret with safeStorage', () => {
  it('is stored sealed, owner-only, never in plain text, and read back by the next start', async () => {
    const dir = dirs.make();
    const keeper = await openSafeStorageKeeper(fakeSafeStorage(), dir);
    expect(keeper.read()).toBeNull();
    keeper.write(SECRET);
    expect(Buffer.from(keeper.read() ?? []).equals(SECRET)).toBe(true);
    await settle();
    const file = path.join(dir, 'practice-network.key.enc');
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET.toString('hex'));
    expect(existsSync(path.join(dir, 'practice-network.key'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const nextStart = await openSafeStorageKeeper(fakeSafeStorage(), dir);
    expect(Buffer.from(nextStart.read() ?? []).equals(SECRET)).toBe(true);
    nextStart.clear();
    expect(existsSync(file)).toBe(false);
    expect((await openSafeStorageKeeper(fakeSafeStorage(), dir)).read()).toBeNull();
  });

  it('falls back to the owner-only file where the OS offers no protection', async () => {
    const dir = dirs.make();
    const keeper = await openSafeStorageKeeper(fakeSafeStorage(false), dir);
    keeper.write(SECRET);
    await settle();
    expect(existsSync(path.join(dir, 'practice-network.key.enc'))).toBe(false);
    expect(readFileSync(path.join(dir, 'practice-network.key'), 'utf8')).toBe(SECRET.toString('hex'));
    expect(Buffer.from((await openSafeStorageKeeper(fakeSafeStorage(false), dir)).read() ?? []).equals(SECRET)).toBe(true);
  });

  it('reads a sealed file it cannot open as no secret, without throwing', async () => {
    const dir = dirs.make();
    writeFileSync(path.join(dir, 'practice-network.key.enc'), 'from another Windows account');
    expect((await openSafeStorageKeeper(fakeSafeStorage(), dir)).read()).toBeNull();
  });
});
