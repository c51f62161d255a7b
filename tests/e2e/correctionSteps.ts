// The correction form as a clerk fills it: the change, the reason and the document presented, the
// review, and the save there.
import type { Page } from '@playwright/test';

/** On the open form: the reason and the document presented, then Revisar correção and Salvar correção in the review. */
export async function saveWithEvidence(page: Page, reason: string, document: string): Promise<void> {
  await page.getByLabel('Motivo da correção').fill(reason);
  await page.getByLabel('Documento apresentado').fill(document);
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Salvar correção' }).click();
}

/** On the open record: Corrigir dados, a new e-mail, saved with `reason` and the `document` presented. */
export async function correctEmail(page: Page, email: string, reason: string, document: string): Promise<void> {
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await saveWithEvidence(page, reason, document);
}
