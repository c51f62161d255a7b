import { defineConfig } from '@playwright/test';
import { electronBinary } from './build/scripts/ensure-electron.mjs';

// The same specs run twice: in Chromium against the browser host, and in the real Electron app
// when its binary is installed (otherwise each Electron test reports a visible skip).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!electronBinary() && !process.env.TEST_WORKER_INDEX) {
  console.log('Electron binary not installed: the [electron] project is skipped; the same specs run in Chromium ([browser]).');
}

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { viewport: { width: 1366, height: 768 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'browser',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    {
      name: 'electron',
      // Not in the app: the guide is illustrated once, from the browser preview; the import spec
      // picks files through native dialogs, which cannot be driven (the same flow runs in the preview).
      testIgnore: ['**/guide.spec.ts', '**/import.spec.ts'],
    },
  ],
});
