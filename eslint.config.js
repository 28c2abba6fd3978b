import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint.layers.js';

/**
 * Layers by folder, checked here rather than by goodwill (STYLE.md §1):
 * - shared/ imports no electron, no Node built-ins, no main/ or renderer/, and uses no DOM;
 * - renderer/ imports only shared/ (and browser libraries);
 * - the core (main/ outside desktop-shell/ and preload/) never imports electron;
 * - the preload imports only electron and shared/.
 */
const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`, `${name}/*`]);
const banned = (names, message) => names.map((name) => ({ name, message }));
const electronBan = { group: ['electron', 'electron/*'], message: 'Only the Electron shell (main/desktop-shell, main/preload) may import electron.' };
const nodeBan = { group: ['node:*', ...nodeBuiltins], message: 'This layer runs anywhere: no Node built-ins.' };
const mainBan = { group: ['**/main/**', '../main', '../../main'], message: 'This layer may not reach into main/.' };
const rendererBan = { group: ['**/renderer/**'], message: 'Nothing outside renderer/ imports from it.' };
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'EventSource', 'HTMLElement'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.bench/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'eslint.layers.js', 'build/afterPack.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a const array and a union type: enums are not erasable syntax.' }],
    },
  },
  {
    files: ['eslint.config.js', 'eslint.layers.js', 'build/afterPack.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBan, nodeBan, mainBan, rendererBan] }],
      'no-restricted-globals': ['error', ...banned(DOM_GLOBALS, 'shared/ runs in Node and in the page: no DOM.'), 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [electronBan, nodeBan, mainBan] }],
    },
  },
  {
    // Components go through stores only (STYLE.md §6): the api client and the transport are the stores' to use.
    files: ['renderer/src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electronBan, nodeBan, mainBan, { regex: '(^|/)api/', message: 'Components go through stores only: call a store action, not renderer/src/api.' }] },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/desktop-shell/**', 'main/preload/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBan, rendererBan] }],
    },
  },
  {
    files: ['main/desktop-shell/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererBan] }] },
  },
  {
    files: ['main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!electron$|\\.\\./\\.\\./shared/)', message: 'The preload imports only electron and shared/.' }] },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/import-layers': 'error' },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a const array and a union type: enums are not erasable syntax.' },
        {
          selector: "NewExpression[callee.name=/^Weak(Map|Set)$/]",
          message: 'The core keeps nothing in memory on its own: declare a CacheSlot and keep it in the core’s one Caches object (main/core/db/caches.ts).',
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', '*.config.{ts,mts}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
