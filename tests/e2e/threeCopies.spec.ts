// The seams between the three copies of the registry, as a clerk meets them: a correction cancelled
// before it leaves, "Não consta mãe" as one item, a rejection from Implanta closed by "Corrigir de
// novo" (or changed after it by the main system), a re-import from the main system that conflicts
// with a correction on its way (and outlives its rejection, until the main system's value comes in
// again), the export back to the main system while a correction is still on its way, and two lotes
// of one field answered out of order.
import type { Locator } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as XLSX from 'xlsx';
import { saveWithEvidence } from './correctionSteps';
import { type DeskApp, expect, openRecord, setUpDemoDesk, test } from './fixtures';
import { shot } from './guideShot';

interface Person {
  id: number;
  registration_number: string;
  name: string;
  email: string | null;
  mother_name: string | null;
}

async function seed(desk: DeskApp): Promise<void> {
  await setUpDemoDesk(desk, 200, 7);
}

function somebody(desk: DeskApp, where = "mother_name IS NOT NULL AND dip_status IN ('none', 'requested')", skip = 0): Person {
  const [who] = desk.query<Person>(`SELECT id, registration_number, name, email, mother_name FROM professionals WHERE ${where} ORDER BY id LIMIT 1 OFFSET ${skip}`);
  if (!who) throw new Error('no such professional in the demo registry');
  return who;
}

async function correctEmail(desk: DeskApp, who: Person, email: string): Promise<void> {
  const saved = await desk.cli('correct', who.registration_number, '--field', 'email', '--value', email, '--reason', 'E-mail informado no balcão', '--evidence', 'RG');
  expect(saved.code).toBe(0);
}

/** A lote (2026-0001 unless said) made, sealed, exported and marked sent from the command line. */
async function sendBatch(desk: DeskApp, number = '2026-0001'): Promise<{ uuid: string; number: string; sha: string }> {
  const folder = join(dirname(desk.storePath), 'lotes');
  mkdirSync(folder, { recursive: true });
  expect((await desk.cli('batch', 'create')).code).toBe(0);
  expect((await desk.cli('batch', 'seal', number)).code).toBe(0);
  expect((await desk.cli('batch', 'export', number, '--out', folder)).code).toBe(0);
  expect((await desk.cli('batch', 'mark-sent', number)).code).toBe(0);
  const [batch] = desk.query<{ uuid: string; number: string; package_sha256: string }>('SELECT uuid, number, package_sha256 FROM batches WHERE number = ?', number);
  return { uuid: batch!.uuid, number: batch!.number, sha: batch!.package_sha256 };
}

/** Fills the reason of the dialog open on the page and confirms it with `button`. */
async function confirmWithReason(page: DeskApp['page'], button: string, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Motivo').fill(reason);
  await dialog.getByRole('button', { name: button }).click();
}

/** A picture of the screen once its transitions ended, kept with the test's results. */
async function picture(page: DeskApp['page'], name: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** Implanta's answer to the lote's only correction, as a JSON file; answers its path. */
function implantaAnswer(desk: DeskApp, batch: { uuid: string; number: string; sha: string }, answer: { status: string; message?: string }): string {
  const [item] = desk.query<{ uuid: string }>('SELECT c.uuid FROM corrections c JOIN batches b ON b.id = c.batch_id WHERE b.uuid = ?', batch.uuid);
  const ack = join(dirname(desk.storePath), `confirmacao-${batch.number}.json`);
  writeFileSync(ack, JSON.stringify({ schemaVersion: 1, batch: batch.uuid, number: batch.number, packageSha256: batch.sha, items: [{ id: item!.uuid, ...answer }] }));
  return ack;
}

/** Implanta answers the lote's only correction (JSON, from the command line). */
async function implantaAnswers(desk: DeskApp, batch: { uuid: string; number: string; sha: string }, answer: { status: string; message?: string }): Promise<void> {
  expect((await desk.cli('batch', 'ack', implantaAnswer(desk, batch, answer))).code).toBe(0);
}

/** The main system's registry load of one e-mail, as a Latin-1 CSV; answers the command's output. */
async function mainSystemLoads(desk: DeskApp, who: Person, email: string, ...options: string[]) {
  const sheet = join(dirname(desk.storePath), 'sistema-principal.csv');
  writeFileSync(sheet, `Registro;E-mail\r\n${who.registration_number};${email}\r\n`, 'latin1');
  const loaded = await desk.cli(...options, 'import', 'registry', sheet);
  expect(loaded.code).toBe(0);
  return loaded;
}

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

test('a rejection shows Implanta’s value and message on the record and closes with “Corrigir de novo”', async ({ desk }, testInfo) => {
  await seed(desk);
  const who = somebody(desk);
  await correctEmail(desk, who, 'caixa.inexistente@exemplo.com.br');
  const batch = await sendBatch(desk);
  await implantaAnswers(desk, batch, { status: 'rejected', message: 'Caixa postal inexistente no provedor' });

  const { page } = desk;
  await page.reload();
  await expect(page.getByTestId('home-rejected')).toContainText('1 correção foi rejeitada');
  await openRecord(page, who);
  const note = page.getByTestId('rejection-note');
  await expect(note).toContainText('caixa.inexistente@exemplo.com.br');
  await expect(note).toContainText('Caixa postal inexistente no provedor');
  await expect(page.getByTestId('record-summary')).toContainText('1 correção rejeitada pela Implanta');
  await note.scrollIntoViewIfNeeded();
  if (testInfo.project.name === 'browser') await shot(page, '12-registro-rejeicao');

  await note.getByRole('button', { name: 'Corrigir de novo' }).click();
  const email = page.getByLabel('E-mail', { exact: true });
  await expect(email).toHaveValue('caixa.inexistente@exemplo.com.br');
  await email.fill('caixa.certa@exemplo.com.br');
  await saveWithEvidence(page, 'Profissional conferiu o e-mail', 'Declaração');
  await expect(page.getByText(/Correção salva/)).toBeVisible();
  await expect(page.getByTestId('rejection-note')).toHaveCount(0);

  await page.getByRole('button', { name: 'Início' }).click();
  await expect(page.getByTestId('home-rejected')).toContainText('Nenhuma correção rejeitada');
});

test('“Corrigir de novo” keeping the value Implanta refused: the review says Implanta refused it, with its message, before the save', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk);
  await correctEmail(desk, who, 'caixa.inexistente@exemplo.com.br');
  await implantaAnswers(desk, await sendBatch(desk), { status: 'rejected', message: 'Caixa postal inexistente no provedor' });

  const { page } = desk;
  await page.reload();
  await openRecord(page, who);
  await page.getByTestId('rejection-note').getByRole('button', { name: 'Corrigir de novo' }).click();
  await expect(page.getByLabel('E-mail', { exact: true })).toHaveValue('caixa.inexistente@exemplo.com.br');
  await page.getByLabel('Motivo da correção').fill('Profissional confirmou o e-mail');
  await page.getByLabel('Documento apresentado').fill('Declaração');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  const review = page.getByRole('dialog');
  await expect(review.getByTestId('review-warnings')).toContainText(
    'A Implanta já recusou este mesmo valor de “E-mail” no lote 2026-0001: “Caixa postal inexistente no provedor”. A correção vai de novo para a Implanta',
  );
  // A warning, not a refusal: the clerk may know the reason was settled with Implanta.
  await review.getByRole('button', { name: 'Salvar correção' }).click();
  await expect(page.getByText(/Correção salva/)).toBeVisible();
  expect(desk.query("SELECT count(*) AS n FROM corrections WHERE status = 'pending' AND new_value = 'caixa.inexistente@exemplo.com.br'")).toEqual([{ n: 1 }]);
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

test('a rejection note says what the record holds when the main system changed the field after the rejection', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk, "email IS NOT NULL AND dip_status IN ('none', 'requested')");
  await correctEmail(desk, who, 'recusado@exemplo.com.br');
  const batch = await sendBatch(desk);
  await implantaAnswers(desk, batch, { status: 'rejected', message: 'E-mail recusado' });
  await mainSystemLoads(desk, who, 'do.sistema@exemplo.com.br');

  const { page } = desk;
  await page.reload();
  await openRecord(page, who);
  const note = page.getByTestId('rejection-note');
  await expect(note).toContainText('Rejeitado pela Implanta: “recusado@exemplo.com.br”. O campo mudou depois e o cadastro está com “do.sistema@exemplo.com.br”.');
  await note.scrollIntoViewIfNeeded();
  await picture(page, 'rejeicao-campo-mudou');
});

/** The main system's file chosen on Importar as a registry load, up to its review (nothing written yet). */
/** Two e-mail corrections of `who`, each sent in a lote of its own (2026-0001, then 2026-0002). */
async function twoLotesOfOneEmail(desk: DeskApp, who: Person): Promise<{ older: Awaited<ReturnType<typeof sendBatch>>; newer: Awaited<ReturnType<typeof sendBatch>> }> {
  await correctEmail(desk, who, 'primeira.caixa@exemplo.com.br');
  const older = await sendBatch(desk, '2026-0001');
  await correctEmail(desk, who, 'segunda.caixa@exemplo.com.br');
  const newer = await sendBatch(desk, '2026-0002');
  return { older, newer };
}

/**
 * `who`'s e-mail corrected and sent, the main system's load of `loaded` after it, Implanta's
 * rejection with `message`; answers the main system's file bringing `loaded` once more.
 */
async function rejectedAfterMainSystemLoad(desk: DeskApp, who: Person, { corrected, loaded, message }: { corrected: string; loaded: string; message: string }): Promise<string> {
  await correctEmail(desk, who, corrected);
  const batch = await sendBatch(desk);
  await mainSystemLoads(desk, who, loaded);
  await implantaAnswers(desk, batch, { status: 'rejected', message });
  const again = join(dirname(desk.storePath), 'sistema-principal-de-novo.csv');
  writeFileSync(again, `Registro;E-mail\n${who.registration_number};${loaded}\n`, 'latin1');
  return again;
}

async function reviewRegistryLoadInWindow(desk: DeskApp, file: string): Promise<void> {
  const { page } = desk;
  await page.reload();
  await page.getByRole('button', { name: 'Importar', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Escolher planilha' }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('radio', { name: /Cadastro \(carga do sistema do Regional\)/ }).check();
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('button', { name: 'Conferir planilha' }).click();
}

/** Opens Lotes anew, then Importar confirmação, and chooses Implanta's answer `file`: the dialog, showing its preview. */
async function chooseAnswerInWindow(desk: DeskApp, file: string): Promise<Locator> {
  const { page } = desk;
  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('button', { name: 'Importar confirmação' }).click();
  const importing = page.getByRole('dialog');
  const chooser = page.waitForEvent('filechooser');
  await importing.getByRole('button', { name: 'Escolher arquivo…' }).click();
  await (await chooser).setFiles(file);
  return importing;
}

test('a rejection while a later correction of the field is in a sealed lote: the answer names that lote and the old value it carries', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk, "email IS NOT NULL AND dip_status IN ('none', 'requested')");
  const before = who.email;
  const { older } = await twoLotesOfOneEmail(desk, who);

  const importing = await chooseAnswerInWindow(desk, implantaAnswer(desk, older, { status: 'rejected' }));
  const preview = importing.getByRole('status').filter({ hasText: 'Antes de aplicar: o que a confirmação muda no lote 2026-0001' });
  await expect(preview).toContainText('1 correção de um lote já selado parte de um valor que a Implanta acabou de recusar');
  await importing.getByRole('button', { name: 'Aplicar a confirmação' }).click();
  const done = importing.getByRole('status').filter({ hasText: 'Confirmação do lote 2026-0001 importada' });
  await expect(done).toContainText(
    `${who.name} (registro ${who.registration_number}), E-mail: o lote 2026-0002 leva “primeira.caixa@exemplo.com.br” → “segunda.caixa@exemplo.com.br”; a Implanta tem “${before}”`,
  );
});

test('an older lote answered as applied after a newer one of the same field: the desk keeps the newer value and says Implanta may hold the older', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk);
  const { older, newer } = await twoLotesOfOneEmail(desk, who);
  await implantaAnswers(desk, newer, { status: 'applied' });

  const { page } = desk;
  const importing = await chooseAnswerInWindow(desk, implantaAnswer(desk, older, { status: 'applied' }));
  const preview = importing.getByRole('status').filter({ hasText: 'Antes de aplicar: o que a confirmação muda no lote 2026-0001' });
  await expect(preview).toContainText('1 correção mais antiga chega como aplicada depois da mais nova do mesmo campo');
  await importing.getByRole('button', { name: 'Aplicar a confirmação' }).click();
  const done = importing.getByRole('status').filter({ hasText: 'Confirmação do lote 2026-0001 importada' });
  await expect(done).toContainText('confirme com a Implanta qual valor ficou');
  await expect(done).toContainText(`${who.name} (registro ${who.registration_number}), E-mail: “primeira.caixa@exemplo.com.br” respondida depois de “segunda.caixa@exemplo.com.br” (lote 2026-0002)`);
  await picture(page, 'confirmacao-fora-de-ordem');
  await importing.getByRole('button', { name: 'Fechar' }).click();

  await openRecord(page, who);
  await expect(page.getByRole('main')).toContainText('segunda.caixa@exemplo.com.br');
  await page.getByRole('tab', { name: /Histórico/ }).click();
  await expect(page.getByRole('main')).toContainText('A Implanta respondeu esta correção depois da mais nova (lote 2026-0002, “segunda.caixa@exemplo.com.br”)');
  await picture(page, 'historico-fora-de-ordem');
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
