import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { callHost, freePort, spawnHost, stopHost, type SpawnedHost } from '../helpers/host.ts';

export interface HostInChromium {
  readonly host: SpawnedHost;
  readonly browser: Browser;
  readonly dataDir: string;
  /** Stops the host and starts it again on the same address and data folder, as after a crash or a reboot. */
  restart(): Promise<void>;
}

/**
 * One browser host on its own data folder and one Chromium for a describe block:
 * started before its tests, stopped and removed after them.
 */
export function useHostInChromium(options: {
  folderPrefix: string;
  token: string;
  /** 'npm' starts the host with `npm run web`, exactly as a person would. */
  via?: 'npm' | 'node';
  /** Runs on the empty data folder before the host first starts. */
  prepare?: (dataDir: string) => void;
  /** More arguments for the host, such as the practice network's port and address: read at each start. */
  args?: () => string[];
}): HostInChromium {
  const data = tempDir(options.folderPrefix);
  let host: SpawnedHost | undefined;
  let browser: Browser | undefined;
  let port = 0;
  const start = () => spawnHost({ dataDir: data.dir, port, token: options.token, via: options.via ?? 'node', ...(options.args ? { args: options.args() } : {}) });

  beforeAll(async () => {
    options.prepare?.(data.dir);
    port = await freePort();
    host = await start();
    // These tests run on the real clock at any hour: the practice's sessions run until 23:59, so nobody
    // is "finished for today" because CI happens to run in the evening.
    await callHost(host, 'settings.update', { dayEnd: '23:59' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (host) await stopHost(host);
    data.remove();
  });

  return {
    get host() {
      if (!host) throw new Error('The host has not started yet');
      return host;
    },
    get browser() {
      if (!browser) throw new Error('Chromium has not started yet');
      return browser;
    },
    dataDir: data.dir,
    async restart() {
      if (host) await stopHost(host);
      host = await start();
    },
  };
}
