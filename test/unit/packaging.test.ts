import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.ts';

interface BuilderConfig {
  appId?: string;
  npmRebuild?: boolean;
  files?: unknown;
  asarUnpack?: string[];
  nsis?: { perMachine?: boolean };
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
