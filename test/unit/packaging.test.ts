import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.ts';

interface BuilderConfig {
  appId?: string;
  npmRebuild?: boolean;
  files?: unknown;
  asarUnpack?: string[];
  nsis?: { perMachine?: boolean; include?: string };
}

interface ConfigModule {
  getConfig: (projectDir: string, configPath: string | null, configFromOptions: null) => Promise<BuilderConfig>;
  validateConfiguration: (config: BuilderConfig, debugLogger: unknown) => Promise<void>;
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema check, offline', async () => {
    const { getConfig, validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as ConfigModule;
    const { DebugLogger } = (await import('builder-util')) as unknown as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.npmRebuild).toBe(false);
    expect(config.nsis?.perMachine).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    // The replication engine's native addons load from outside app.asar, in the utilityProcess.
    for (const addon of ['rocksdb-native', 'sodium-native', 'quickbit-native', 'simdle-native', 'fs-native-extensions', 'require-addon']) {
      expect(config.asarUnpack).toContain(`node_modules/${addon}/**`);
    }
    // The PIN hashes' binding loads its prebuilt binary from outside app.asar.
    expect(config.asarUnpack).toContain('node_modules/argon2/**');
    expect(config.asarUnpack).toContain('node_modules/node-gyp-build/**');
    const files = JSON.stringify(config.files);
    expect(files).toContain('"out/**"');
    expect(files).toContain('"migrations/*.sql"');
  });

  it('keeps renderer-only libraries out of the packaged dependencies', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const bundled of ['react', 'react-dom', 'zustand', 'electron']) expect(Object.keys(pkg.dependencies)).not.toContain(bundled);
    expect(Object.keys(pkg.dependencies)).toContain('better-sqlite3');
  });
});

describe('the Windows installer’s data folder access list (docs/security.md)', () => {
  const script = () => readFileSync(path.join(ROOT, 'build', 'installer.nsh'), 'utf8');

  it('is included by the NSIS configuration', async () => {
    const { getConfig } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as ConfigModule;
    const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
    expect(config.nsis?.include).toBe('build/installer.nsh');
  });

  it('drops what the folder inherits and grants SYSTEM and Administrators full control and Users modify, by SID, in customInstall', () => {
    const text = script();
    const macro = /!macro customInstall\n([\s\S]*?)!macroend/.exec(text)?.[1] ?? '';
    const grant = macro.split('\n').find((line) => line.includes('/grant:r')) ?? '';
    expect(grant).toContain('"$COMMONAPPDATA\\ContactCap" /inheritance:r');
    expect(grant.match(/\*S-1-5-[0-9-]+:\(OI\)\(CI\)[FM]/g)).toEqual(['*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '*S-1-5-32-545:(OI)(CI)M']);
    expect(macro).toContain('"$COMMONAPPDATA\\ContactCap\\*" /reset /T /C');
    expect(macro).toContain('SetShellVarContext all');
  });

  it('never grants Everyone, Authenticated Users or anyone full control beyond SYSTEM and Administrators', () => {
    const text = script();
    for (const wide of ['S-1-1-0', 'Everyone', 'S-1-5-11', '*S-1-5-32-545:(OI)(CI)F']) expect(text).not.toContain(wide);
  });
});

