import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { defineConfig } from 'vite';

// Node-side bundles: Electron's main process, the `cress-desk` command, the browser host and the
// benchmark. Everything is bundled except native and Electron modules.
const external = ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// out/ also holds the renderer and the preload (their own builds): only this build's folders are
// emptied first, so chunks of earlier builds never ride along into an installer.
const OWN_FOLDERS = ['main', 'cli', 'host', 'bench', 'worker', 'chunks'];

export default defineConfig({
  plugins: [
    {
      name: 'empty-own-folders',
      apply: 'build',
      buildStart() {
        for (const folder of OWN_FOLDERS) rmSync(join('out', folder), { recursive: true, force: true });
      },
    },
  ],
  build: {
    ssr: true,
    outDir: 'out',
    emptyOutDir: false,
    target: 'node22',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: {
        'main/main': 'electron/main/main.ts',
        'cli/cress-desk': 'electron/cli/entry.ts',
        'host/host': 'electron/preview/entry.ts',
        'bench/bench': 'tests/bench/bench.ts',
        'worker/jobs': 'db/jobs/worker.ts',
        'worker/importWriter': 'db/imports/writer/worker.ts',
        'worker/integrity': 'db/backups/integrityWorker.ts',
        'worker/pendencyScan': 'db/pendencyScanWorker.ts',
        'worker/deflate': 'db/zip/deflateWorker.ts',
      },
      external,
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
