import path from 'node:path';
import { ensureBuilt } from '../../main/web-shell/buildState.ts';

/**
 * End-to-end tests drive the built renderer: build it once, before any test file
 * starts. CONTACTCAP_SKIP_BUILD=1 skips this when only core tests are being run.
 */
export default function setup(): void {
  if (process.env.CONTACTCAP_SKIP_BUILD === '1') return;
  ensureBuilt(path.resolve(import.meta.dirname, '..', '..'), (line) => process.stdout.write(`${line}\n`));
}
