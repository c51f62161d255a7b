// The council's new CEP as the specs type it: a loteamento street in São Paulo, SP, with the
// reason the professional gave. The CEP itself is the spec's to choose.
import type { Locator, Page } from '@playwright/test';

/** Opens "Adicionar CEP" on the CEPs screen and fills every field; answers the dialog, not yet saved. */
export async function fillNewCep(page: Page, cep: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Adicionar CEP' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('CEP', { exact: true }).fill(cep);
  await dialog.getByLabel('Logradouro').fill('Rua Nova do Loteamento');
  await dialog.getByLabel('Bairro').fill('Jardim Esperança');
  await dialog.getByLabel('Município').fill('São Paulo');
  await dialog.getByLabel('UF').click();
  await page.getByRole('option', { name: 'SP', exact: true }).click();
  await dialog.getByLabel('Motivo').fill('CEP informado pela profissional');
  return dialog;
}
