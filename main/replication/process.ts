/**
 * The replication process: started by the core's supervisor as an Electron
 * utilityProcess in the desktop app and as a child process in the browser
 * host. It holds the Hypercores and the connections, so a crash in their
 * native storage ends this process, never the desk.
 */
import { setPriority } from 'node:os';
import type { FromReplicator, ToReplicator } from '../../shared/replication.ts';
import { Replicator } from './replicator.ts';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: FromReplicator): void {
  if (parentPort) parentPort.postMessage(message);
  else if (process.connected) process.send?.(message);
}

// Below the desk's priority: on a PC with two cores, a catch-up never takes the CPU from a receptionist's keypress.
try {
  setPriority(10);
} catch {
  // Not allowed here: it runs at the normal priority.
}

// The store's folder and files are for this account alone, like the rest of the data folder (0700 and 0600).
try {
  if (process.platform !== 'win32') process.umask(0o077);
} catch {
  // Not allowed here: the data folder's own 0700 still keeps the store from other accounts.
}

const replicator = new Replicator(send);
let queue: Promise<void> = Promise.resolve();

function receive(message: unknown): void {
  if (typeof message !== 'object' || message === null || typeof (message as { kind?: unknown }).kind !== 'string') return;
  const typed = message as ToReplicator;
  queue = queue
    .then(() => replicator.handle(typed))
    .then(() => {
      if (typed.kind === 'stop') process.exit(0);
    })
    .catch((error: unknown) => {
      send({ kind: 'problem', code: 'storage', message: `The replication process failed: ${String(error)}` });
      process.exit(1);
    });
}

if (parentPort) parentPort.on('message', (event) => receive(event.data));
else {
  process.on('message', receive);
  // The core went away: so does this process.
  process.on('disconnect', () => process.exit(0));
}
