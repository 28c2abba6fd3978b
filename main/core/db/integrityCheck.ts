import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export type IntegrityResult = { status: 'ok' } | { status: 'damaged'; detail: string } | { status: 'not_checked'; detail: string };

// Plain CommonJS run in a worker thread, so a long check on a five-year database
// never holds up the reception desk. It reads through its own read-only connection.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let message;
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 10000 });
  try {
    const rows = db.pragma(workerData.full ? 'integrity_check(20)' : 'quick_check(20)');
    const problems = rows.map((row) => Object.values(row)[0]).filter((line) => line !== 'ok');
    message = problems.length === 0 ? { status: 'ok' } : { status: 'damaged', detail: problems.join('; ') };
  } finally {
    db.close();
  }
} catch (error) {
  const code = String((error && error.code) || '');
  const corrupt = code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
  message = { status: corrupt ? 'damaged' : 'not_checked', detail: code + ' ' + String(error && error.message) };
}
parentPort.postMessage(message);
`;

/** Where better-sqlite3 lives, outside app.asar when it has been unpacked from it. */
export function driverPath(): string {
  const resolved = createRequire(import.meta.url).resolve('better-sqlite3');
  const unpacked = resolved.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  return unpacked !== resolved && existsSync(unpacked) ? unpacked : resolved;
}

export interface IntegrityCheck {
  result: Promise<IntegrityResult>;
  cancel(): void;
}

/** Runs SQLite's quick_check (or with `full`, integrity_check, which also compares every index with its table) on the file in a worker thread. */
export function checkIntegrityInBackground(file: string, full = false): IntegrityCheck {
  let worker: Worker | null = null;
  const result = new Promise<IntegrityResult>((resolve) => {
    let settled = false;
    const settle = (result: IntegrityResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    try {
      const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath(), full } });
      worker = started;
      started.once('message', (message: IntegrityResult) => settle(message));
      started.once('error', (error: Error) => settle({ status: 'not_checked', detail: error.message }));
      started.once('exit', () => settle({ status: 'not_checked', detail: 'the check stopped before it finished' }));
    } catch (error) {
      settle({ status: 'not_checked', detail: String(error) });
    }
  });
  return { result, cancel: () => void worker?.terminate() };
}
