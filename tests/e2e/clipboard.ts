// Pasting as a clerk does (Ctrl+V), for the specs that check what a pasted text becomes.
import type { Locator, Page } from '@playwright/test';

/** Lets the page read and write the clipboard. */
export async function allowClipboard(page: Page): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
}

/** Pastes `text` over what the field holds, through the clipboard, as Ctrl+V does. */
export async function paste(page: Page, field: Locator, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('ControlOrMeta+v');
}
