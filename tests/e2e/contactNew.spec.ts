// A new atendimento, as the clerk registers it from a record: a file the store refuses registers
// nothing, the case comes from the record's pendência, a told CPF with wrong check digits is
// warned of, and Registrar goes to the first field missing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNewContact, PNG, startCaseB, type Person } from './contactFiles';
import { expect, openRecord, setUpDemoDesk, test } from './fixtures';

test('a refused PDF sent with a new atendimento registers nothing; without it, one atendimento with the print', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 20, 3);
  await page.reload();
  const [who] = desk.query<Person>("SELECT id, registration_number, name, cpf, mother_name FROM professionals WHERE dip_status = 'none' ORDER BY id LIMIT 1");
  const dialog = await startCaseB(page, who!);
  const screenshot = join(desk.storePath, '..', 'captura.png');
  const active = join(desk.storePath, '..', 'ativo.pdf');
  writeFileSync(screenshot, PNG);
  writeFileSync(active, '%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (x) >> >> endobj\n%%EOF\n');
  for (const file of [active, screenshot]) {
    const choosing = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Anexar arquivo' }).click();
    await (await choosing).setFiles(file);
  }
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(dialog).toContainText('O PDF "ativo.pdf" traz conteúdo ativo');
  expect(desk.query('SELECT id FROM contacts')).toHaveLength(0);
  await dialog.getByLabel('Retirar ativo.pdf').click();
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^AT-\d{4}-000001$/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Anexos' })).toContainText('captura.png');
  expect(desk.query('SELECT id FROM contacts')).toHaveLength(1);
});

test('the case of a new atendimento comes from the record’s pendência, and is asked for when the record has none', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 400, 5);
  const [motherless] = desk.query<Person>('SELECT id, registration_number, name, cpf, mother_name FROM professionals WHERE mother_name IS NULL AND mother_not_listed = 0 ORDER BY id LIMIT 1');
  await page.reload();
  await openRecord(page, motherless!);
  await page.getByRole('button', { name: 'Registrar atendimento' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar atendimento' });
  await expect(dialog.getByLabel('Caso do comunicado')).toHaveText('F — sem nome da mãe');
  await dialog.getByRole('button', { name: 'Cancelar' }).click();

  // From Atendimentos, for someone not found yet: no case is assumed.
  await openNewContact(page);
  await dialog.getByLabel('Nome informado').fill('Joana Prado');
  await dialog.getByLabel('O que aconteceu').fill('Não consegue entrar na plataforma.');
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(dialog.getByText('Escolha o caso do comunicado, ou “Outro assunto”.')).toBeVisible();
  expect(desk.query('SELECT id FROM contacts')).toHaveLength(0);
});

test('a new atendimento warns of a told CPF whose check digits do not match, without refusing it, and Registrar goes to the first field missing', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 10, 3);
  await page.reload();
  const dialog = await openNewContact(page);
  const cpf = dialog.getByLabel('CPF informado');
  await cpf.fill('123.456.789-00');
  await cpf.press('Tab');
  await expect(dialog.getByText('CPF inválido: os dígitos verificadores não conferem. Confira com a/o profissional; o atendimento pode ser registrado assim mesmo.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(dialog.getByText('Escolha o caso do comunicado, ou “Outro assunto”.')).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Caso do comunicado' })).toBeFocused();
  await dialog.getByLabel('Caso do comunicado').click();
  await page.getByRole('option', { name: /^D — / }).click();
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'O que aconteceu' })).toBeFocused();
  await dialog.getByLabel('O que aconteceu').fill('Não recebe o e-mail de senha.');
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^AT-/ })).toBeVisible();
  expect(desk.query('SELECT told_cpf FROM contacts')).toEqual([{ told_cpf: '12345678900' }]);
});

test('a told CPF without its 11 digits is said wrong under the field and Registrar goes back to it, instead of promising it can be registered and then refusing it', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 10, 3);
  await page.reload();
  const dialog = await openNewContact(page);
  const cpf = dialog.getByLabel('CPF informado');
  await cpf.fill('123.456.789-0');
  await cpf.press('Tab');
  await expect(dialog).not.toContainText('pode ser registrado assim mesmo');
  await expect(dialog.getByText(/Informe os 11 dígitos do CPF, ou deixe-o em branco e informe o nome\./)).toBeVisible();
  await expect(cpf).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Caso do comunicado').click();
  await page.getByRole('option', { name: /^D — / }).click();
  await dialog.getByLabel('O que aconteceu').fill('Não recebe o e-mail de senha.');
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(cpf).toBeFocused();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  expect(desk.query('SELECT id FROM contacts')).toHaveLength(0);

  // The 11 digits, even with check digits that do not match, register it as told.
  await cpf.fill('123.456.789-00');
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^AT-/ })).toBeVisible();
  expect(desk.query('SELECT told_cpf FROM contacts')).toEqual([{ told_cpf: '12345678900' }]);
});
