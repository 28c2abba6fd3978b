import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/createCore.ts';
import { chooseDataDir } from '../core/createCore.ts';
import { StartupError } from '../core/errors.ts';
import { DEFAULT_NETWORK_PORT } from '../../shared/network.ts';
import { tokenProblem } from './requestGuard.ts';
import { startHost, TOKEN_ENV } from './server.ts';

/** The browser host: `npm run web -- [--port N] [--data-dir DIR]`. */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DEFAULT_PORT = 4725;

const USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR] [--network-port N] [--network-listen ADDR] [--no-discovery]
  --port N        port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir DIR  data folder (default: CONTACTCAP_DATA_DIR, then the per-machine folder)
  --network-port N     the practice network's TCP port for a network created or joined here (default ${DEFAULT_NETWORK_PORT})
  --network-listen ADDR  listen for other PCs on this address only (default: this PC's LAN addresses)
  --no-discovery  do not advertise or look for other PCs by mDNS (typed addresses still work)
  The token in the printed address can be fixed with ${TOKEN_ENV} (at least 32 letters, digits, - _ . ~).`;

function fatal(message: string, exitCode: number): never {
  process.stderr.write(`\nContactCap could not start.\n${message}\n\n`);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  let values: { port?: string; 'data-dir'?: string; help?: boolean; 'network-port'?: string; 'network-listen'?: string; 'no-discovery'?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'network-port': { type: 'string' },
        'network-listen': { type: 'string' },
        'no-discovery': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fatal(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 64);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fatal(`--port must be a whole number from 0 to 65535.\n${USAGE}`, 64);

  const networkPort = values['network-port'] === undefined ? DEFAULT_NETWORK_PORT : Number(values['network-port']);
  if (!Number.isInteger(networkPort) || networkPort < 1024 || networkPort > 65535) fatal(`--network-port must be a whole number from 1024 to 65535.\n${USAGE}`, 64);
  const listen = values['network-listen'];
  if (listen !== undefined && !/^[0-9a-fA-F.:]+$/.test(listen)) fatal(`--network-listen must be an IP address of this PC, such as 192.168.1.20.\n${USAGE}`, 64);

  const token = process.env[TOKEN_ENV]?.trim() || undefined;
  const problem = token === undefined ? null : tokenProblem(token, TOKEN_ENV);
  if (problem) fatal(problem, 64);

  const dataDir = chooseDataDir(values['data-dir'], process.env, process.platform).dir;
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  let core;
  try {
    core = createCore({
      dataDir,
      migrationsDir: path.join(ROOT, 'migrations'),
      appVersion: version,
      network: { defaultPort: networkPort, discovery: !values['no-discovery'], ...(listen === undefined ? {} : { listen: [listen] }) },
    });
  } catch (error) {
    if (error instanceof StartupError) fatal(error.message, 2);
    throw error;
  }
  let host;
  try {
    host = await startHost({ core, rendererDir: path.join(ROOT, 'out', 'renderer'), port, ...(token ? { token } : {}) });
  } catch (error) {
    core.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') fatal(`Port ${port} is already in use on this PC. Start with another port, for example --port ${port + 1}.`, 2);
    throw error;
  }
  process.stdout.write(
    `ContactCap is running in the browser host.\n` +
      `  Data folder: ${dataDir}\n` +
      `  Open: ${host.url}\n` +
      `Press Ctrl+C to stop.\n`,
  );
  const stop = () => {
    void host
      .close()
      .then(() => core.backUpBeforeClose())
      .then(() => {
        core.close();
        // The replication process finishes writing its folder first (it is killed if it takes over 3 s).
        return core.stopped();
      })
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
