import path from 'node:path';

/**
 * The layers inside main/, lowest first, and what each may import (besides
 * itself and shared/). A file reaches a layer above it, or a sibling shell,
 * only by breaking this table, and lint says so. The table is printed in
 * docs/architecture.md; change both together.
 */
export const LAYERS = [
  { name: 'the core’s base', paths: ['main/core/errors.ts', 'main/core/files.ts', 'main/core/rendererFile.ts'], may: [] },
  { name: 'db', paths: ['main/core/db/'], may: ['the core’s base'] },
  { name: 'repos', paths: ['main/core/repos/'], may: ['db', 'the core’s base'] },
  { name: 'events', paths: ['main/core/events/'], may: ['repos', 'db', 'the core’s base'] },
  { name: 'exports', paths: ['main/core/exports/'], may: ['repos', 'the core’s base'] },
  { name: 'the context', paths: ['main/core/context.ts'], may: ['events', 'repos', 'db', 'the core’s base'] },
  { name: 'services', paths: ['main/core/services/'], may: ['the context', 'exports', 'events', 'repos', 'db', 'the core’s base'] },
  { name: 'api', paths: ['main/core/api/'], may: ['services', 'the context', 'the core’s base'] },
  { name: 'the network', paths: ['main/core/network/'], may: ['api', 'services', 'the context', 'events', 'repos', 'db', 'the core’s base'] },
  { name: 'createCore', paths: ['main/core/createCore.ts'], may: ['the network', 'api', 'services', 'the context', 'exports', 'events', 'repos', 'db', 'the core’s base'] },
  { name: 'the desktop shell', paths: ['main/desktop-shell/'], may: ['createCore', 'the core’s base'] },
  { name: 'the web shell', paths: ['main/web-shell/'], may: ['createCore', 'the core’s base'] },
  { name: 'the preload', paths: ['main/preload/'], may: [] },
  // Its own process: it holds the Hypercores and never opens SQLite.
  { name: 'the replication process', paths: ['main/replication/'], may: [] },
];

function layerOf(relative) {
  return LAYERS.find((layer) => layer.paths.some((p) => (p.endsWith('/') ? relative.startsWith(p) : relative === p)));
}

function toPosix(file) {
  return file.split(path.sep).join('/');
}

/** @type {import('eslint').Rule.RuleModule} */
const layerRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Files inside main/ import only the layers below them (docs/architecture.md, “Layers inside main/”).' },
    schema: [],
    messages: {
      upward: '{{from}} may not import {{to}} ({{target}}): it may import only {{allowed}}. See “Layers inside main/” in docs/architecture.md.',
      unplaced: '{{file}} is in no layer of eslint.layers.js: add it to a layer there and to the table in docs/architecture.md.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = toPosix(path.relative(root, context.filename));
    const from = layerOf(file);
    if (!from) {
      return file.startsWith('main/')
        ? { Program: (node) => context.report({ node, messageId: 'unplaced', data: { file } }) }
        : {};
    }
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = toPosix(path.relative(root, path.resolve(path.dirname(context.filename), source)));
      if (!target.startsWith('main/')) return;
      const to = layerOf(target);
      if (to === from || (to && from.may.includes(to.name))) return;
      context.report({
        node,
        messageId: 'upward',
        data: { from: from.name.charAt(0).toUpperCase() + from.name.slice(1), to: to ? to.name : 'a file in no layer', target, allowed: [...from.may, 'shared/'].join(', ') },
      });
    }
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const layersPlugin = { rules: { 'import-layers': layerRule } };
