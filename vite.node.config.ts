import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Node-side bundles: Electron's main process, the `cress-desk` command, the browser host and the
// benchmark. Everything is bundled except native and Electron modules.
const external = ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out',
    emptyOutDir: false,
    target: 'node22',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: {
        'main/main': 'electron/main.ts',
        'cli/cress-desk': 'electron/cliEntry.ts',
        'host/host': 'tests/host/server.ts',
        'bench/bench': 'tests/bench/bench.ts',
        'worker/jobs': 'db/jobs/worker.ts',
        'worker/importWriter': 'db/imports/writer/worker.ts',
      },
      external,
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
