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
  // The bundle's layers only look down: domain (pure) <- store (the sheet schema) <- services (use cases)
  // <- gas (Apps Script services) <- main.ts. The domain plans the archive over raw Log rows, so it may read
  // the schema's constants; nothing else runs up.
  ...[
    ['appsscript/src/domain/**/*.ts', ['**/services/**', '**/gas/**', '**/http/**', '**/store/tables.ts', '**/store/reference.ts', '**/store/setup*.ts']],
    ['appsscript/src/store/**/*.ts', ['**/services/**', '**/gas/**', '**/http/**']],
    ['appsscript/src/services/**/*.ts', ['**/gas/**']],
  ].map(([files, group]) => ({
    files: [files],
    ignores: ['appsscript/src/**/*.test.ts'],
    rules: {
      // Replaces the bundle-wide rule above for these files, so it repeats the Node modules.
      'no-restricted-imports': ['error', {
        paths: ['fs', 'path', 'crypto', 'os', 'http', 'https', 'url', 'util', 'events', 'stream', 'buffer', 'child_process', 'worker_threads'],
        patterns: [
          { group: ['node:*'], message: 'Apps Script has no Node modules.' },
          { group, message: 'appsscript/src layers only import downwards (domain <- store <- services <- gas).' },
        ],
      }],
    },
  })),
  {
    // The runtime emulates Apps Script; the bot is another program that talks to it. Only the entry point
    // of `npm start` (scripts/local-server.ts) joins the two.
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/bot/**'], message: 'emulator/ must not import bot/: wire the two in scripts/.' }] }],
    },
  },
);
