// A clerk in a hurry double-clicks, or presses Enter twice: each button that starts work starts it
// once, and the desk tells what that one run did.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openRawStore } from '../rawStore';
import { expect, setUpDemoDesk, test } from './fixtures';
import { checkSpreadsheet, chooseSpreadsheet } from './importSteps';

test('a double click on Gravar writes the spreadsheet once and sums up that one import', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 40, 9);
  const people = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status = 'none' AND marital_status <> 'divorced' LIMIT 10");
  const sheet = join(desk.storePath, '..', 'divorcios.csv');
  writeFileSync(sheet, ['Registro;Estado civil;Motivo;Documento', ...people.map((p) => `${p.registration_number};Divorciado(a);Averbação de divórcio;Certidão`)].join('\r\n') + '\r\n');
  await page.reload();
  await chooseSpreadsheet(page, sheet);
  await checkSpreadsheet(page);
  await page.getByRole('button', { name: `Gravar ${people.length} linhas` }).dblclick();
  await expect(page.getByText('Importação nº 1 gravada.')).toBeVisible();
  await expect(page.getByText(`${people.length} linhas foram gravadas`)).toBeVisible();
  // Let a second start, if any, reach the store before counting.
  await page.waitForTimeout(1500);
  expect(desk.query('SELECT id FROM imports')).toHaveLength(1);
  await expect(page.getByText('Importação nº 1 gravada.')).toBeVisible();
});

test('a double click on Fazer backup makes one backup, and on Restaurar prepares one copy of it', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await desk.cli('demo', '--professionals', '40', '--seed', '3');
  const folder = join(dirname(desk.storePath), 'backups');
  mkdirSync(folder, { recursive: true });
  const db = openRawStore(desk.storePath);
  db.prepare("INSERT INTO backup_settings (id, folder, updated_at) VALUES (1, ?, 'x')").run(folder);
  db.close();
  await page.reload();
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await page.getByRole('button', { name: 'Fazer backup agora' }).first().click();
  await page.getByRole('button', { name: 'Fazer backup', exact: true }).dblclick();
  await expect(page.getByRole('alert').filter({ hasText: /Backup criado e verificado/ }).first()).toBeVisible();
  await page.waitForTimeout(1500);
  expect(readdirSync(folder).filter((name) => name.endsWith('.zip'))).toHaveLength(1);

  const preparedCopies = () => readdirSync(dirname(desk.storePath)).filter((name) => name.includes('.restore-'));
  await page.getByRole('row').filter({ hasText: 'CRESS09-DEMONSTRACAO-backup-' }).getByRole('button', { name: 'Restaurar' }).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Restaurar este backup?' });
  await expect(dialog).toBeVisible();
  await page.waitForTimeout(1500);
  expect(preparedCopies()).toHaveLength(1);
  // No error for the second click: it simply did nothing.
  await expect(page.getByRole('alert').filter({ hasText: /já está sendo preparada/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect.poll(preparedCopies).toEqual([]);
});
