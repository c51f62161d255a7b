// A dialog holding what the clerk typed does not lose it to a stray Esc or a click beside it: the
// desk asks first, "Continuar editando" brings every word back, "Descartar" closes. A dialog with
// nothing typed still closes at once.
import type { Locator, Page } from '@playwright/test';
import { dirname } from 'node:path';
import { askProtectedBackupPassphrase, fillProtectedBackup } from './backupDialog';
import { fillNewCep } from './cepDialog';
import { openNewContact } from './contactFiles';
import { cancelDialogOfCorrection } from './correctionSteps';
import { expect, setUpDemoDesk, test } from './fixtures';

/** Esc in the dialog: the question, kept typing; Esc again: the question, discarded. */
async function escAsksBeforeDiscarding(page: Page, dialog: Locator, field: Locator, typed: string): Promise<void> {
  await field.press('Escape');
  const question = page.getByRole('alertdialog', { name: 'Descartar o que foi digitado?' });
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Continuar editando' }).click();
  await expect(question).toBeHidden();
  await expect(field).toHaveValue(typed);

  // A click beside the dialog asks too.
  await page.mouse.click(5, 5);
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Descartar' }).click();
  await expect(dialog).toBeHidden();
}

test('Esc or a click beside a new atendimento with its text typed asks before throwing it away', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 10, 3);
  await page.reload();
  const dialog = await openNewContact(page);
  // Nothing typed yet: Esc closes at once.
  await dialog.getByLabel('CPF informado').press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Registrar atendimento' }).first().click();
  const summary = dialog.getByLabel('O que aconteceu');
  const typed = 'Ligou dizendo que não recebe o e-mail de senha desde março; pediu retorno por telefone.';
  await summary.fill(typed);
  await escAsksBeforeDiscarding(page, dialog, summary, typed);
  expect(desk.query('SELECT id FROM contacts')).toHaveLength(0);
});

test('Esc in a new CEP with its fields typed asks before throwing them away', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 10, 3);
  await page.reload();
  await page.getByRole('button', { name: 'CEPs', exact: true }).click();
  const dialog = await fillNewCep(page, '01999-123');
  await escAsksBeforeDiscarding(page, dialog, dialog.getByLabel('Motivo'), 'CEP informado pela profissional');
});

test('Esc in the reason for cancelling a correction asks before throwing the reason away', async ({ desk }) => {
  const { page } = desk;
  const dialog = await cancelDialogOfCorrection(desk, 'nova.pessoa@example.com.br');
  const reason = dialog.getByRole('textbox');
  await reason.fill('Digitado no cadastro errado');
  await escAsksBeforeDiscarding(page, dialog, reason, 'Digitado no cadastro errado');
});

test('Ctrl+K, F3 or Alt+← pressed in an open dialog leave the dialog and its text where they are', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 10, 3);
  await page.reload();
  const dialog = await openNewContact(page);
  const summary = dialog.getByLabel('O que aconteceu');
  await summary.fill('Pediu a segunda via do boleto');
  for (const keys of ['Control+k', 'F3', 'Alt+ArrowLeft']) {
    await summary.press(keys);
    await expect(dialog, `after ${keys}`).toBeVisible();
    await expect(summary).toHaveValue('Pediu a segunda via do boleto');
  }
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(page.getByRole('heading', { name: 'Atendimentos', level: 1 })).toBeVisible();
});

test('Esc in a backup with its passphrase typed asks before throwing the passphrase away', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  const dialog = await fillProtectedBackup(page, 'uma frase longa');
  const repeat = dialog.getByLabel('Repita a senha');
  await escAsksBeforeDiscarding(page, dialog, repeat, 'uma frase longa');

  // The copy for Implanta asks as well.
  await page.getByRole('button', { name: 'Cópia para a Implanta…' }).click();
  const copy = page.getByRole('dialog', { name: 'Cópia do banco para a Implanta' });
  const passphrase = copy.getByLabel('Senha', { exact: true });
  await passphrase.fill('uma frase combinada com a Implanta');
  await escAsksBeforeDiscarding(page, copy, passphrase, 'uma frase combinada com a Implanta');
});

test('Esc in a lote’s export with its passphrase typed asks before throwing the passphrase away', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 10, 3);
  const [who] = desk.query<{ cpf: string }>("SELECT cpf FROM professionals LIMIT 1");
  expect((await desk.cli('correct', who!.cpf, '--field', 'email', '--value', 'nova.pessoa@example.com.br', '--reason', 'Pedido por e-mail')).code).toBe(0);
  expect((await desk.cli('batch', 'create')).code).toBe(0);
  expect((await desk.cli('batch', 'seal', '2026-0001')).code).toBe(0);
  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('row').filter({ hasText: '2026-0001' }).click();
  await page.getByRole('button', { name: 'Exportar pacote' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Proteger com senha', { exact: true }).check();
  const passphrase = dialog.getByLabel('Senha', { exact: true });
  await passphrase.fill('frase para a Implanta');
  await escAsksBeforeDiscarding(page, dialog, passphrase, 'frase para a Implanta');
});

test('Esc in Marcar como enviado with the date or the deadline changed asks before throwing them away', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 10, 3);
  const [who] = desk.query<{ cpf: string }>('SELECT cpf FROM professionals LIMIT 1');
  expect((await desk.cli('correct', who!.cpf, '--field', 'email', '--value', 'nova.pessoa@example.com.br', '--reason', 'Pedido por e-mail')).code).toBe(0);
  expect((await desk.cli('batch', 'create')).code).toBe(0);
  expect((await desk.cli('batch', 'seal', '2026-0001')).code).toBe(0);
  expect((await desk.cli('batch', 'export', '2026-0001', '--out', dirname(desk.storePath))).code).toBe(0);
  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('row').filter({ hasText: '2026-0001' }).click();
  await page.getByRole('button', { name: 'Marcar como enviado' }).click();
  const dialog = page.getByRole('dialog', { name: 'Marcar o lote 2026-0001 como enviado' });
  // As it opened (now, the usual deadline): Esc closes at once.
  await dialog.getByLabel('Prazo de resposta (horas)').press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Marcar como enviado' }).click();
  const deadline = dialog.getByLabel('Prazo de resposta (horas)');
  await deadline.fill('72');
  await escAsksBeforeDiscarding(page, dialog, deadline, '72');
  expect(desk.query<{ sent_at: string | null }>('SELECT sent_at FROM batches')[0]?.sent_at).toBeNull();
});

test('Esc in the passphrase asked to open a protected backup asks before throwing it away', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  const { ask, field: passphrase } = await askProtectedBackupPassphrase(page, 'uma frase longa');
  await passphrase.fill('uma frase lon');
  await escAsksBeforeDiscarding(page, ask, passphrase, 'uma frase lon');
});
