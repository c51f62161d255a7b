// Screenshots for the user guide (docs/guia-do-usuario.md), taken while the specs walk the app.
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from './fixtures';

const GUIDE = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/guia');

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(GUIDE, { recursive: true });
  // Confirmations of the previous step would cover this one.
  // One at a time and retried: a confirmation may close by itself while it is being clicked, and the
  // next one then moves into its place.
  const closers = page.locator('.MuiSnackbar-root button[aria-label]');
  await expect(async () => {
    if ((await closers.count()) > 0) await closers.first().click({ timeout: 1_000 });
    await expect(page.locator('.MuiSnackbar-root')).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: join(GUIDE, `${name}.png`), fullPage: false });
}
