import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Folders whose files end up in the renderer bundle. */
const RENDERER_SOURCES = ['renderer', 'shared', 'electron.vite.config.ts', 'package.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when out/renderer is missing or older than any of its sources. */
export function rendererBuildIsStale(root: string): boolean {
  const built = path.join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return RENDERER_SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

/** Builds with electron-vite when the renderer bundle is stale. */
export function ensureBuilt(root: string, log: (line: string) => void = () => {}): void {
  if (!rendererBuildIsStale(root)) return;
  log('Building ContactCap (first run, or the sources changed)…');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`The build failed:\n${result.stdout}\n${result.stderr}`);
  }
}
