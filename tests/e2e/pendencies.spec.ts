// Pendências as the clerk works it: Início counts them by the notice's cases, the screen filters by
// case and by kind, a row opens the record with its pendência on top, and the list exported to
// correct — filled in and imported back as corrections — no longer shows what it fixed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { seriousViolations } from './axe';
import { expect, setUpDemoDesk, test } from './fixtures';
import { shot } from './guideShot';

test('the worklist counts by case, filters, opens the record, and the export round trip clears what it fixes', async ({ desk }, testInfo) => {
  const { page } = desk;
  const problems: string[] = [];
  await setUpDemoDesk(desk, 400, 11);
  await page.reload();

  // Início: the counts per case, each a way in.
  const card = page.getByRole('region', { name: 'Pendências do cadastro' });
  await expect(card.getByTestId('home-pendency-cases')).toContainText('D — e-mail de senha não chega');
  await card.getByRole('button', { name: 'Ver pendências' }).click();
  await expect(page.getByRole('heading', { name: 'Pendências', level: 1 })).toBeVisible();
  const [counted] = desk.query<{ records: number }>('SELECT count(DISTINCT professional_id) AS records FROM pendencies');
  await expect(page.getByTestId('pendencies-total')).toContainText(`${counted!.records} cadastros têm`);
  problems.push(...(await seriousViolations(page, 'Pendências')));

  // The case D card filters the list to e-mail and phone problems.
  await page.getByRole('button', { name: /D — e-mail de senha não chega/ }).click();
  const table = page.getByRole('table', { name: 'Pendências do cadastro' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  // Read once the filtered page has replaced the whole list (its rows of every case may still show for a moment).
  await expect.poll(async () => new Set(await table.getByRole('row').locator('td:nth-child(4)').allTextContents())).toEqual(new Set(['D']));

  // By kind: the misspelt providers, each with its suggestion.
  await page.getByLabel('Tipo de pendência').click();
  await page.getByRole('option', { name: /E-mail com provedor digitado errado/ }).click();
  const typo = desk.query<{ registration_number: string; name: string; suggestion: string }>(
    `SELECT p.registration_number, p.name, d.suggestion FROM pendencies d JOIN professionals p ON p.id = d.professional_id
     WHERE d.code = 'EMAIL_TYPO' ORDER BY length(p.registration_number), p.registration_number LIMIT 1`,
  )[0]!;
  const row = table.getByRole('row').filter({ hasText: typo.registration_number });
  await expect(row).toContainText(typo.suggestion);
  if (testInfo.project.name === 'browser') await shot(page, '15-pendencias');

  // The export to correct, downloaded as the preview does it.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportar para corrigir' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^CRESS09-DEMONSTRACAO-pendencias-\d{8}\.xlsx$/);
  const exported = join(desk.storePath, '..', 'pendencias.xlsx');
  await download.saveAs(exported);
  await expect(page.getByText(/^Planilha salva: CRESS09-DEMONSTRACAO-pendencias-\d{8}\.xlsx \(\d+ cadastros?\)\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ir para Importar' })).toBeVisible();

  // A row opens the record, its pendência at the top.
  await row.click();
  await expect(page.getByRole('heading', { name: typo.name })).toBeVisible();
  await expect(page.getByTestId('pendency-note').first()).toContainText('digitado errado');
  // The summary names the field once, even when the rule's message starts with it.
  await expect(page.getByTestId('record-summary')).toContainText('E-mail provavelmente digitado errado');
  await expect(page.getByTestId('record-summary')).not.toContainText('E-mail: E-mail');

  // The clerk fixes the e-mails in the file, says why and on what document, and imports it as corrections.
  const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(readFileSync(exported)).Sheets['Pendências'] as XLSX.WorkSheet, { raw: false });
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => typeof r['Pendências'] === 'string' && r['Pendências'].includes('digitado errado'))).toBe(true);
  const fixed = rows.map((r) => {
    const suggestion = desk.query<{ suggestion: string }>(
      "SELECT d.suggestion FROM pendencies d JOIN professionals p ON p.id = d.professional_id WHERE d.code = 'EMAIL_TYPO' AND p.registration_number = ?",
      r.Registro,
    )[0]?.suggestion;
    return { ...r, 'E-mail': suggestion ?? r['E-mail'], Motivo: 'E-mail confirmado por telefone', 'Documento comprobatório': 'Ligação da profissional' };
  });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet(fixed), 'Pendências');
  const corrected = join(desk.storePath, '..', 'pendencias-corrigidas.xlsx');
  writeFileSync(corrected, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  expect((await desk.cli('import', 'corrections', corrected)).code).toBe(0);

  await page.getByRole('button', { name: 'Pendências', exact: true }).click();
  await page.getByRole('button', { name: 'Conferir de novo' }).click();
  await expect(page.getByText(/cadastros conferidos/)).toBeVisible();
  expect(desk.query("SELECT 1 FROM pendencies WHERE code = 'EMAIL_TYPO'")).toEqual([]);
  await page.getByLabel('Tipo de pendência').click();
  await expect(page.getByRole('option', { name: /E-mail com provedor digitado errado \(0\)/ })).toBeVisible();
  await page.keyboard.press('Escape');
  expect(problems).toEqual([]);
});

test('Exportar para corrigir pressed from the keyboard keeps the focus while it works and after, instead of dropping it to the page', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 100, 11);
  await page.reload();
  await page.getByRole('button', { name: 'Pendências', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pendências', level: 1 })).toBeVisible();

  const button = page.getByRole('button', { name: /Exportar para corrigir|Exportando/ });
  await button.focus();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  await expect(button).toBeFocused();
  await downloading;
  await expect(page.getByText(/^Planilha salva:/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Exportar para corrigir' })).toBeFocused();
  // Conferir de novo keeps it too.
  const rescan = page.getByRole('button', { name: /Conferir de novo|Conferindo o cadastro/ });
  await rescan.focus();
  await page.keyboard.press('Enter');
  await expect(rescan).toBeFocused();
  await expect(page.getByRole('button', { name: 'Conferir de novo' })).toBeFocused();
});
