import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from './fixtures.ts';

export interface SpawnedHost {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  output: () => string;
}

/** A port that was free a moment ago, for tests that restart a host on the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface HostLaunch {
  dataDir: string;
  port?: number;
  token?: string;
  /** 'npm' runs `npm run web` exactly as a person would; 'node' starts the host entry directly. */
  via?: 'npm' | 'node';
  env?: NodeJS.ProcessEnv;
  /** More arguments for the host (the practice network's port and address, for instance). */
  args?: string[];
}

/** Starts the browser host in its own process group and waits for the address it prints. */
export function spawnHost(launch: HostLaunch): Promise<SpawnedHost> {
  const args = ['--port', String(launch.port ?? 0), '--data-dir', launch.dataDir, ...(launch.args ?? [])];
  const env = { ...process.env, ...launch.env, ...(launch.token ? { CONTACTCAP_TOKEN: launch.token } : {}) };
  const child =
    launch.via === 'npm'
      ? spawn('npm', ['run', '--silent', 'web', '--', ...args], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, [path.join(ROOT, 'main', 'web-shell', 'cli.ts'), ...args], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host did not start in time:\n${text}`)), 30_000);
    const check = () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/.exec(text);
      if (!match?.[1] || !match[2] || !match[3]) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve({ url: match[1], origin: `http://127.0.0.1:${match[2]}`, token: match[3], child, output: () => text });
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited with code ${String(code)} before starting:\n${text}`));
    });
  });
}

/** Stops the whole process group (npm, its shell and node) and waits for the exit. */
export async function stopHost(host: SpawnedHost, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (host.child.exitCode !== null || host.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => host.child.once('exit', () => resolve()));
  try {
    process.kill(-(host.child.pid ?? 0), signal);
  } catch {
    host.child.kill(signal);
  }
  await exited;
}

/** Calls the host's HTTP API with its token. */
export async function callHost(host: { origin: string; token: string }, method: string, input: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-ContactCap-Token': host.token },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}

/** Waits until the host's background check of the database has finished, so timings do not share the CPU with it. */
export async function waitForIntegrityCheck(host: { origin: string; token: string }): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const status = (await callHost(host, 'system.status', {})).body as { value: { integrity: string } };
    if (status.value.integrity !== 'checking') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * For tests on the real clock, which run at any hour and on any day: puts the
 * clinicians on today's rota for both sessions and makes the practice's sessions
 * run until 23:59, so nobody is "finished for today" or off the rota mid-test.
 */
export async function workingAllDay(host: { origin: string; token: string }, clinicianIds: readonly string[]): Promise<void> {
  const status = (await callHost(host, 'system.status', {})).body as { value: { today: string } };
  await callHost(host, 'settings.update', { dayEnd: '23:59' });
  for (const clinicianId of clinicianIds) {
    await callHost(host, 'rota.setDay', { clinicianId, day: status.value.today, override: { am: true, pm: true } });
  }
}
