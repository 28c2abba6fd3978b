import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { layersPlugin } from '../../../eslint.layers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const linter = new Linter({ cwd: ROOT });
const config = [{ files: ['**/*.ts'], plugins: { layers: layersPlugin }, rules: { 'layers/import-layers': 'error' as const } }];

/** The messages lint gives a file at `file` (inside the repository) that imports `source`. */
function problems(file: string, source: string): string[] {
  const code = `import { x } from '${source}';\nexport const y = x;\n`;
  return linter.verify(code, config, { filename: path.join(ROOT, file) }).map((message) => message.message);
}

describe('layers inside main/ (eslint.layers.js)', () => {
  it('refuses an import upward, naming both layers and what may be imported', () => {
    expect(problems('main/core/repos/probe.ts', '../services/configViews.ts')).toEqual([
      'Repos may not import services (main/core/services/configViews.ts): it may import only db, the core’s base, shared/. See “Layers inside main/” in docs/architecture.md.',
    ]);
    expect(problems('main/core/db/probe.ts', '../repos/eventsRepo.ts')).toHaveLength(1);
    expect(problems('main/core/events/probe.ts', '../services/board.ts')).toHaveLength(1);
    expect(problems('main/core/services/probe.ts', '../api/dispatch.ts')).toHaveLength(1);
    expect(problems('main/core/api/probe.ts', '../createCore.ts')).toHaveLength(1);
    expect(problems('main/core/exports/probe.ts', '../services/reports.ts')).toHaveLength(1);
  });

  it('refuses one shell reaching into the other, and a shell reaching past createCore', () => {
    expect(problems('main/desktop-shell/probe.ts', '../web-shell/server.ts')).toEqual([
      'The desktop shell may not import the web shell (main/web-shell/server.ts): it may import only createCore, the core’s base, shared/. See “Layers inside main/” in docs/architecture.md.',
    ]);
    expect(problems('main/web-shell/probe.ts', '../desktop-shell/ipc.ts')).toHaveLength(1);
    expect(problems('main/web-shell/probe.ts', '../core/services/board.ts')).toHaveLength(1);
    expect(problems('main/desktop-shell/probe.ts', '../core/repos/eventsRepo.ts')).toHaveLength(1);
  });

  it('allows every import downward, within a layer, and to shared/', () => {
    expect(problems('main/core/services/probe.ts', '../repos/contactsRepo.ts')).toEqual([]);
    expect(problems('main/core/services/probe.ts', './board.ts')).toEqual([]);
    expect(problems('main/core/repos/probe.ts', '../db/store.ts')).toEqual([]);
    expect(problems('main/core/events/probe.ts', '../repos/eventsRepo.ts')).toEqual([]);
    expect(problems('main/core/api/probe.ts', '../services/board.ts')).toEqual([]);
    expect(problems('main/core/createCore.ts', './api/dispatch.ts')).toEqual([]);
    expect(problems('main/web-shell/probe.ts', '../core/createCore.ts')).toEqual([]);
    expect(problems('main/desktop-shell/probe.ts', '../core/errors.ts')).toEqual([]);
    expect(problems('main/core/repos/probe.ts', '../../../shared/text.ts')).toEqual([]);
  });

  it('asks for a new file or folder in main/ to be given a layer', () => {
    expect(problems('main/tools/probe.ts', '../core/createCore.ts')).toEqual([
      'main/tools/probe.ts is in no layer of eslint.layers.js: add it to a layer there and to the table in docs/architecture.md.',
    ]);
  });
});
