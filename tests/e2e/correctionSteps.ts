// The correction form as a clerk fills it: the change, the reason and the document presented, the
// review, and the save there; and the way to cancel a correction saved.
import type { Locator, Page } from '@playwright/test';
import { type DeskApp, expect, openRecord, type RecordRow, setUpDemoDesk } from './fixtures';

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

/**
 * A demo desk whose first record without a DIP had its e-mail corrected to `email` at the command
 * line: the record opened at its Correções tab and the Cancelar correção dialog open; answers the dialog.
 */
export async function cancelDialogOfCorrection(desk: DeskApp, email: string): Promise<Locator> {
  const { page } = desk;
  await setUpDemoDesk(desk, 10, 3);
  const [who] = desk.query<RecordRow & { cpf: string }>("SELECT cpf, registration_number, name FROM professionals WHERE dip_status = 'none' LIMIT 1");
  expect((await desk.cli('correct', who!.cpf, '--field', 'email', '--value', email, '--reason', 'Pedido por e-mail', '--evidence', 'E-mail')).code).toBe(0);
  await page.reload();
  await openRecord(page, who!);
  await page.getByRole('tab', { name: /Correções/ }).click();
  await page.getByRole('button', { name: 'Cancelar correção' }).click();
  return page.getByRole('dialog');
}

/**
 * A demo desk where Ana Souza works and Bia Lima is an operator too: Ana opened the first record
 * without a DIP and typed a new e-mail in its form, not saved. Answers that record.
 */
export async function emailHalfTypedByAna(desk: DeskApp): Promise<RecordRow & { email: string }> {
  await setUpDemoDesk(desk, 20, 8);
  expect((await desk.cli('--operator', 'Ana Souza', 'operator', 'add', 'Bia Lima')).code).toBe(0);
  const [who] = desk.query<RecordRow & { email: string }>("SELECT registration_number, name, email FROM professionals WHERE dip_status = 'none' AND email IS NOT NULL LIMIT 1");
  const { page } = desk;
  await page.reload();
  await openRecord(page, who!);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('E-mail', { exact: true }).fill('digitado.pela.ana@exemplo.com.br');
  return who!;
}
