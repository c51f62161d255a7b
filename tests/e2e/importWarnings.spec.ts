// A corrections row giving a record an e-mail another record has goes in with a warning: the window
// shows it as a warning (not an error), counts it, keeps it under "Só erros e avisos", offers the
// report named for what it holds, and says after the write how many rows went in with a warning.
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { seriousViolations } from './axe';
import { type DeskApp, expect, test } from './fixtures';
import { checkSpreadsheet, chooseSpreadsheet } from './importSteps';

const REGISTRY = [
  'Registro;CPF;Nome;Nome da mãe;Estado civil;Data de nascimento;E-mail;CEP;Logradouro;Número;Bairro;Município;UF;Situação do DIP',
  '10001;01234567890;Ana Paula Ferreira;Antônia Ferreira;Solteira;17/05/1980;ana.ferreira@gmail.com;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Não solicitado',
  '10006;31415926590;Fernanda Rocha;Antônia Rocha;Solteira;17/05/1980;fernanda@gmail.com;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Não solicitado',
  '10007;27182818205;Gabriela Martins;Regina Martins;Solteira;17/05/1980;gabriela.martins@gmail.com;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Não solicitado',
];

function csvBesideStore(desk: DeskApp, name: string, lines: string[]): string {
  const path = join(desk.storePath, '..', name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

async function preview(page: Page, path: string) {
  await chooseSpreadsheet(page, path);
  await checkSpreadsheet(page);
}

test('a row with only a warning: shown as a warning, counted, in the report, and told after the write', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  expect((await desk.cli('import', 'registry', csvBesideStore(desk, 'cadastro.csv', REGISTRY))).code).toBe(0);
  await page.reload();
  // Fernanda gets Ana's e-mail (a warning); Gabriela a new one of her own (no problem).
  await preview(page, csvBesideStore(desk, 'emails.csv', ['Registro;E-mail', '10006;ana.ferreira@gmail.com', '10007;gabi@exemplo.com.br']));

  await expect(page.getByText('2 a gravar', { exact: true })).toBeVisible();
  await expect(page.getByText('1 a gravar com aviso', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Importar planilha' }).getByText('0 com erro', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Uma linha tem aviso' })).toContainText('será gravada assim mesmo');

  const table = page.getByRole('table', { name: 'Linhas da planilha conferidas' });
  await expect(table.getByRole('columnheader', { name: 'O que muda / Avisos' })).toBeVisible();
  const warned = table.getByRole('row').filter({ hasText: 'Fernanda Rocha' });
  await expect(warned).toContainText('A gravar, com aviso');
  await expect(warned).toContainText('também está no cadastro de outra/o profissional');
  await expect(warned.getByRole('img', { name: 'Aviso' })).toHaveCount(1);
  await expect(warned.getByRole('img', { name: 'Erro' })).toHaveCount(0);
  // The e-mail cell is marked as a warning, not as invalid: the row will be written.
  await expect(warned.locator('td[aria-invalid="true"]')).toHaveCount(0);
  await expect(warned.getByRole('cell', { name: 'ana.ferreira@gmail.com (aviso)' })).toBeVisible();

  expect(await seriousViolations(page, 'Importar — conferência com aviso')).toEqual([]);

  // The switch keeps the warned row, and drops the row without a problem.
  await page.getByLabel('Só erros e avisos').check();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Fernanda Rocha');

  for (const [width, height] of [
    [1366, 768],
    [1024, 576],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: test.info().outputPath(`aviso-${width}.png`), fullPage: true });
    // The warned cell's words for a screen reader do not push the page sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  }

  // The report holds the warned row, and its button says so.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Baixar relatório de avisos' }).click();
  const reportPath = join(desk.storePath, '..', 'relatorio.xlsx');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('emails-avisos.xlsx');
  await download.saveAs(reportPath);
  await expect(page.getByText('Relatório salvo: emails-avisos.xlsx (1 linha com erro ou aviso).')).toBeVisible();
  const book = XLSX.read(readFileSync(reportPath), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, defval: '' });
  expect(rows.length).toBe(2);
  expect(rows[1]?.at(-1)).toBe('EMAIL_SHARED');

  await page.getByRole('button', { name: 'Gravar 2 linhas' }).click();
  await expect(page.getByText('Importação nº 2 gravada.')).toBeVisible();
  await expect(page.getByText('1 gravada com aviso', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Uma linha foi gravada com aviso' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Baixar relatório de avisos' })).toBeVisible();
  // The history offers the report of an import whose only problems were warnings.
  await expect(page.getByRole('button', { name: 'Baixar o relatório de avisos da importação nº 2' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Histórico de importações' }).getByRole('row').filter({ hasText: 'emails.csv' })).toContainText('0 com erro · 1 com aviso');
  expect(await seriousViolations(page, 'Importar — resumo com aviso')).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('aviso-resumo.png'), fullPage: true });
});

test('errors and warnings together: the report is named for both', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  expect((await desk.cli('import', 'registry', csvBesideStore(desk, 'cadastro.csv', REGISTRY))).code).toBe(0);
  await page.reload();
  await preview(page, csvBesideStore(desk, 'misto.csv', ['Registro;E-mail', '10006;ana.ferreira@gmail.com', '10007;gabi@@exemplo']));

  await expect(page.getByText('1 com erro', { exact: true })).toBeVisible();
  await expect(page.getByText('1 a gravar com aviso', { exact: true })).toBeVisible();
  const table = page.getByRole('table', { name: 'Linhas da planilha conferidas' });
  await expect(table.getByRole('columnheader', { name: 'O que muda / Erros e avisos' })).toBeVisible();
  const bad = table.getByRole('row').filter({ hasText: 'gabi@@exemplo' });
  await expect(bad.locator('td[aria-invalid="true"]')).toHaveText('gabi@@exemplo');
  await expect(bad.getByRole('img', { name: 'Erro' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Baixar relatório de erros e avisos' })).toBeVisible();
});
