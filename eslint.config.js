import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'bench/results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // The bundle runs on Apps Script: none of Node's or the browser's globals exist there.
    files: ['appsscript/src/**/*.ts', 'common/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error',
        'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'queueMicrotask',
        'fetch', 'require', 'process', 'Buffer', 'global', 'globalThis', 'window', 'document', 'navigator',
        'localStorage', 'sessionStorage', 'XMLHttpRequest', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams',
        'crypto', 'structuredClone', 'atob', 'btoa', '__dirname', '__filename'],
      'no-restricted-imports': ['error', {
        paths: ['fs', 'path', 'crypto', 'os', 'http', 'https', 'url', 'util', 'events', 'stream', 'buffer', 'child_process', 'worker_threads'],
        patterns: ['node:*'],
      }],
    },
  },
);
