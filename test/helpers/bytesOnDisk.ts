import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every regular file under `dir` that is not empty. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() && statSync(full).size > 0 ? [full] : [];
  });
}

/** The files under any of `dirs` whose bytes contain `needle`. */
export function filesHolding(dirs: string | string[], needle: Buffer): string[] {
  return (Array.isArray(dirs) ? dirs : [dirs]).flatMap(filesUnder).filter((file) => readFileSync(file).includes(needle));
}
