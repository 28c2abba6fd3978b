import path from 'node:path';
import { ensureBuilt } from '../../main/host/buildState.ts';

/** End-to-end tests drive the built renderer: build it once, before any test file starts. */
export default function setup(): void {
  ensureBuilt(path.resolve(import.meta.dirname, '..', '..'), (line) => process.stdout.write(`${line}\n`));
}
