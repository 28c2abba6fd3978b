import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FromReplicator } from '../../../shared/replication.ts';
import type { ReplicationChannel, SecretKeeper } from './supervisor.ts';

/** The replication process's entry point in the source tree (the browser host and the tests run it from here). */
export const REPLICATION_ENTRY = path.resolve(import.meta.dirname, '..', '..', 'replication', 'process.ts');

/** The replication process as a Node child process, speaking over its IPC channel: the browser host's way. */
export function forkReplication(entry: string = REPLICATION_ENTRY): ReplicationChannel {
  const child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  let exited = false;
  const exitListeners: ((detail: string) => void)[] = [];
  const gone = (detail: string) => {
    if (exited) return;
    exited = true;
    for (const listener of exitListeners) listener(detail);
  };
  child.on('exit', (code, signal) => gone(signal ? `ended by ${signal}` : `exited with code ${code}`));
  child.on('error', (error) => gone(String(error)));
  return {
    send(message) {
      if (!exited && child.connected) child.send(message, (error) => error && gone(String(error)));
    },
    onMessage(listener) {
      child.on('message', (message) => listener(message as FromReplicator));
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    kill() {
      if (!exited) child.kill('SIGKILL');
    },
    get pid() {
      return child.pid;
    },
  };
}

/**
 * The practice secret in a file only its owner can read (the browser host's
 * keeping; the desktop app uses the OS's protection instead). Windows ignores
 * the mode: there the data folder's own permissions protect it.
 */
export function fileSecretKeeper(dataDir: string): SecretKeeper {
  const file = path.join(dataDir, 'practice-network.key');
  return {
    read() {
      if (!existsSync(file)) return null;
      const text = readFileSync(file, 'utf8').trim();
      return /^[0-9a-f]{20}$/.test(text) ? Buffer.from(text, 'hex') : null;
    },
    write(secret) {
      // Made owner-only from its first byte, then renamed into place whole.
      const temp = `${file}.${randomBytes(4).toString('hex')}.part`;
      writeFileSync(temp, Buffer.from(secret).toString('hex'), { mode: 0o600, flag: 'wx' });
      renameSync(temp, file);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
