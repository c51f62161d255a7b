import { defineConfig } from 'vite';

// The preload runs sandboxed: one self-contained CommonJS file that may require only 'electron'.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/preload',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    rollupOptions: {
      input: { preload: 'electron/main/preload.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
