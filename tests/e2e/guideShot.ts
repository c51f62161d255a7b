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
  for (const close of await page.locator('.MuiSnackbar-root button[aria-label]').all()) await close.click();
  await expect(page.locator('.MuiSnackbar-root')).toHaveCount(0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: join(GUIDE, `${name}.png`), fullPage: false });
}
