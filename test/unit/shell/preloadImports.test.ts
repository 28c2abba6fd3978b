import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/fixtures.ts';

/**
 * Every package the preload needs at run time, following its relative imports
 * (type-only imports are erased and do not count).
 */
function runtimePackagesOf(entry: string): { packages: string[]; files: string[] } {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement) && statement.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword) specifier = statement.moduleSpecifier;
      if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const name = specifier.text;
      if (name.startsWith('.')) visit(path.resolve(path.dirname(file), name));
      else packages.add(name);
    }
  };
  visit(entry);
  return { packages: [...packages].sort(), files: [...seen].map((file) => path.relative(ROOT, file).split(path.sep).join('/')).sort() };
}

describe('preload import graph', () => {
  const graph = runtimePackagesOf(path.join(ROOT, 'main', 'preload', 'index.ts'));

  it('stays inside main/preload and shared/', () => {
    for (const file of graph.files) expect(file).toMatch(/^(main\/preload|shared)\//);
  });

  it('needs electron at run time', () => {
    expect(graph.packages).toContain('electron');
  });

  it('needs no package but electron, because a sandboxed preload cannot require one', () => {
    expect(graph.packages).toEqual(['electron']);
  });
});
