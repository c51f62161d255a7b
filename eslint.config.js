// Lint: TypeScript's recommended rules plus the layer rules that keep the architecture honest.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'url', 'util', 'stream'];
const layer = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'db/migrations/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          layer(['**/db', '**/db/**', '**/electron', '**/electron/**', '**/renderer/**', 'electron', 'better-sqlite3', 'react', 'react-dom', '@mui/*'],
            'shared/ is platform-free: it imports nothing from db/, electron/, renderer/ or their libraries.'),
          layer(nodeBuiltins, 'shared/ runs in the window too: no Node built-ins.'),
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          layer(['**/db', '**/db/**', '**/electron', '**/electron/**', 'electron', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'],
            'renderer/ talks to the store only through the contract client (renderer/api).'),
          layer(nodeBuiltins, 'renderer/ runs sandboxed: no Node built-ins.'),
        ],
      }],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          layer(['electron', '**/electron', '**/electron/**', '**/renderer/**'], 'db/ runs in plain Node (CLI, tests): never import electron or the UI.'),
        ],
      }],
    },
  },
  {
    // One module opens every SQLite connection (its settings in one order); elsewhere better-sqlite3 is a type.
    files: ['db/**/*.ts', 'electron/**/*.ts'],
    ignores: ['db/connections.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'better-sqlite3', allowTypeImports: true, message: 'Open SQLite connections through db/connections.ts.' }],
      }],
    },
  },
  {
    // One folder per way in: only the desktop app's main process (electron/main/) uses Electron; the
    // command line and the browser preview run in plain Node and never reach into electron/main/.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only electron/main/ runs inside Electron: the command line and the preview run in plain Node.' }],
        patterns: [layer(['**/main', '**/main/**'], 'electron/main/ is the desktop app alone: share code through db/, shared/ or electron/*.ts.')],
      }],
    },
  },
);
