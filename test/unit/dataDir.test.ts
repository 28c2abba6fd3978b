import { describe, expect, it } from 'vitest';
import { assertLocalDataDir, chooseDataDir, defaultDataDir, isUncPath } from '../../main/core/db/dataDir.ts';

describe('data folder', () => {
  it('is under ProgramData on Windows, never the roaming profile', () => {
    expect(defaultDataDir('win32', { ProgramData: 'D:\\ProgramData', APPDATA: 'C:\\Users\\r\\AppData\\Roaming' })).toBe('D:\\ProgramData\\ContactCap');
    expect(defaultDataDir('win32', {})).toBe('C:\\ProgramData\\ContactCap');
  });

  it('is the XDG data folder on Linux', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/srv/data' }, '/home/reception')).toBe('/srv/data/contactcap');
    expect(defaultDataDir('linux', {}, '/home/reception')).toBe('/home/reception/.local/share/contactcap');
    // A relative XDG_DATA_HOME is invalid by the spec and ignored.
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'relative/data' }, '/home/reception')).toBe('/home/reception/.local/share/contactcap');
  });

  it('takes --data-dir first, then CONTACTCAP_DATA_DIR, then the default', () => {
    const env = { CONTACTCAP_DATA_DIR: '/from/env', XDG_DATA_HOME: '/xdg' };
    expect(chooseDataDir('/from/option', env, 'linux')).toEqual({ dir: '/from/option', source: 'option' });
    expect(chooseDataDir(undefined, env, 'linux')).toEqual({ dir: '/from/env', source: 'environment' });
    expect(chooseDataDir('  ', { XDG_DATA_HOME: '/xdg' }, 'linux')).toEqual({ dir: '/xdg/contactcap', source: 'default' });
  });

  it('recognises UNC paths but not local long-path or device prefixes', () => {
    expect(isUncPath('\\\\server\\share\\ContactCap')).toBe(true);
    expect(isUncPath('//server/share/ContactCap')).toBe(true);
    expect(isUncPath('\\\\?\\UNC\\server\\share')).toBe(true);
    expect(isUncPath('\\\\?\\C:\\ProgramData\\ContactCap')).toBe(false);
    expect(isUncPath('\\\\.\\C:\\ProgramData')).toBe(false);
    expect(isUncPath('C:\\ProgramData\\ContactCap')).toBe(false);
    expect(isUncPath('/var/lib/contactcap')).toBe(false);
  });

  it('keeps a UNC path as given so that it is refused, not resolved under the current folder', () => {
    expect(chooseDataDir('\\\\server\\share\\cc', {}, 'linux').dir).toBe('\\\\server\\share\\cc');
    expect(() => assertLocalDataDir('\\\\server\\share\\cc', 'win32')).toThrow(/network folder/);
    expect(() => assertLocalDataDir('/tmp', 'linux')).not.toThrow();
  });
});
