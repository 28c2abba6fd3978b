import { statfsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { StartupError } from '../errors.ts';

export const DATA_DIR_ENV = 'CONTACTCAP_DATA_DIR';
export const DATABASE_FILE = 'contactcap.db';

/**
 * The per-machine data folder (DESIGN.md §3): %ProgramData% on Windows, never the
 * roaming profile, which group policy can redirect to a network share where WAL
 * does not work; the XDG data folder on Linux.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home = homedir()): string {
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
    return path.win32.join(programData, 'ContactCap');
  }
  if (platform === 'darwin') return '/Users/Shared/ContactCap';
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(xdg, 'contactcap');
}

export interface DataDirChoice {
  dir: string;
  source: 'option' | 'environment' | 'default';
}

/** --data-dir wins, then CONTACTCAP_DATA_DIR, then the per-machine default. */
export function chooseDataDir(option: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): DataDirChoice {
  if (option !== undefined && option.trim() !== '') return { dir: absolute(option), source: 'option' };
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { dir: absolute(fromEnv), source: 'environment' };
  return { dir: defaultDataDir(platform, env), source: 'default' };
}

/** A UNC path stays as given, so it is recognised and refused rather than resolved under the current folder. */
function absolute(dir: string): string {
  return isUncPath(dir) ? dir : path.resolve(dir);
}

/** True for \\server\share and //server/share, but not for \\?\C:\ or \\.\ device paths. */
export function isUncPath(dir: string): boolean {
  if (/^\\\\\?\\UNC\\/i.test(dir)) return true;
  if (/^[\\/]{2}[?.][\\/]/.test(dir)) return false;
  return /^[\\/]{2}[^\\/]/.test(dir);
}

// statfs f_type magic numbers of network file systems (linux/magic.h).
const NETWORK_FS_TYPES = new Set([
  0x6969, // NFS
  0x517b, // SMB
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x564c, // NCP
  0x73757245, // Coda
  0x5346414f, // AFS
  0x47504653, // GPFS
  0x00c36400, // Ceph
]);

/** The file-system type of the nearest folder that exists, or null if unknown. */
function fileSystemTypeOf(dir: string): number | null {
  let current = dir;
  for (;;) {
    try {
      return statfsSync(current).type;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return null;
      current = parent;
    }
  }
}

/** Refuse a data folder on a network share, with a message for the person setting up the PC. */
export function assertLocalDataDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  const network = isUncPath(dir) || (platform === 'linux' && NETWORK_FS_TYPES.has(fileSystemTypeOf(dir) ?? 0));
  if (network) {
    throw new StartupError(
      'network_path',
      `ContactCap keeps its data on this PC's own disk and cannot use the network folder "${dir}". ` +
        `SQLite's write-ahead log is not safe over a network share. Choose a folder on a local disk ` +
        `(the default is C:\\ProgramData\\ContactCap on Windows) and start ContactCap again.`,
    );
  }
}
