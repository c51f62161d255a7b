// What the clerk reads on Importar about cells and texts that are not values: a failed formula
// named as her spreadsheet shows it, and a default reason longer than a correction keeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { allowClipboard, paste } from './clipboard';
import { type DeskApp, expect, type RecordRow, setUpDemoDesk, test } from './fixtures';
import { chooseSpreadsheet } from './importSteps';

/** Chooses a CSV written beside the store and goes on to the columns. */
async function toColumns(desk: DeskApp, page: Page, lines: string[]): Promise<void> {
  const path = join(desk.storePath, '..', 'correcoes.csv');
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  await chooseSpreadsheet(page, path);
  await page.getByRole('button', { name: 'Continuar' }).click();
}

test('a failed formula in a cell is named in the check as Excel shows it, on its column, not as a name with wrong letters', async ({ desk }) => {
  await setUpDemoDesk(desk, 20, 3);
  const { page } = desk;
  const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'none' LIMIT 1");
  await page.reload();
  await toColumns(desk, page, ['Registro;Nome da mãe;Motivo', `${who!.registration_number};#DIV/0!;Certidão de nascimento apresentada`]);
  await page.getByRole('button', { name: 'Conferir planilha' }).click();
  await expect(page.getByRole('heading', { name: 'Conferência' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Linhas da planilha conferidas' }).getByRole('row').filter({ hasText: '#DIV/0!' });
  await expect(row).toContainText('A célula mostra o erro #DIV/0!, de uma fórmula sem resultado');
  await expect(row).not.toContainText('apenas letras');
  await expect(row.locator('td[aria-invalid="true"]')).toHaveText('#DIV/0!');
});

test('a default reason pasted longer than 500 characters is kept whole and said too long, and the check waits for it', async ({ desk }) => {
  await setUpDemoDesk(desk, 20, 3);
  const { page } = desk;
  await allowClipboard(page);
  const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'none' LIMIT 1");
  await page.reload();
  await toColumns(desk, page, ['Registro;E-mail', `${who!.registration_number};motivo.longo@exemplo.com.br`]);
  const reason = page.getByLabel('Motivo para linhas sem “Motivo”');
  const pasted = 'Planilha enviada pela seccional com os e-mails conferidos nos requerimentos. '.repeat(8).trim();
  expect(pasted.length).toBeGreaterThan(500);
  await paste(page, reason, pasted);
  await expect(reason).toHaveValue(pasted);
  await expect(page.getByText(`Motivo: texto muito longo, no máximo 500 caracteres (tem ${pasted.length}).`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Conferir planilha' })).toBeDisabled();
  await reason.fill('Planilha enviada pela seccional');
  await expect(page.getByRole('button', { name: 'Conferir planilha' })).toBeEnabled();
});

test('a row bringing back the value a pending correction replaced is refused on its column, naming that correction', async ({ desk }) => {
  await setUpDemoDesk(desk, 20, 3);
  const { page } = desk;
  const [who] = desk.query<RecordRow & { email: string }>("SELECT registration_number, name, email FROM professionals WHERE dip_status = 'none' AND email IS NOT NULL LIMIT 1");
  expect((await desk.cli('correct', who!.registration_number, '--field', 'email', '--value', 'nova.caixa@exemplo.com.br', '--reason', 'Pedido da profissional')).code).toBe(0);
  await page.reload();
  await toColumns(desk, page, ['Registro;E-mail;Motivo', `${who!.registration_number};${who!.email};Planilha do sistema do Regional`]);
  await page.getByRole('button', { name: 'Conferir planilha' }).click();
  await expect(page.getByRole('heading', { name: 'Conferência' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Linhas da planilha conferidas' }).getByRole('row').filter({ hasText: who!.email });
  await expect(row).toContainText('Esta linha devolveria “E-mail”');
  await expect(row).toContainText('(pendente) trocou por nova.caixa@exemplo.com.br');
  await expect(row.locator('td[aria-invalid="true"]')).toHaveText(who!.email);
});

test('a CSV with only its header is stopped at the first step, named by the file, before any column is mapped', async ({ desk }) => {
  await setUpDemoDesk(desk, 5, 0);
  const { page } = desk;
  await page.reload();
  const path = join(desk.storePath, '..', 'so-cabecalho.csv');
  writeFileSync(path, 'Registro;E-mail;Motivo\r\n;;\r\n');
  await chooseSpreadsheet(page, path);
  await expect(page.getByText('O arquivo “so-cabecalho.csv” só tem o cabeçalho: não há linhas para importar.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continuar' })).toBeDisabled();
});
