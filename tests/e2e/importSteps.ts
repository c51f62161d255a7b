// The first steps of Importar as a clerk takes them: open it, choose the spreadsheet in the file
// dialog, go on to the check of its rows.
import { expect, type Page } from '@playwright/test';

/** Opens Importar and chooses `path` in the file dialog: the next step asks for the sheet and the kind. */
export async function chooseSpreadsheet(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Importar', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Escolher planilha' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByRole('heading', { name: 'Aba e tipo de importação' })).toBeVisible();
}

/** From the sheet and kind, on past the columns to the check of the rows. */
export async function checkSpreadsheet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('button', { name: 'Conferir planilha' }).click();
  await expect(page.getByRole('heading', { name: 'Conferência' })).toBeVisible();
}
