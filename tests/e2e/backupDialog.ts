// A backup protected by a passphrase as the specs make it from the Backups screen, and the dialog
// that asks for that passphrase when the backup is checked.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Opens Backups and "Fazer backup agora" with the passphrase typed twice; answers the dialog, not yet made. */
export async function fillProtectedBackup(page: Page, passphrase: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await page.getByRole('button', { name: 'Fazer backup agora' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Fazer backup agora' });
  await dialog.getByLabel('Proteger com senha').check();
  await dialog.getByLabel('Senha', { exact: true }).fill(passphrase);
  await dialog.getByLabel('Repita a senha').fill(passphrase);
  return dialog;
}

/** Makes a backup protected by `passphrase`, then Verificar on it: answers the dialog asking its passphrase and that dialog's field. */
export async function askProtectedBackupPassphrase(page: Page, passphrase: string): Promise<{ ask: Locator; field: Locator }> {
  const create = await fillProtectedBackup(page, passphrase);
  await create.getByRole('button', { name: 'Fazer backup', exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: 'backup-' }).first();
  await expect(row).toContainText('Com senha');
  await row.getByRole('button', { name: 'Verificar' }).click();
  const ask = page.getByRole('dialog', { name: 'Backup protegido por senha' });
  return { ask, field: ask.getByLabel('Senha', { exact: true }) };
}
