// A write of a big spreadsheet goes on when the page reloads, the clerk goes to another screen, or
// another tab opens Importar: each comes back to its progress or its summary, and the history lists
// the new import without leaving the screen. A clerk who saw a blank first step would import again.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type DeskApp, expect, setUpDemoDesk, test } from './fixtures';
import { checkSpreadsheet, chooseSpreadsheet } from './importSteps';

const ROWS = 3000;

/** A corrections sheet giving each of `ROWS` professionals a new e-mail; answers its path. */
async function bigSheet(desk: DeskApp): Promise<string> {
  await setUpDemoDesk(desk, ROWS + 200, 11);
  const people = desk.query<{ registration_number: string }>(`SELECT registration_number FROM professionals LIMIT ${ROWS}`);
  const path = join(desk.storePath, '..', 'emails-novos.csv');
  const lines = people.map((p, i) => `${p.registration_number};novo.email.${i}@exemplo.com.br;Atualização de e-mail;Formulário`);
  writeFileSync(path, ['Registro;E-mail;Motivo;Documento', ...lines].join('\r\n') + '\r\n');
  return path;
}

/** Up to the check, then Gravar; answers once the write runs (its progress shown), with its rows. */
async function startWrite(desk: DeskApp): Promise<void> {
  const { page } = desk;
  const sheet = await bigSheet(desk);
  await page.reload();
  await chooseSpreadsheet(page, sheet);
  await checkSpreadsheet(page);
  await page.getByRole('button', { name: 'Gravar 3.000 linhas' }).click();
  // The bar shows once the job's first status came: its id is known to the page by then.
  await expect(progress(page)).toBeVisible();
}

/** The import's progress (reading, checking or writing), in the wizard's part of the screen. */
const progress = (page: Page) => page.getByRole('region', { name: 'Importar planilha' }).getByRole('status');

/** The write's progress or, once it ended, its summary; then the summary and the history's new row. */
async function writeShownToItsEnd(page: Page): Promise<void> {
  const summary = page.getByText('Importação nº 1 gravada.');
  await expect(progress(page).or(summary)).toBeVisible();
  await expect(summary).toBeVisible({ timeout: 60_000 });
  const history = page.getByRole('region', { name: 'Importações anteriores' });
  await expect(history.getByRole('row').filter({ hasText: 'emails-novos.csv' })).toBeVisible();
}

test('reloaded while a big spreadsheet is written, Importar shows the write’s progress, then its summary and the new import in the history', async ({ desk }) => {
  const { page } = desk;
  await startWrite(desk);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Importar planilha' })).toBeVisible();
  await expect(page.getByText(/A gravação de “emails-novos\.csv” continuou enquanto a página recarregava/).or(page.getByText('Importação nº 1 gravada.'))).toBeVisible();
  await writeShownToItsEnd(page);
  // Seen once, the write is not shown again: the next visit opens on the first step.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Escolha a planilha' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Importações anteriores' }).getByRole('row').filter({ hasText: 'emails-novos.csv' })).toBeVisible();
  expect(desk.query('SELECT id FROM imports')).toHaveLength(1);
});

test('going to another screen while a spreadsheet is written and back shows the write, then its summary', async ({ desk }) => {
  const { page } = desk;
  await startWrite(desk);
  await page.getByRole('button', { name: 'Cadastro', exact: true }).click();
  await page.getByRole('button', { name: 'Importar', exact: true }).click();
  await writeShownToItsEnd(page);
});

test('a second tab opening Importar while a spreadsheet is written follows that write to its summary', async ({ desk }) => {
  const { page } = desk;
  await startWrite(desk);
  const token = await page.evaluate(() => sessionStorage.getItem('cress-desk-token'));
  const address = await page.evaluate(async (t) => ((await (await fetch('/api/address', { method: 'POST', headers: { 'x-cress-token': t ?? '' } })).json()) as { url: string }).url, token);
  const second = await page.context().newPage();
  await second.goto(address);
  await second.getByRole('button', { name: 'Importar', exact: true }).click();
  // Either still running (the other tab's write is named as such) or already listed in the history.
  const elsewhere = second.getByText(/Uma planilha começada em outra aba ou janela está sendo gravada/);
  const listed = second.getByRole('region', { name: 'Importações anteriores' }).getByRole('row').filter({ hasText: 'emails-novos.csv' });
  await expect(elsewhere.or(listed)).toBeVisible();
  await expect(listed).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Importação nº 1 gravada.')).toBeVisible();
  await second.close();
});
