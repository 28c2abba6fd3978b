import path from 'node:path';
import type * as Electron from 'electron';
import { createCore, type Core } from '../core/createCore.ts';
import { chooseDataDir } from '../core/createCore.ts';
import { StartupError } from '../core/errors.ts';
import { registerAppScheme, serveRenderer } from './appProtocol.ts';
import { compactController } from './compactWindow.ts';
import { fileActions } from './fileActions.ts';
import { wireIpc } from './ipc.ts';
import { lockDownNavigation } from './navigation.ts';
import { openSafeStorageKeeper, utilityReplication } from './replication.ts';
import { askBeforeUnload } from './unloadGuard.ts';
import { APP_ENTRY_URL, mainWindowOptions } from './windowOptions.ts';

type ElectronApi = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'net' | 'protocol' | 'session' | 'shell' | 'utilityProcess' | 'safeStorage'>;

export interface DesktopPaths {
  /** Folder holding the built main bundle (out/main). */
  mainDir: string;
}

/** `--data-dir DIR` or `--data-dir=DIR` on the command line. */
export function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') return argv[i + 1];
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

/**
 * The thin desktop shell: lifecycle, one window, the app protocol and the IPC
 * channel. Everything else is the core's.
 */
export function startDesktopApp(electron: ElectronApi, paths: DesktopPaths): void {
  const { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell, utilityProcess, safeStorage } = electron;
  registerAppScheme(protocol);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // England only: date and time fields read dd/mm/yyyy and 24-hour, whatever the PC's own language.
  app.commandLine.appendSwitch('lang', 'en-GB');

  let mainWindow: InstanceType<ElectronApi['BrowserWindow']> | null = null;
  let core: Core | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownNavigation(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    const closing = core;
    if (!closing) return;
    core = null;
    event.preventDefault();
    // A clean close: a backup (unless one is under an hour old), the database closed complete, and the
    // replication process done writing its folder (it is killed if it takes over 3 s) before the app goes.
    void closing
      .backUpBeforeClose()
      .then(() => {
        closing.close();
        return closing.stopped();
      })
      .then(() => app.exit(0));
  });

  void app.whenReady().then(async () => {
    const appRoot = app.getAppPath();
    try {
      const dataDir = chooseDataDir(dataDirArgument(process.argv), process.env, process.platform).dir;
      const secrets = await openSafeStorageKeeper(safeStorage, dataDir);
      core = createCore({
        dataDir,
        migrationsDir: path.join(appRoot, 'migrations'),
        appVersion: app.getVersion(),
        // The practice network runs in its own process, and its secret is kept with the OS's protection.
        network: { spawn: utilityReplication(utilityProcess, path.join(paths.mainDir, 'replication.js')), secrets },
      });
    } catch (error) {
      const message = error instanceof StartupError ? error.message : `ContactCap could not start: ${String(error)}`;
      dialog.showErrorBox('ContactCap could not start', message);
      app.exit(1);
      return;
    }
    // No permission is ever asked for or granted: requests are refused, and checks (which Chromium makes without asking) answer no.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    serveRenderer(protocol, net, path.join(paths.mainDir, '..', 'renderer'));
    const window = new BrowserWindow(mainWindowOptions(path.join(paths.mainDir, '..', 'preload', 'index.cjs'), app.isPackaged));
    mainWindow = window;
    const files = fileActions(core, { showSaveDialog: (options) => dialog.showSaveDialog(window, options) }, () => window.webContents, app.getPath('documents'));
    wireIpc(ipcMain, core, () => BrowserWindow.getAllWindows(), { setCompact: compactController(window), ...files });
    askBeforeUnload(window.webContents, (question) => dialog.showMessageBoxSync(window, question));
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      mainWindow = null;
    });
    // Always the built renderer, never a dev server.
    void window.loadURL(APP_ENTRY_URL);
  });
}
