import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type * as Electron from 'electron';
import type { FromReplicator } from '../../shared/replication.ts';
import { fileSecretKeeper, type ReplicationChannel, type SecretKeeper } from '../core/createCore.ts';

type UtilityProcessApi = Pick<typeof Electron, 'utilityProcess'>['utilityProcess'];
type SafeStorageApi = Pick<Electron.SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

/**
 * The replication process as an Electron utilityProcess: a separate OS
 * process, so a crash in the engine's native storage ends it and never the
 * window or the core. The core's supervisor restarts it.
 */
export function utilityReplication(utilityProcess: UtilityProcessApi, entry: string): () => ReplicationChannel {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'ContactCap sharing', stdio: 'inherit' });
    let exited = false;
    const exitListeners: ((detail: string) => void)[] = [];
    child.on('exit', (code) => {
      if (exited) return;
      exited = true;
      for (const listener of exitListeners) listener(`exited with code ${code}`);
    });
    return {
      send(message) {
        if (!exited) child.postMessage(message);
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
 * safeStorage, in an owner-only file. Where the OS offers no protection the
 * browser host's owner-only file is used instead.
 */
export function safeStorageKeeper(safeStorage: SafeStorageApi, dataDir: string): SecretKeeper {
  const file = path.join(dataDir, 'practice-network.key.enc');
  const plain = fileSecretKeeper(dataDir);
  return {
    read() {
      if (existsSync(file)) {
        try {
          const text = safeStorage.decryptString(readFileSync(file));
          if (/^[0-9a-f]{20}$/.test(text)) return Buffer.from(text, 'hex');
        } catch {
          return null;
        }
      }
      return plain.read();
    },
    write(secret) {
      if (!safeStorage.isEncryptionAvailable()) {
        plain.write(secret);
        return;
      }
      const temp = `${file}.${randomBytes(4).toString('hex')}.part`;
      writeFileSync(temp, safeStorage.encryptString(Buffer.from(secret).toString('hex')), { mode: 0o600, flag: 'wx' });
      renameSync(temp, file);
    },
    clear() {
      rmSync(file, { force: true });
      plain.clear();
    },
  };
}
