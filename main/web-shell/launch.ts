import path from 'node:path';
import { ensureBuilt } from './buildState.ts';

/** `npm run web`: build the renderer when needed, then run the browser host. */
ensureBuilt(path.resolve(import.meta.dirname, '..', '..'), (line) => process.stdout.write(`${line}\n`));
await import('./cli.ts');
