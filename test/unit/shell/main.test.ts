import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ROOT } from '../../helpers/fixtures.ts';

const fake = vi.hoisted(() => ({
  startDesktopApp: vi.fn<(modules: Record<string, unknown>, paths: { mainDir: string }) => void>(),
  electron: {
    app: { name: 'app' },
    BrowserWindow: { name: 'BrowserWindow' },
    dialog: { name: 'dialog' },
    ipcMain: { name: 'ipcMain' },
    net: { name: 'net' },
    protocol: { name: 'protocol' },
    session: { name: 'session' },
    shell: { name: 'shell' },
    utilityProcess: { name: 'utilityProcess' },
    safeStorage: { name: 'safeStorage' },
    ipcRenderer: { name: 'ipcRenderer' },
    webContents: { name: 'webContents' },
  },
}));

vi.mock('electron', () => fake.electron);
vi.mock('../../../main/desktop-shell/desktopApp.ts', () => ({ startDesktopApp: fake.startDesktopApp }));

describe('Electron entry point', () => {
  it('starts the desktop app once, with exactly the Electron modules it needs and its own folder', async () => {
    await import('../../../main/desktop-shell/main.ts');
    expect(fake.startDesktopApp).toHaveBeenCalledTimes(1);
    const [modules, paths]: [Record<string, unknown>, { mainDir: string } | undefined] = fake.startDesktopApp.mock.calls[0] ?? [{}, undefined];
    expect(Object.keys(modules).sort()).toEqual(['BrowserWindow', 'app', 'dialog', 'ipcMain', 'net', 'protocol', 'safeStorage', 'session', 'shell', 'utilityProcess']);
    const { electron } = fake;
    for (const name of ['app', 'BrowserWindow', 'dialog', 'ipcMain', 'net', 'protocol', 'session', 'shell', 'utilityProcess', 'safeStorage'] as const) {
      expect(modules[name], name).toBe(electron[name]);
    }
    expect(paths).toEqual({ mainDir: path.join(ROOT, 'main', 'desktop-shell') });
  });
});
