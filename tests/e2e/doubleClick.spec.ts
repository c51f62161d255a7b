// A clerk in a hurry double-clicks, or presses Enter twice: each button that starts work starts it
// once, and the desk tells what that one run did.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, setUpDemoDesk, test } from './fixtures';

test('a double click on Gravar writes the spreadsheet once and sums up that one import', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 40, 9);
  const people = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status = 'none' AND marital_status <> 'divorced' LIMIT 10");
  const sheet = join(desk.storePath, '..', 'divorcios.csv');
  writeFileSync(sheet, ['Registro;Estado civil;Motivo;Documento', ...people.map((p) => `${p.registration_number};Divorciado(a);Averbação de divórcio;Certidão`)].join('\r\n') + '\r\n');
  await page.reload();
  await page.getByRole('button', { name: 'Importar', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Escolher planilha' }).click();
  await (await chooser).setFiles(sheet);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('button', { name: 'Conferir planilha' }).click();
  await page.getByRole('button', { name: `Gravar ${people.length} linhas` }).dblclick();
  await expect(page.getByText('Importação nº 1 gravada.')).toBeVisible();
  await expect(page.getByText(`${people.length} linhas foram gravadas`)).toBeVisible();
  // Let a second start, if any, reach the store before counting.
  await page.waitForTimeout(1500);
  expect(desk.query('SELECT id FROM imports')).toHaveLength(1);
  await expect(page.getByText('Importação nº 1 gravada.')).toBeVisible();
});
