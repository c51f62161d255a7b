// Regenerates the screenshots of the user guide (docs/guia-do-usuario.md) while walking through a
// clerk's day, so the guide always shows the app as it is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fillNewCep } from './cepDialog';
import { expect, fillFirstRun, test } from './fixtures';
import { shot } from './guideShot';
import { checkSpreadsheet, chooseSpreadsheet } from './importSteps';

test('a day at the desk, screen by screen', async ({ desk }) => {
  const { page } = desk;
  await expect(page.getByRole('heading', { name: /Bem-vind/ })).toBeVisible();
  await fillFirstRun(page);
  await shot(page, '01-primeiro-acesso');
  await page.getByRole('button', { name: 'Começar' }).click();
  await expect(page.getByText('Ana Souza').first()).toBeVisible();
  await desk.cli('demo', '--professionals', '1200', '--seed', '12');
  await desk.cli('operator', 'add', 'Bruno Tavares');
  await page.getByRole('button', { name: 'Trocar' }).click();
  await page.getByRole('menuitem', { name: /Ana Souza/ }).click();
  await shot(page, '01-quem-esta-atendendo');
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Operador: Ana Souza')).toBeVisible();
  await page.reload();
  await shot(page, '02-inicio');

  await page.getByRole('button', { name: 'Cadastro' }).click();
  await page.getByLabel('Buscar no cadastro').fill('maria');
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await shot(page, '03-cadastro-busca');

  const [who] = desk.query<{ registration_number: string; name: string }>(
    "SELECT registration_number, name FROM professionals WHERE mother_name IS NULL AND mother_not_listed = 0 ORDER BY dip_status = 'confirmed' DESC LIMIT 1",
  );
  expect(who).toBeDefined();
  await page.getByLabel('Buscar no cadastro').fill(who?.registration_number ?? '');
  await page.getByRole('row').filter({ hasText: who?.name ?? '' }).first().click();
  await expect(page.getByRole('heading', { name: who?.name ?? '' })).toBeVisible();
  await shot(page, '04-registro');

  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('Motivo da correção').fill('RG apresentado no balcão não traz o nome da mãe');
  await page.getByLabel('Documento apresentado').fill('RG');
  await page.keyboard.press('Tab');
  await page.getByRole('radio', { name: 'Não consta mãe' }).check();
  await page.getByText('Mãe (filiação)').scrollIntoViewIfNeeded();
  await shot(page, '05-correcao');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shot(page, '06-revisar');
  const acknowledge = page.getByRole('dialog').getByLabel('Entendi a consequência para o DIP');
  if (await acknowledge.count()) await acknowledge.check();
  await page.getByRole('dialog').getByRole('button', { name: 'Salvar correção' }).click();
  await expect(page.getByText(/Correção salva/)).toBeVisible();

  await page.getByRole('button', { name: 'Correções' }).first().click();
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await shot(page, '07-correcoes');

  await page.getByRole('button', { name: 'CEPs' }).click();
  const dialog = await fillNewCep(page, '01999-001');
  await shot(page, '08-cep');
  await dialog.getByRole('button', { name: 'Salvar CEP' }).click();
  await expect(page.getByText(/CEP 01999-001 cadastrado/)).toBeVisible();

  // A month of requests in a spreadsheet, one of them with a mistyped e-mail.
  const people = desk.query<{ cpf: string; name: string }>(
    "SELECT cpf, name FROM professionals WHERE mother_name IS NOT NULL AND dip_status IN ('none','requested') LIMIT 5",
  );
  const csv = [
    'CPF;Nome;E-mail;Motivo;Documento',
    ...people.map((p, i) => `${p.cpf};${p.name};${i === 2 ? 'sem-arroba.exemplo.com' : `novo.${i}@exemplo.com.br`};Pedido por e-mail;Declaração`),
  ].join('\r\n');
  const sheet = join(dirname(desk.storePath), 'pedidos-do-mes.csv');
  writeFileSync(sheet, `${csv}\r\n`, 'latin1');
  await chooseSpreadsheet(page, sheet);
  await checkSpreadsheet(page);
  await shot(page, '09-importar');

  // Backups go to a folder beside the test's store, never the real Documents.
  const backups = join(dirname(desk.storePath), 'backups');
  mkdirSync(backups, { recursive: true });
  desk.exec("INSERT INTO backup_settings (id, folder, updated_at) VALUES (1, ?, 'x')", backups);
  await page.getByRole('button', { name: 'Backups' }).click();
  await page.getByRole('button', { name: 'Fazer backup agora' }).first().click();
  await page.getByRole('button', { name: 'Fazer backup', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Backup criado e verificado/ }).first()).toBeVisible();
  await shot(page, '10-backups');

  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('button', { name: 'Gerar lote' }).click();
  await expect(page.getByRole('heading', { name: /Lote 2026-/ })).toBeVisible();
  await shot(page, '11-lotes');

  await page.getByRole('button', { name: 'Configurações' }).click();
  await shot(page, '20-configuracoes');
});
