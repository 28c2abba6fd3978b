import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataDirArgument, startDesktopApp } from '../../../main/desktop-shell/desktopApp.ts';
import { must, openTestCore, ROOT, tempDir } from '../../helpers/fixtures.ts';

type ElectronApi = Parameters<typeof startDesktopApp>[0];
type Handler = (...args: unknown[]) => unknown;

const APP_ROOT = path.resolve(import.meta.dirname, '../../..');

/** Hand-made stand-ins for the Electron modules startDesktopApp uses, recording what it does with them. */
function fakeElectron(options: { singleInstance?: boolean; appPath?: string; packaged?: boolean } = {}) {
  const order: string[] = [];
  const windows: FakeWindow[] = [];
  const appHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, Handler>();
  const ipcHandlers = new Map<string, Handler>();
  let permissionHandler: Handler | undefined;
  let permissionCheckHandler: Handler | undefined;
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  class FakeWindow {
    readonly options: BrowserWindowConstructorOptions;
    readonly events = new Map<string, () => void>();
    readonly onceEvents = new Map<string, () => void>();
    minimized = false;
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn(() => {
      this.minimized = false;
    });
    readonly isMinimized = vi.fn(() => this.minimized);
    readonly isDestroyed = vi.fn(() => false);
    readonly loadURL = vi.fn<(url: string) => Promise<void>>(() => Promise.resolve());
    readonly contentsEvents = new Map<string, Handler>();
    readonly webContents = {
      send: vi.fn(),
      on: vi.fn((name: string, handler: Handler) => {
        this.contentsEvents.set(name, handler);
        return this.webContents;
      }),
    };

    constructor(windowOptions: BrowserWindowConstructorOptions) {
      this.options = windowOptions;
      windows.push(this);
      order.push('new BrowserWindow');
    }

    once(name: string, handler: () => void): this {
      this.onceEvents.set(name, handler);
      return this;
    }

    on(name: string, handler: () => void): this {
      this.events.set(name, handler);
      return this;
    }

    static getAllWindows(): FakeWindow[] {
      return windows;
    }
  }

  const app = {
    requestSingleInstanceLock: vi.fn(() => {
      order.push('requestSingleInstanceLock');
      return options.singleInstance ?? true;
    }),
    quit: vi.fn(),
    exit: vi.fn(),
    on: vi.fn((name: string, handler: Handler) => {
      appHandlers.set(name, handler);
      return app;
    }),
    whenReady: vi.fn(() => {
      order.push('whenReady');
      return ready;
    }),
    getAppPath: vi.fn(() => options.appPath ?? APP_ROOT),
    getVersion: vi.fn(() => '7.8.9'),
    getPath: vi.fn(() => '/home/reception/Documents'),
    commandLine: { appendSwitch: vi.fn<(name: string, value?: string) => void>() },
    isPackaged: options.packaged ?? false,
  };
  const dialog = {
    showErrorBox: vi.fn<(title: string, content: string) => void>(),
    /** The user's answer to a question: the index of the button pressed. */
    showMessageBoxSync: vi.fn<(window: unknown, options: { buttons?: string[] }) => number>(() => 0),
  };
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      ipcHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn(),
  };
  const net = {
    fetch: vi.fn<(url: string) => Promise<Response>>(() => Promise.resolve(new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } }))),
  };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => {
      order.push('registerSchemesAsPrivileged');
    }),
    handle: vi.fn((scheme: string, handler: Handler) => {
      protocolHandlers.set(scheme, handler);
    }),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn((handler: Handler) => {
        permissionHandler = handler;
      }),
      setPermissionCheckHandler: vi.fn((handler: Handler) => {
        permissionCheckHandler = handler;
      }),
    },
  };
  const shell = { openExternal: vi.fn<(url: string) => Promise<void>>(() => Promise.resolve()) };

  /** The replication process: forked when the PC joins a network; this fake child never answers, and exits when killed. */
  const forked: { entry: string; options: unknown }[] = [];
  const utilityProcess = {
    fork: vi.fn((entry: string, _args: string[], forkOptions: unknown) => {
      forked.push({ entry, options: forkOptions });
      const listeners: { event: string; listener: Handler }[] = [];
      const child = {
        on: vi.fn((event: string, listener: Handler) => listeners.push({ event, listener })),
        once: vi.fn((event: string, listener: Handler) => listeners.push({ event, listener })),
        postMessage: vi.fn(),
        kill: vi.fn(() => {
          for (const { event, listener } of listeners) if (event === 'exit') listener(137);
        }),
        pid: 4242,
      };
      return child;
    }),
  };
  const safeStorage = {
    isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(true)),
    encryptStringAsync: vi.fn((text: string) => Promise.resolve(Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`))),
    decryptStringAsync: vi.fn((sealed: Buffer) => Promise.resolve({ result: Buffer.from(sealed.toString().slice('sealed:'.length), 'base64').toString(), shouldReEncrypt: false })),
  };
  const api = { app, BrowserWindow: FakeWindow, dialog, ipcMain, net, protocol, session, shell, utilityProcess, safeStorage };
  return {
    ...api,
    api: api as unknown as ElectronApi,
    order,
    windows,
    forked,
    appHandlers,
    protocolHandlers,
    ipcHandlers,
    permissionHandler: () => permissionHandler,
    permissionCheckHandler: () => permissionCheckHandler,
    /** Resolves app.whenReady() and lets its continuation run. */
    async becomeReady() {
      resolveReady();
      await ready;
      // The secret is read (asynchronously) before the core opens.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    },
    fireApp(name: string, ...args: unknown[]) {
      const handler = appHandlers.get(name);
      if (!handler) throw new Error(`No app '${name}' handler was registered`);
      return handler(...args);
    },
  };
}

type FakeElectron = ReturnType<typeof fakeElectron>;

describe('desktop app lifecycle', () => {
  const savedArgv = process.argv;
  let folder: ReturnType<typeof tempDir>;
  let dataDir: string;
  let mainDir: string;
  let started: FakeElectron[];

  function start(options: Parameters<typeof fakeElectron>[0] = {}): FakeElectron {
    const fake = fakeElectron(options);
    started.push(fake);
    startDesktopApp(fake.api, { mainDir });
    return fake;
  }

  beforeEach(() => {
    folder = tempDir('contactcap-shell-app-');
    dataDir = path.join(folder.dir, 'data');
    mainDir = path.join(folder.dir, 'out', 'main');
    started = [];
    // Never let a test fall back to the real per-machine data folder.
    process.argv = [...savedArgv, `--data-dir=${dataDir}`];
  });

  afterEach(async () => {
    // Close any core the app opened, so the SQLite lock is released before the folder goes.
    for (const fake of started) {
      fake.appHandlers.get('will-quit')?.({ preventDefault: () => undefined });
      // A core was opened (its IPC is wired): wait for its clean close to finish.
      if (fake.ipcMain.handle.mock.calls.length > 0) await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalled(), { timeout: 10_000 });
    }
    process.argv = savedArgv;
    vi.unstubAllEnvs();
    folder.remove();
  });

  it('finds the migrations relative to the project root', () => {
    expect(APP_ROOT).toBe(ROOT);
    expect(existsSync(path.join(APP_ROOT, 'migrations', '0001_init.sql'))).toBe(true);
  });

  describe('when another copy already holds the single-instance lock', () => {
    it('quits at once and creates no window', async () => {
      const fake = start({ singleInstance: false });
      await fake.becomeReady();
      expect(fake.app.quit).toHaveBeenCalledTimes(1);
      expect(fake.app.whenReady).not.toHaveBeenCalled();
      expect(fake.app.on).not.toHaveBeenCalled();
      expect(fake.windows).toHaveLength(0);
      expect(fake.ipcMain.handle).not.toHaveBeenCalled();
      expect(existsSync(dataDir)).toBe(false);
    });
  });

  describe('when it holds the single-instance lock', () => {
    it('registers the app scheme as privileged before waiting for ready', () => {
      const fake = start();
      expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
        { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      ]);
      expect(fake.order.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'requestSingleInstanceLock', 'whenReady']);
      expect(fake.app.quit).not.toHaveBeenCalled();
    });

    it('sets the British English locale before ready, so date fields read day/month/year', () => {
      const fake = start();
      expect(fake.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'en-GB');
    });

    it('opens nothing until the app is ready', () => {
      const fake = start();
      expect(fake.windows).toHaveLength(0);
      expect(fake.protocol.handle).not.toHaveBeenCalled();
      expect(fake.ipcMain.handle).not.toHaveBeenCalled();
      expect(existsSync(dataDir)).toBe(false);
    });

    it('creates one sandboxed, isolated window with the built preload once ready', async () => {
      const fake = start();
      await fake.becomeReady();
      expect(fake.windows).toHaveLength(1);
      const web = fake.windows[0]?.options.webPreferences;
      expect(web?.sandbox).toBe(true);
      expect(web?.contextIsolation).toBe(true);
      expect(web?.nodeIntegration).toBe(false);
      expect(web?.preload).toBe(path.join(folder.dir, 'out', 'preload', 'index.cjs'));
      expect(web?.preload?.endsWith(path.join('preload', 'index.cjs'))).toBe(true);
      expect(fake.windows[0]?.options.width).toBe(1366);
      expect(fake.windows[0]?.options.height).toBe(768);
    });

    it('loads app://contactcap/index.html even when ELECTRON_RENDERER_URL points at a dev server', async () => {
      vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
      const fake = start();
      await fake.becomeReady();
      const window = fake.windows[0];
      expect(window?.loadURL).toHaveBeenCalledTimes(1);
      expect(window?.loadURL).toHaveBeenCalledWith('app://contactcap/index.html');
    });

    it('shows the window only when it is ready to show', async () => {
      const fake = start();
      await fake.becomeReady();
      const window = fake.windows[0];
      expect(window?.show).not.toHaveBeenCalled();
      window?.onceEvents.get('ready-to-show')?.();
      expect(window?.show).toHaveBeenCalledTimes(1);
    });

    it('opens its database in the --data-dir folder and serves the core over IPC', async () => {
      const fake = start();
      await fake.becomeReady();
      expect(existsSync(path.join(dataDir, 'contactcap.db'))).toBe(true);
      expect(fake.ipcMain.handle).toHaveBeenCalledWith('contactcap:invoke', expect.any(Function));
      const invoke = fake.ipcHandlers.get('contactcap:invoke');
      const status = invoke?.({ senderFrame: { url: 'app://contactcap/index.html' } }, 'system.status', {});
      expect(status).toMatchObject({ ok: true, value: { appVersion: '7.8.9', databasePath: path.join(dataDir, 'contactcap.db'), schemaVersion: 6 } });
    });

    it('runs the practice network in a utilityProcess from the built bundle, and keeps the secret with safeStorage', async () => {
      const fake = start();
      await fake.becomeReady();
      const invoke = fake.ipcHandlers.get('contactcap:invoke');
      const created = invoke?.({ senderFrame: { url: 'app://contactcap/index.html' } }, 'network.create', {}) as { ok: boolean; value: { joinCode: string } };
      expect(created.ok).toBe(true);
      expect(fake.forked).toHaveLength(1);
      expect(fake.forked[0]?.entry).toBe(path.join(mainDir, 'replication.js'));
      expect(fake.forked[0]?.options).toMatchObject({ serviceName: 'ContactCap sharing' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fake.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
      const sealed = readFileSync(path.join(dataDir, 'practice-network.key.enc'), 'utf8');
      expect(sealed.startsWith('sealed:')).toBe(true);
      expect(existsSync(path.join(dataDir, 'practice-network.key'))).toBe(false);
      const code = invoke?.({ senderFrame: { url: 'app://contactcap/index.html' } }, 'network.joinCode', {});
      expect(code).toEqual({ ok: true, value: { joinCode: created.value.joinCode } });
    });

    it('pushes data.changed to the window after a write through IPC', async () => {
      const fake = start();
      await fake.becomeReady();
      const invoke = fake.ipcHandlers.get('contactcap:invoke');
      const created = invoke?.({ senderFrame: { url: 'app://contactcap/index.html' } }, 'clinician.create', { name: 'Dr Ada Okafor', role: 'gp_partner' });
      expect(created).toMatchObject({ ok: true, value: { name: 'Dr Ada Okafor', initials: 'AO', dailyCap: null } });
      expect(fake.windows[0]?.webContents.send).toHaveBeenCalledWith('contactcap:event', 'data.changed', expect.objectContaining({ topics: ['clinicians'] }));
    });

    it('serves the built renderer from next to the main bundle over the app scheme', async () => {
      const fake = start();
      await fake.becomeReady();
      expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
      const response = (await fake.protocolHandlers.get('app')?.(new Request('app://contactcap/index.html'))) as Response;
      expect(fake.net.fetch).toHaveBeenCalledWith(pathToFileURL(path.join(folder.dir, 'out', 'renderer', 'index.html')).toString());
      expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    });

    it('denies every permission request', async () => {
      const fake = start();
      await fake.becomeReady();
      expect(fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
      const handler = fake.permissionHandler();
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
        const callback = vi.fn();
        handler?.({}, permission, callback, {});
        expect(callback).toHaveBeenCalledTimes(1);
        expect(callback).toHaveBeenCalledWith(false);
      }
    });

    it('answers no to every permission check, which Chromium makes without a request', async () => {
      const fake = start();
      await fake.becomeReady();
      expect(fake.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
      const check = fake.permissionCheckHandler();
      if (!check) throw new Error('No permission check handler was installed');
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb']) {
        expect(check(null, permission, 'app://contactcap', { embeddingOrigin: 'app://contactcap', securityOrigin: 'app://contactcap' })).toBe(false);
      }
    });

    it('opens the window with DevTools only when not packaged', async () => {
      const installed = start({ packaged: true });
      await installed.becomeReady();
      expect(installed.windows[0]?.options.webPreferences?.devTools).toBe(false);
      // The first app lets its data folder go before the second opens it.
      installed.fireApp('will-quit', { preventDefault: () => undefined });
      await vi.waitFor(() => expect(installed.app.exit).toHaveBeenCalledWith(0), { timeout: 10_000 });
      const development = start({ packaged: false });
      await development.becomeReady();
      expect(development.windows[0]?.options.webPreferences?.devTools).toBe(true);
    });

    it('asks before the window closes or reloads over changes not saved: only Discard changes lets it go, Keep editing keeps it', async () => {
      const fake = start();
      await fake.becomeReady();
      const window = fake.windows[0];
      const refused = window?.contentsEvents.get('will-prevent-unload');
      if (!window || !refused) throw new Error('The window’s page was not guarded');
      const unload = (answer: number) => {
        fake.dialog.showMessageBoxSync.mockReturnValueOnce(answer);
        const event = { preventDefault: vi.fn() };
        refused(event);
        return event.preventDefault;
      };
      // Keep editing (the first button, and Enter and Esc): the page's refusal stands and the window stays.
      expect(unload(0)).not.toHaveBeenCalled();
      const [asked, question] = fake.dialog.showMessageBoxSync.mock.calls[0] ?? [];
      expect(asked).toBe(window);
      expect(question).toMatchObject({ title: 'Leave without saving?', buttons: ['Keep editing', 'Discard changes'], defaultId: 0, cancelId: 0 });
      // Discard changes: the refusal is overridden and the window goes.
      expect(unload(1)).toHaveBeenCalledTimes(1);
    });

    it('keeps the window when the question cannot be asked', async () => {
      const fake = start();
      await fake.becomeReady();
      fake.dialog.showMessageBoxSync.mockImplementationOnce(() => {
        throw new Error('no display');
      });
      const event = { preventDefault: vi.fn() };
      fake.windows[0]?.contentsEvents.get('will-prevent-unload')?.(event);
      expect(fake.dialog.showMessageBoxSync).toHaveBeenCalledTimes(1);
      expect(event.preventDefault).not.toHaveBeenCalled();
    });

    it('restores and focuses the window when a second copy is started', async () => {
      const fake = start();
      await fake.becomeReady();
      const window = fake.windows[0];
      if (!window) throw new Error('No window was created');
      window.minimized = true;
      fake.fireApp('second-instance', {}, ['contactcap'], '/');
      expect(window.restore).toHaveBeenCalledTimes(1);
      expect(window.focus).toHaveBeenCalledTimes(1);
      fake.fireApp('second-instance', {}, ['contactcap'], '/');
      expect(window.restore).toHaveBeenCalledTimes(1);
      expect(window.focus).toHaveBeenCalledTimes(2);
    });

    it('ignores a second copy before the window exists and after it has closed', async () => {
      const fake = start();
      expect(() => fake.fireApp('second-instance', {}, [], '/')).not.toThrow();
      await fake.becomeReady();
      const window = fake.windows[0];
      window?.events.get('closed')?.();
      fake.fireApp('second-instance', {}, [], '/');
      expect(window?.focus).not.toHaveBeenCalled();
      expect(fake.windows).toHaveLength(1);
    });

    it('locks down every web contents it creates, sending allow-listed links to the browser', () => {
      const fake = start();
      let windowOpen: ((details: { url: string }) => unknown) | undefined;
      const contents = {
        setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => unknown) => {
          windowOpen = handler;
        }),
        on: vi.fn(),
      };
      fake.fireApp('web-contents-created', {}, contents);
      expect(contents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
      expect(contents.on).toHaveBeenCalledWith('will-attach-webview', expect.any(Function));
      expect(windowOpen?.({ url: 'https://www.nhs.uk/pharmacy' })).toEqual({ action: 'deny' });
      expect(fake.shell.openExternal).toHaveBeenCalledWith('https://www.nhs.uk/pharmacy');
      expect(windowOpen?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
      expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
    });

    it('quits when every window has closed', () => {
      const fake = start();
      fake.fireApp('window-all-closed');
      expect(fake.app.quit).toHaveBeenCalledTimes(1);
    });

    it('holds the database until will-quit, then closes it and exits once nothing is left running', async () => {
      const fake = start();
      await fake.becomeReady();
      expect(() => openTestCore(dataDir)).toThrow(/Another copy of ContactCap is running/);
      const quitting = { preventDefault: vi.fn() };
      fake.fireApp('will-quit', quitting);
      expect(quitting.preventDefault).toHaveBeenCalledTimes(1);
      await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(0));
      // A second will-quit (from that exit) lets the app go.
      const again = { preventDefault: vi.fn() };
      fake.fireApp('will-quit', again);
      expect(again.preventDefault).not.toHaveBeenCalled();
      const reopened = openTestCore(dataDir);
      try {
        expect(must(reopened.call('clinician.list', {}))).toEqual([]);
      } finally {
        reopened.close();
      }
    });

    it('does nothing on will-quit when the core never started', () => {
      const fake = start();
      expect(() => fake.fireApp('will-quit', { preventDefault: vi.fn() })).not.toThrow();
    });
  });

  describe('when the core cannot start', () => {
    function expectNothingOpened(fake: FakeElectron) {
      expect(fake.app.exit).toHaveBeenCalledTimes(1);
      expect(fake.app.exit).toHaveBeenCalledWith(1);
      expect(fake.windows).toHaveLength(0);
      expect(fake.ipcMain.handle).not.toHaveBeenCalled();
      expect(fake.protocol.handle).not.toHaveBeenCalled();
      expect(fake.session.defaultSession.setPermissionRequestHandler).not.toHaveBeenCalled();
      expect(fake.session.defaultSession.setPermissionCheckHandler).not.toHaveBeenCalled();
    }

    function startOnAFile(): { fake: FakeElectron; notAFolder: string } {
      const notAFolder = path.join(folder.dir, 'not-a-folder');
      writeFileSync(notAFolder, 'I am a file');
      process.argv = [...savedArgv, '--data-dir', notAFolder];
      return { fake: start(), notAFolder };
    }

    it('shows an error, exits with 1 and creates no window when the data folder is a file', async () => {
      const { fake } = startOnAFile();
      await fake.becomeReady();
      expect(fake.dialog.showErrorBox).toHaveBeenCalledTimes(1);
      expect(fake.dialog.showErrorBox.mock.calls[0]?.[0]).toBe('ContactCap could not start');
      expectNothingOpened(fake);
    });

    it('explains a data folder that is a file in words for the person at the PC', async () => {
      const { fake, notAFolder } = startOnAFile();
      await fake.becomeReady();
      const [, message] = fake.dialog.showErrorBox.mock.calls[0] ?? [];
      expect(message).toMatch(/^ContactCap cannot write to its data folder "/);
      expect(message).toContain(`"${notAFolder}"`);
      expect(message).toContain('is not a folder');
      expect(message).toContain('Nothing has been changed');
    });

    it('explains that another copy holds the database', async () => {
      const holder = openTestCore(dataDir);
      try {
        const fake = start();
        await fake.becomeReady();
        const [, message] = fake.dialog.showErrorBox.mock.calls[0] ?? [];
        expect(message).toMatch(/^Another copy of ContactCap is running on this PC/);
        expectNothingOpened(fake);
      } finally {
        holder.close();
      }
    });

    it('reports an unexpected failure, such as missing migrations, with a generic prefix', async () => {
      const fake = start({ appPath: path.join(folder.dir, 'no-app-here') });
      await fake.becomeReady();
      const [title, message] = fake.dialog.showErrorBox.mock.calls[0] ?? [];
      expect(title).toBe('ContactCap could not start');
      expect(message).toMatch(/^ContactCap could not start: Error: ENOENT/);
      expect(message).toContain(path.join(folder.dir, 'no-app-here', 'migrations'));
      expectNothingOpened(fake);
    });
  });
});

describe('--data-dir argument', () => {
  it('reads the folder from the next argument', () => {
    expect(dataDirArgument(['/opt/ContactCap/contactcap', '--data-dir', 'D:\\ContactCapData'])).toBe('D:\\ContactCapData');
  });

  it('reads the folder after an equals sign', () => {
    expect(dataDirArgument(['contactcap', '--data-dir=/srv/contactcap', '--other'])).toBe('/srv/contactcap');
    expect(dataDirArgument(['contactcap', '--data-dir=/srv/a=b'])).toBe('/srv/a=b');
  });

  it('is undefined when the argument is absent', () => {
    expect(dataDirArgument([])).toBeUndefined();
    expect(dataDirArgument(['contactcap', '--data-directory=/x', '--datadir', '/y'])).toBeUndefined();
  });

  it('is undefined when --data-dir is the last argument', () => {
    expect(dataDirArgument(['contactcap', '--data-dir'])).toBeUndefined();
  });

  it('takes the first occurrence when given twice', () => {
    expect(dataDirArgument(['--data-dir=/first', '--data-dir', '/second'])).toBe('/first');
  });

  it('gives an empty string for --data-dir= so the caller falls back to the default', () => {
    expect(dataDirArgument(['--data-dir='])).toBe('');
  });
});
