import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type * as Electron from 'electron';
import type { FromReplicator } from '../../shared/replication.ts';
import { fileSecretKeeper, type ReplicationChannel, type SecretKeeper } from '../core/createCore.ts';

type UtilityProcessApi = Pick<typeof Electron, 'utilityProcess'>['utilityProcess'];
type SafeStorageApi = Pick<Electron.SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>;

/**
 * The replication process as an Electron utilityProcess: a separate OS
 * process, so a crash in the engine's native storage ends it and never the
 * window or the core. The core's supervisor restarts it.
 */
export function utilityReplication(utilityProcess: UtilityProcessApi, entry: string): () => ReplicationChannel {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'ContactCap sharing', stdio: 'inherit' });
    let exited = false;
    // Messages wait until the process has started.
    let spawned = false;
    let waiting: unknown[] = [];
    child.once('spawn', () => {
      spawned = true;
      for (const message of waiting) child.postMessage(message);
      waiting = [];
    });
    const exitListeners: ((detail: string) => void)[] = [];
    child.on('exit', (code) => {
      if (exited) return;
      exited = true;
      for (const listener of exitListeners) listener(`exited with code ${code}`);
    });
    return {
      send(message) {
        if (exited) return;
        if (spawned) child.postMessage(message);
        else waiting.push(message);
      },
      onMessage(listener) {
        child.on('message', (message: unknown) => listener(message as FromReplicator));
      },
      onExit(listener) {
        exitListeners.push(listener);
      },
      kill() {
        if (!exited) child.kill();
      },
      get pid() {
        return child.pid;
      },
    };
  };
}

/**
 * The practice secret encrypted with the OS's protection (DPAPI on Windows,
 * the keychain on macOS, the secret service on Linux) through Electron's
 * safeStorage, in an owner-only file. It is read once, before the core
 * starts, and kept in memory; a new secret is sealed and written in the
 * background. Where the OS offers no protection the browser host's
 * owner-only file is used instead.
 */
export async function openSafeStorageKeeper(safeStorage: SafeStorageApi, dataDir: string): Promise<SecretKeeper> {
  const file = path.join(dataDir, 'practice-network.key.enc');
  const plain = fileSecretKeeper(dataDir);
  const sealedSecret = async (): Promise<Uint8Array | null> => {
    if (!existsSync(file)) return null;
    try {
      const { result } = await safeStorage.decryptStringAsync(readFileSync(file));
      return /^[0-9a-f]{20}$/.test(result) ? Buffer.from(result, 'hex') : null;
    } catch {
      return null;
    }
  };
  let held: Uint8Array | null = (await sealedSecret()) ?? plain.read();
  let writing: Promise<void> = Promise.resolve();
  return {
    read: () => held,
    write(secret) {
      held = secret;
      writing = writing.then(async () => {
        if (!(await safeStorage.isAsyncEncryptionAvailable())) {
          plain.write(secret);
          return;
        }
        const sealed = await safeStorage.encryptStringAsync(Buffer.from(secret).toString('hex'));
        const temp = `${file}.${randomBytes(4).toString('hex')}.part`;
        writeFileSync(temp, sealed, { mode: 0o600, flag: 'wx' });
        renameSync(temp, file);
      }).catch((error: unknown) => {
        console.error('ContactCap: the join code could not be sealed; it is kept in an owner-only file instead', error);
        plain.write(secret);
      });
    },
    clear() {
      held = null;
      rmSync(file, { force: true });
      plain.clear();
    },
  };
}
