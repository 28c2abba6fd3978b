import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../main/core/createCore.ts';
import type { Clock, IdSource } from '../../main/core/context.ts';
import { StartupError } from '../../main/core/errors.ts';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const MIGRATIONS_DIR = path.join(ROOT, 'migrations');

/** A fresh folder under the system temp folder; removed by the returned function. */
export function tempDir(prefix = 'contactcap-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start: string | number) {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): number {
    return this.current;
  }
  set(at: string | number): void {
    this.current = typeof at === 'number' ? at : Date.parse(at);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Predictable ids: id-0001, id-0002, … */
export function sequentialIds(prefix = 'id'): IdSource {
  let n = 0;
  return { newId: () => `${prefix}-${String(++n).padStart(4, '0')}` };
}

export function openTestCore(dataDir: string, options: Partial<CoreOptions> = {}): Core {
  return createCore({ dataDir, migrationsDir: MIGRATIONS_DIR, lockAttempts: 1, lockWaitMs: 200, integrityCheck: 'off', auditCheck: 'off', endOfDayTimer: 'off', backupTimer: 'off', ...options });
}

/** Unwraps a successful envelope, failing the test with the error message otherwise. */
export function must<T>(envelope: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!envelope.ok) throw new Error(`Expected success, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

/** Runs a start-up that must fail, and returns its StartupError. */
export function startupFailure(run: () => unknown): StartupError {
  try {
    run();
  } catch (error) {
    if (error instanceof StartupError) return error;
    throw error;
  }
  throw new Error('Expected the core to refuse to start');
}

/** Temp folders for one test file: `make()` one, `removeAll()` in afterEach. */
export function tempDirs(): { make: () => string; removeAll: () => void } {
  const made: (() => void)[] = [];
  return {
    make: () => {
      const temp = tempDir();
      made.push(temp.remove);
      return temp.dir;
    },
    removeAll: () => {
      while (made.length > 0) made.pop()?.();
    },
  };
}
