// What the atendimento specs share: a real image to attach, a professional as the store has her, and
// the first steps of registering an atendimento, from her record or from the Atendimentos screen.
import type { Locator, Page } from '@playwright/test';
import { openRecord, type RecordRow } from './fixtures';

/** A 1×1 PNG: a real image, as the store checks files by their content. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export interface Person {
  id: number;
  registration_number: string;
  name: string;
  cpf: string;
  mother_name: string;
}

/** From `who`'s record: the Registrar atendimento dialog with case B chosen and what happened told; answers the dialog, not yet registered. */
export async function startCaseB(page: Page, who: RecordRow): Promise<Locator> {
  await openRecord(page, who);
  await page.getByRole('button', { name: 'Registrar atendimento' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar atendimento' });
  await dialog.getByLabel('Caso do comunicado').click();
  await page.getByRole('option', { name: /^B — / }).click();
  await dialog.getByLabel('O que aconteceu').fill('Não consegue entrar na plataforma.');
  return dialog;
}

/** From the Atendimentos screen: the Registrar atendimento dialog, nothing typed yet. */
export async function openNewContact(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Atendimentos', exact: true }).click();
  await page.getByRole('button', { name: 'Registrar atendimento' }).first().click();
  return page.getByRole('dialog', { name: 'Registrar atendimento' });
}
