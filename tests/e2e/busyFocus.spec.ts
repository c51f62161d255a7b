// A clerk working by the keyboard presses a button whose work takes a while (a backup, a check, a
// save): the focus stays on that button while it works and after, so Tab goes on from there —
// never dropped to the page because the button was disabled meanwhile.
import { askProtectedBackupPassphrase } from './backupDialog';
import { expect, test } from './fixtures';

test('Fazer backup agora and Verificar on a backup keep the keyboard’s focus while the backup is made and checked', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  await page.getByRole('button', { name: 'Backups', exact: true }).click();

  const create = page.getByRole('button', { name: 'Fazer backup agora' }).first();
  await create.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Fazer backup agora' });
  await dialog.getByRole('button', { name: 'Fazer backup', exact: true }).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: /Backup criado e verificado/ }).first()).toBeVisible();
  await expect(create).toBeFocused();

  const verify = page.getByRole('row').filter({ hasText: 'backup-' }).first().getByRole('button', { name: 'Verificar' });
  await verify.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: /Backup válido/ })).toBeVisible();
  await expect(verify).toBeFocused();
});

test('Verificar histórico de auditoria keeps the keyboard’s focus while the history is checked', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  const verify = page.getByRole('button', { name: 'Verificar histórico de auditoria' });
  await verify.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Histórico de auditoria íntegro/)).toBeVisible();
  await expect(verify).toBeFocused();
});

test('a wrong passphrase typed to open a protected backup leaves the keyboard in the field, ready for the right one', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  const { ask, field: passphrase } = await askProtectedBackupPassphrase(page, 'uma frase longa');
  await passphrase.fill('senha errada');
  await passphrase.press('Enter');
  await expect(ask.getByText(/^Senha incorreta/)).toBeVisible();
  await expect(passphrase).toBeFocused();
  await page.keyboard.type('uma frase longa');
  await page.keyboard.press('Enter');
  await expect(ask).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: /Backup válido/ })).toBeVisible();
});

test('a wrong admin PIN typed to reset an operator’s PIN leaves the keyboard in the field, ready for the right one', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  await page.getByLabel('PIN de administrador', { exact: true }).fill('9999');
  await page.getByLabel('Repita o PIN').fill('9999');
  await page.getByRole('button', { name: 'Definir PIN de administrador' }).click();
  await expect(page.getByText('O PIN de administrador está definido.', { exact: false })).toBeVisible();

  await page.getByRole('button', { name: 'Redefinir PIN: Ana Souza' }).click();
  const pin = page.getByRole('dialog').getByLabel('PIN de administrador do CRESS');
  await pin.fill('1111');
  await pin.press('Enter');
  await expect(page.getByRole('dialog')).toContainText(/incorreto/);
  await expect(pin).toBeFocused();
});

test('Salvar in Configurações keeps the keyboard’s focus while it saves and after, and says when nothing changed', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  await page.getByRole('button', { name: 'Configurações', exact: true }).click();

  await page.getByLabel('Seccional', { exact: true }).fill('Baixada Santista');
  await page.keyboard.press('Tab');
  const saveDesk = page.getByRole('button', { name: 'Salvar configurações' });
  await expect(saveDesk).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Configurações salvas.')).toBeVisible();
  await expect(saveDesk).toBeFocused();
  expect(desk.query('SELECT seccional FROM settings')).toEqual([{ seccional: 'Baixada Santista' }]);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Nada mudou.')).toBeVisible();
  await expect(saveDesk).toBeFocused();

  const contacts = page.getByRole('region', { name: 'Atendimentos' });
  await contacts.getByLabel('Dias até atrasar').fill('7');
  await page.keyboard.press('Tab');
  const saveContacts = contacts.getByRole('button', { name: 'Salvar' });
  await expect(saveContacts).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Configurações de atendimentos salvas.')).toBeVisible();
  await expect(saveContacts).toBeFocused();
  expect(desk.query('SELECT overdue_days FROM contact_settings')).toEqual([{ overdue_days: 7 }]);
});
