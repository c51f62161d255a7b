// The seams between the three copies of the registry, as a clerk meets them: a correction cancelled
// before it leaves, "Não consta mãe" as one item, a re-import from the main system that conflicts
// with a correction on its way (and outlives its rejection, until the main system's value comes in
// again), and the export back to the main system while a correction is still on its way. Implanta's
// answers are in implantaAnswers.spec.ts.
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { saveWithEvidence } from './correctionSteps';
import { expect, openRecord, test } from './fixtures';
import { shot } from './guideShot';
import { confirmWithReason, correctEmail, implantaAnswers, mainSystemLoads, picture, rejectedAfterMainSystemLoad, reviewRegistryLoadInWindow, seed, sendBatch, somebody } from './threeCopiesSteps';

test('a pending correction is cancelled from the record and the record goes back', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk);
  await correctEmail(desk, who, 'engano@exemplo.com.br');
  const { page } = desk;
  await page.reload();
  await openRecord(page, who);
  await page.getByRole('tab', { name: /Correções/ }).click();
  await page.getByRole('button', { name: 'Cancelar correção' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('não será enviada à Implanta');
  await confirmWithReason(page, 'Cancelar correção', 'Digitado no cadastro errado');
  await expect(page.getByText(/Correção de E-mail cancelada/)).toBeVisible();
  await expect(page.getByText('Cancelada: Digitado no cadastro errado')).toBeVisible();

  const [stored] = desk.query<{ email: string | null }>('SELECT email FROM professionals WHERE id = ?', who.id);
  expect(stored?.email).toBe(who.email);
  expect(desk.query('SELECT status FROM corrections')).toEqual([{ status: 'cancelled' }]);
  await page.getByRole('tab', { name: /Histórico/ }).click();
  await expect(page.getByRole('cell', { name: 'Correção cancelada', exact: true })).toBeVisible();
});

test('“Não consta mãe” on a record that had a name is one item in the queue and in the lote', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk);
  const { page } = desk;
  await page.reload();
  await openRecord(page, who);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByRole('radio', { name: 'Não consta mãe' }).check();
  await saveWithEvidence(page, 'RG sem filiação materna', 'RG');
  await expect(page.getByText(/Correção salva/)).toBeVisible();

  expect(desk.query('SELECT field FROM corrections')).toEqual([{ field: 'mother' }]);
  await page.getByRole('tab', { name: /Correções \(1\)/ }).click();
  await expect(page.getByRole('cell', { name: 'Não consta mãe' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await expect(page.getByText('1 correção pendente', { exact: true })).toBeVisible();
});

test('a re-import with a third value is a conflict the clerk settles on the record', async ({ desk }, testInfo) => {
  await seed(desk);
  const who = somebody(desk);
  const other = somebody(desk, "mother_name IS NULL AND mother_not_listed = 0");
  await correctEmail(desk, who, 'correcao.mesa@exemplo.com.br');
  const imported = await mainSystemLoads(desk, who, 'outro.valor@exemplo.com.br', '--json');
  expect(JSON.parse(imported.stdout)).toMatchObject({ conflicts: [expect.objectContaining({ registration: who.registration_number, field: 'email' })] });

  const { page } = desk;
  await page.reload();
  await openRecord(page, other);
  await expect(page.getByTestId('pendency-note').first()).toBeVisible();
  await page.getByTestId('pendency-note').first().scrollIntoViewIfNeeded();
  if (testInfo.project.name === 'browser') await shot(page, '14-registro-pendencias');

  await openRecord(page, who);
  const note = page.getByTestId('conflict-note');
  await expect(note).toContainText('outro.valor@exemplo.com.br');
  await expect(note).toContainText('correcao.mesa@exemplo.com.br');
  await note.scrollIntoViewIfNeeded();
  if (testInfo.project.name === 'browser') await shot(page, '13-registro-conflito');
  await note.getByRole('button', { name: 'Usar o valor do arquivo' }).click();
  await confirmWithReason(page, 'Usar o valor do arquivo', 'O sistema do Regional tem o e-mail confirmado');
  await expect(page.getByTestId('conflict-note')).toHaveCount(0);

  const [stored] = desk.query<{ email: string }>('SELECT email FROM professionals WHERE id = ?', who.id);
  expect(stored?.email).toBe('outro.valor@exemplo.com.br');
  expect(desk.query('SELECT status FROM corrections')).toEqual([{ status: 'cancelled' }]);
});

test('a conflict whose correction Implanta then rejects offers the record’s value against the main system’s', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk, "email IS NOT NULL AND dip_status IN ('none', 'requested')");
  await correctEmail(desk, who, 'correcao.mesa@exemplo.com.br');
  const batch = await sendBatch(desk);
  await mainSystemLoads(desk, who, 'outro.valor@exemplo.com.br');
  await implantaAnswers(desk, batch, { status: 'rejected', message: 'E-mail recusado' });

  const { page } = desk;
  await page.reload();
  await openRecord(page, who);
  const note = page.getByTestId('conflict-note');
  await expect(note).toContainText('foi rejeitada pela Implanta');
  await expect(note).toContainText(`o cadastro está com “${who.email}”`);
  await note.scrollIntoViewIfNeeded();
  await picture(page, 'conflito-apos-rejeicao');
  await expect(note.getByRole('button', { name: 'Manter a correção' })).toHaveCount(0);
  await note.getByRole('button', { name: 'Usar o valor do arquivo' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Nada é enviado à Implanta, e a rejeição conta como tratada');
  await picture(page, 'conflito-usar-arquivo');
  await confirmWithReason(page, 'Usar o valor do arquivo', 'O sistema do Regional tem o e-mail confirmado');
  await expect(page.getByTestId('conflict-note')).toHaveCount(0);
  await expect(page.getByTestId('rejection-note')).toHaveCount(0);

  const [stored] = desk.query<{ email: string }>('SELECT email FROM professionals WHERE id = ?', who.id);
  expect(stored?.email).toBe('outro.valor@exemplo.com.br');
  expect(desk.query('SELECT status, resolution FROM corrections')).toEqual([{ status: 'rejected', resolution: 'dismissed' }]);
});

test('the export for the main system carries what Implanta holds, not a correction still on its way', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk, "email IS NOT NULL AND dip_status IN ('none', 'requested')");
  await correctEmail(desk, who, 'aplicado@exemplo.com.br');
  const batch = await sendBatch(desk);
  await implantaAnswers(desk, batch, { status: 'applied' });
  // A second e-mail correction, not yet in any lote: Implanta may still reject it.
  await correctEmail(desk, who, 'ainda.pendente@exemplo.com.br');

  const { page } = desk;
  await page.reload();
  await page.getByRole('button', { name: 'Cadastro' }).click();
  await page.getByRole('button', { name: 'Exportar para o sistema do Regional' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('com os dados que a Implanta tem');
  await picture(page, 'exportar-sistema-principal');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Exportar' }).click();
  const download = await downloading;
  await expect(page.getByText(/Planilha gravada: 1 cadastro/)).toBeVisible();
  const book = XLSX.read(readFileSync(await download.path()));
  const [row] = XLSX.utils.sheet_to_json<Record<string, string>>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet);
  expect(row).toMatchObject({ Registro: who.registration_number, 'E-mail': 'aplicado@exemplo.com.br' });
});

test('the main system took a correction Implanta then rejected: loading it again on Importar is a conflict about the rejection', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk);
  const again = await rejectedAfterMainSystemLoad(desk, who, { corrected: 'caixa.recusada@exemplo.com.br', loaded: 'caixa.recusada@exemplo.com.br', message: 'Domínio não recebe mensagens' });

  const { page } = desk;
  await reviewRegistryLoadInWindow(desk, again);
  await page.getByRole('button', { name: /^Gravar/ }).click();
  // The row is "sem mudança" (the desk kept its value): the counts say it holds a conflict all the same.
  await expect(page.getByText('1 conflito em 1 linha')).toBeVisible();

  const conflicts = page.getByRole('table', { name: 'Conflitos da importação' });
  const row = conflicts.getByRole('row').filter({ hasText: who.name });
  await expect(row).toContainText('correção rejeitada pela Implanta');
  await expect(row).toContainText('caixa.recusada@exemplo.com.br');
  await row.getByRole('button', { name: 'Manter o valor da mesa' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('nada é enviado à Implanta');
  await picture(page, 'importar-conflito-rejeitada');
  await confirmWithReason(page, 'Manter o valor da mesa', 'A Implanta recusou este e-mail');
  await expect(row).toContainText('Valor da mesa mantido');
  const [stored] = desk.query<{ email: string | null }>('SELECT email FROM professionals WHERE id = ?', who.id);
  expect(stored?.email).toBe(who.email);
});

test('a conflict whose correction Implanta rejected closes when the main system’s value comes in again on Importar', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk, "email IS NOT NULL AND dip_status IN ('none', 'requested')");
  const again = await rejectedAfterMainSystemLoad(desk, who, { corrected: 'correcao.mesa@exemplo.com.br', loaded: 'outro.valor@exemplo.com.br', message: 'E-mail recusado' });

  const { page } = desk;
  await reviewRegistryLoadInWindow(desk, again);
  await expect(page.getByText(/1 conflito aberto será fechado: o sistema do Regional agora traz o mesmo valor da mesa/)).toBeVisible();
  await page.getByRole('button', { name: /^Gravar/ }).click();
  await expect(page.getByText(/1 conflito aberto foi fechado/)).toBeVisible();

  await openRecord(page, who);
  await expect(page.getByTestId('conflict-note')).toHaveCount(0);
  const [stored] = desk.query<{ email: string }>('SELECT email FROM professionals WHERE id = ?', who.id);
  expect(stored?.email).toBe('outro.valor@exemplo.com.br');
  expect(desk.query('SELECT resolution FROM registry_conflicts WHERE resolved_at IS NOT NULL')).toEqual([{ resolution: null }]);
});
