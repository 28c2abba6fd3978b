import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fuses from '@electron/fuses';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPack, electronExecutable, type PackedApp } from '../../../build/afterPack.mjs';
import { ROOT, tempDir } from '../../helpers/fixtures.ts';

// The real library flips the bits in the stand-in executables below; the spy records what it was asked.
vi.mock('@electron/fuses', async (importOriginal) => {
  const real = await importOriginal<typeof Fuses>();
  return { ...real, flipFuses: vi.fn(real.flipFuses) };
});

/** The marker Electron puts before its fuse wire (@electron/fuses' SENTINEL). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's own settings, as its fuses documentation gives them, one character a fuse in
 * FuseV1Options order: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on,
 * asar integrity off, only-from-asar off, V8 snapshot off, file:// privileges on, Wasm trap handlers on.
 */
const ELECTRON_DEFAULT_WIRE = '101100011';
/** ContactCap's six, then the three it leaves as Electron sets them. */
const CONTACTCAP_WIRE = '010011' + '011';

/** A file shaped like an Electron executable where it matters: some bytes, the sentinel, version 1, the wire's length, the wire. */
function standInExecutable(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const header = Buffer.from([Number(FuseVersion.V1), ELECTRON_DEFAULT_WIRE.length]);
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), header, Buffer.from(ELECTRON_DEFAULT_WIRE), Buffer.alloc(4096, 0x90)]));
}

function wireIn(file: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  const length = bytes[at + 1] ?? 0;
  return bytes.subarray(at + 2, at + 2 + length).toString('latin1');
}

interface BuilderConfig {
  productName?: string;
  afterPack?: unknown;
  electronFuses?: unknown;
}

const config = await (async () => {
  const { getConfig } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
    getConfig: (projectDir: string, configPath: string | null, configFromOptions: null) => Promise<BuilderConfig>;
  };
  return getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
})();

const X64 = 1;
const ARM64 = 3;
const UNIVERSAL = 4;

describe('Electron fuses in the packaged app', () => {
  const folder = tempDir('contactcap-fuses-');
  let count = 0;
  const appOutDir = () => path.join(folder.dir, `build-${++count}`);
  /** What electron-builder's packager says about ContactCap (appInfo.productFilename, the Linux executableName). */
  const packager = { appInfo: { productFilename: 'ContactCap' }, executableName: 'contactcap' };
  const spy = vi.mocked(flipFuses);

  beforeEach(() => {
    spy.mockClear();
  });
  afterAll(() => folder.remove());

  it('is ContactCap by the product name electron-builder.yml gives, and electron-builder’s own fuse option is left unset', () => {
    expect(config.productName).toBe('ContactCap');
    expect(config.afterPack).toBe('./build/afterPack.mjs');
    // Set there as well, the fuses would be flipped twice, from two lists that could disagree.
    expect(config.electronFuses).toBeUndefined();
  });

  it('is the hook electron-builder loads from electron-builder.yml, and it sets the fuses in a Windows build', async () => {
    const { resolveFunction } = createRequire(import.meta.url)('app-builder-lib/out/util/resolve.js') as {
      resolveFunction: (type: unknown, executor: unknown, name: string, root: string) => Promise<unknown>;
    };
    // electron-builder resolves ./ hook paths from the folder it runs in: the project's.
    expect(process.cwd()).toBe(ROOT);
    const loaded = await resolveFunction(undefined, config.afterPack, 'afterPack', ROOT);
    if (typeof loaded !== 'function') throw new Error('electron-builder found no afterPack function');
    const out = appOutDir();
    standInExecutable(path.join(out, 'ContactCap.exe'));
    // electron-builder's copy loads the real @electron/fuses, not this file's spy.
    await (loaded as (context: PackedApp) => Promise<void>)({ appOutDir: out, electronPlatformName: 'win32', arch: X64, packager });
    expect(wireIn(path.join(out, 'ContactCap.exe'))).toBe(CONTACTCAP_WIRE);
  });

  it('asks for exactly ContactCap’s six fuses, each on or off as required', async () => {
    const out = appOutDir();
    standInExecutable(path.join(out, 'ContactCap.exe'));
    await afterPack({ appOutDir: out, electronPlatformName: 'win32', arch: X64, packager });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[1]).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it.each([
    ['win32', 'ContactCap.exe'],
    ['linux', 'contactcap'],
  ])('sets them, on %s, in %s', async (platform, name) => {
    const out = appOutDir();
    const exe = path.join(out, name);
    standInExecutable(exe);
    await afterPack({ appOutDir: out, electronPlatformName: platform, arch: X64, packager });
    expect(spy.mock.calls[0]?.[0]).toBe(exe);
    expect(wireIn(exe)).toBe(CONTACTCAP_WIRE);
  });

  it('sets them in the Electron framework inside ContactCap.app on an Intel Mac, with no new signature needed', async () => {
    const out = appOutDir();
    const framework = path.join(out, 'ContactCap.app', 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
    standInExecutable(framework);
    await afterPack({ appOutDir: out, electronPlatformName: 'darwin', arch: X64, packager });
    expect(spy.mock.calls[0]?.[0]).toBe(path.join(out, 'ContactCap.app'));
    expect(spy.mock.calls[0]?.[1]).toMatchObject({ resetAdHocDarwinSignature: false });
    expect(wireIn(framework)).toBe(CONTACTCAP_WIRE);
  });

  it('asks for the ad-hoc signature to be made again on an Apple-silicon or universal Mac build, and only there', async () => {
    // codesign is macOS's: here the spy answers instead of the library.
    for (const arch of [ARM64, UNIVERSAL]) {
      spy.mockResolvedValueOnce(1);
      await afterPack({ appOutDir: '/release/mac-arm64', electronPlatformName: 'darwin', arch, packager });
    }
    expect(spy.mock.calls.map((call) => [call[0], call[1].resetAdHocDarwinSignature])).toEqual([
      [path.join('/release/mac-arm64', 'ContactCap.app'), true],
      [path.join('/release/mac-arm64', 'ContactCap.app'), true],
    ]);
    const out = appOutDir();
    standInExecutable(path.join(out, 'contactcap'));
    await afterPack({ appOutDir: out, electronPlatformName: 'linux', arch: ARM64, packager });
    expect(spy.mock.calls[2]?.[1]).toMatchObject({ resetAdHocDarwinSignature: false });
  });

  it('stops the build, saying why, for a platform whose executable it cannot find', async () => {
    expect(() => electronExecutable({ appOutDir: '/release', electronPlatformName: 'freebsd', packager })).toThrow(
      'ContactCap does not know where the Electron executable is in a "freebsd" build, so its fuses cannot be set.',
    );
    await expect(afterPack({ appOutDir: '/release', electronPlatformName: 'linux', arch: X64, packager: { appInfo: packager.appInfo } })).rejects.toThrow(
      'The Linux build gave no executable name',
    );
    expect(spy).not.toHaveBeenCalled();
  });
});
