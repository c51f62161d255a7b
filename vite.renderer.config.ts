import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The window's UI. `base: './'` so the built files load from the app's own folder in Electron.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    chunkSizeWarningLimit: 2000,
  },
});
