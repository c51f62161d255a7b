// A batch for Implanta from start to end, as the clerk does it in Lotes: generate, review, seal,
// export the package, mark it sent, import Implanta's answer with one rejection, and see the
// rejection on the start screen.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildZip } from '../fixtures/imports/zipWriter';
import { seriousViolations } from './axe';
import { expect, setUpDemoDesk, test } from './fixtures';

test('generate, review, seal, export, mark sent, import the answer, see the rejection on the dashboard', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 150, 4);
  const people = desk.query<{ registration_number: string }>(
    "SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') ORDER BY id LIMIT 4",
  );
  for (const [i, p] of people.entries()) {
    const saved = await desk.cli('correct', p.registration_number, '--field', 'email', '--value', `lote.${i}@exemplo.com.br`, '--reason', 'E-mail informado no balcão', '--evidence', 'RG');
    expect(saved.code).toBe(0);
  }
  const problems: string[] = [];

  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Lotes', level: 1 })).toBeVisible();
  // Only the kinds waiting are named: no "0 alterações de CEP".
  await expect(page.getByText('4 correções pendentes', { exact: true })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Lotes')));

  // Generate and review.
  await page.getByRole('button', { name: 'Gerar lote' }).click();
  await expect(page.getByRole('heading', { name: 'Lote 2026-0001' })).toBeVisible();
  await expect(page.getByText('Em revisão').first()).toBeVisible();
  const review = page.getByRole('table', { name: 'Itens do lote por tipo e campo' });
  await expect(review.getByRole('row').filter({ hasText: 'E-mail' })).toContainText('4');
  const items = page.getByRole('table', { name: 'Itens do lote', exact: true });
  await expect(items.getByRole('row')).toHaveCount(5);
  // One item taken out in review: it goes back to the queue, for the next lote.
  await items.getByRole('row').filter({ hasText: 'lote.3@exemplo.com.br' }).getByRole('button', { name: /Retirar do lote/ }).click();
  const removing = page.getByRole('dialog', { name: 'Retirar o item do lote 2026-0001?' });
  await expect(removing).toContainText('volta para a fila como pendente e entra no próximo lote');
  await removing.getByRole('button', { name: 'Retirar do lote' }).click();
  await expect(items.getByRole('row')).toHaveCount(4);
  await expect(items).not.toContainText('lote.3@exemplo.com.br');
  expect(desk.query<{ n: number }>("SELECT count(*) AS n FROM corrections WHERE status = 'pending' AND batch_id IS NULL")[0]?.n).toBe(1);
  problems.push(...(await seriousViolations(page, 'Lote em revisão')));

  // Seal: the confirmation says what it means.
  await page.getByRole('button', { name: 'Lacrar lote' }).click();
  const seal = page.getByRole('dialog');
  await expect(seal).toContainText('não poderá mais ser mudado nem cancelado');
  await seal.getByRole('button', { name: 'Lacrar lote' }).click();
  await expect(page.getByText('Lacrado', { exact: true })).toBeVisible();

  // Export: the browser preview downloads the package the host wrote.
  await page.getByRole('button', { name: 'Exportar pacote' }).click();
  const exporting = page.getByRole('dialog');
  const download = page.waitForEvent('download');
  await exporting.getByRole('button', { name: 'Escolher onde salvar…' }).click();
  expect((await download).suggestedFilename()).toBe('CRESS09-DEMONSTRACAO-lote-2026-0001.zip');
  await expect(exporting.getByText('Pacote exportado')).toBeVisible();
  const [exported] = desk.query<{ package_sha256: string; package_file_name: string }>('SELECT package_sha256, package_file_name FROM batches');
  await expect(exporting).toContainText(exported!.package_sha256);
  await expect(exporting).toContainText(/CRESS09-DEMONSTRACAO-lote-2026-0001\.zip \(\d+ KB\)/);
  await expect(exporting).toContainText('Código de conferência do pacote:');
  await expect(exporting).not.toContainText('BagIt');
  // The preview's private copy is no place of the clerk's: the browser's download is.
  await expect(exporting).not.toContainText('cress-desk-files');
  if (test.info().project.name === 'browser') await expect(exporting).toContainText('O navegador baixou o pacote para a sua pasta de downloads.');
  problems.push(...(await seriousViolations(page, 'Pacote exportado')));
  await exporting.getByRole('button', { name: 'Fechar' }).click();
  await expect(page.getByText('Exportado', { exact: true })).toBeVisible();

  // Mark sent.
  await page.getByRole('button', { name: 'Marcar como enviado' }).click();
  const sending = page.getByRole('dialog');
  await expect(sending.getByLabel('Prazo de resposta (horas)')).toHaveValue('24');
  // A day that does not exist is named as such, as in the correction form.
  const sentOn = await sending.getByLabel('Data do envio').inputValue();
  await sending.getByLabel('Data do envio').fill('31/02/2026');
  await sending.getByRole('button', { name: 'Marcar como enviado' }).click();
  await expect(sending.getByText('Data inválida: 31/02/2026 não existe no calendário.')).toBeVisible();
  await sending.getByLabel('Data do envio').fill(sentOn);
  await sending.getByRole('button', { name: 'Marcar como enviado' }).click();
  await expect(page.getByText('Enviado', { exact: true })).toBeVisible();
  await expect(page.getByText(/Aguardando a confirmação da Implanta/)).toBeVisible();

  // Implanta answers with a spreadsheet: two applied, one rejected.
  const ids = desk.query<{ uuid: string }>('SELECT uuid FROM corrections WHERE batch_id IS NOT NULL ORDER BY id').map((r) => r.uuid);
  const answer = join(desk.storePath, '..', 'resposta-implanta.csv');
  writeFileSync(answer, `\uFEFFid;situação;mensagem\r\n${ids[0]};aplicada;\r\n${ids[1]};rejeitada;Domínio do e-mail não recebe mensagens\r\n${ids[2]};aplicada;\r\n`);
  await page.getByRole('button', { name: 'Importar confirmação' }).click();
  const importing = page.getByRole('dialog');
  const chooser = page.waitForEvent('filechooser');
  await importing.getByRole('button', { name: 'Escolher arquivo…' }).click();
  await (await chooser).setFiles(answer);
  // First what it will change, nothing written yet.
  const preview = importing.getByRole('status').filter({ hasText: 'Antes de aplicar: o que a confirmação muda no lote 2026-0001' });
  await expect(preview).toContainText('2 correções passam a aplicadas.');
  await expect(preview).toContainText('1 correção passa a rejeitada: o cadastro volta ao valor que a Implanta tem');
  expect(desk.query<{ n: number }>("SELECT count(*) AS n FROM corrections WHERE status = 'sent'")[0]?.n).toBe(3);
  problems.push(...(await seriousViolations(page, 'Confirmação antes de aplicar')));
  await importing.getByRole('button', { name: 'Aplicar a confirmação' }).click();
  await expect(importing.getByRole('status').filter({ hasText: 'Confirmação do lote 2026-0001 importada' })).toContainText('2 correções aplicadas · 1 correção rejeitada');
  await importing.getByRole('button', { name: 'Fechar' }).click();
  await expect(page.getByText('Respondido', { exact: true })).toBeVisible();
  const rejectedRow = page.getByRole('table', { name: 'Itens do lote', exact: true }).getByRole('row').filter({ hasText: 'Rejeitada' });
  await expect(rejectedRow).toContainText('Domínio do e-mail não recebe mensagens');
  problems.push(...(await seriousViolations(page, 'Lote respondido')));

  // The start screen: the rejection stands out, with its count, and the chart counts it.
  await page.getByRole('button', { name: 'Início' }).click();
  await expect(page.getByRole('region', { name: 'Rejeitadas para corrigir' })).toContainText('1 correção foi rejeitada');
  const chart = page.getByRole('region', { name: 'Correções por situação (últimos 30 dias)' });
  await expect(chart).toContainText('Rejeitada: 1');
  await expect(chart).toContainText('Sincronizada: 2');
  await expect(page.getByRole('region', { name: 'Lotes para a Implanta' })).toContainText('Nenhum lote aguardando resposta.');
  problems.push(...(await seriousViolations(page, 'Início com lotes')));
  expect(problems).toEqual([]);
});

test('an overdue batch stands out on the start screen and in Lotes', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 60, 4);
  const [p] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  await desk.cli('correct', p!.registration_number, '--field', 'email', '--value', 'atraso@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG');
  await desk.cli('batch', 'create');
  await desk.cli('batch', 'seal', '2026-0001');
  await desk.cli('batch', 'export', '2026-0001', '--out', join(desk.storePath, '..'));
  // Sent with a 1-hour answer time, and the answer never came.
  await desk.cli('batch', 'mark-sent', '2026-0001', '--overdue-hours', '1');
  desk.exec('UPDATE batches SET sent_at = ?', new Date(Date.now() - 2 * 3_600_000).toISOString());

  await page.reload();
  const card = page.getByRole('region', { name: 'Lotes para a Implanta' });
  await expect(card).toContainText('1 lote atrasado');
  await expect(card).toContainText('Lote 2026-0001');
  await card.getByRole('button', { name: /Lote 2026-0001/ }).click();
  await expect(page.getByRole('heading', { name: 'Lote 2026-0001' })).toBeVisible();
  await expect(page.getByText('Atrasado')).toBeVisible();
  await expect(page.getByText(/A Implanta não respondeu no prazo/)).toBeVisible();
});

test('the start screen counts the CEP changes waiting for the next lote, as Lotes does', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 20, 4);
  await desk.cli('cep', 'add', '01310100', '--street', 'Avenida Paulista', '--district', 'Bela Vista', '--city', 'São Paulo', '--uf', 'SP', '--reason', 'CEP conferido nos Correios');
  await page.reload();
  await expect(page.getByText('1 alteração de CEP pendente para o próximo lote.')).toBeVisible();
  await expect(page.getByText('Nada pendente para o próximo lote.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await expect(page.getByText('1 alteração de CEP pendente', { exact: true })).toBeVisible();
  await expect(page.getByText(/0 correç/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Início', exact: true }).click();

  const [someone] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  await desk.cli('correct', someone?.registration_number ?? '', '--field', 'email', '--value', 'nova.caixa@exemplo.com.br', '--reason', 'E-mail informado no balcão');
  await page.reload();
  await expect(page.getByText('1 correção pendente e 1 alteração de CEP pendente para o próximo lote.')).toBeVisible();
});

test('a bad answer file in Lotes is refused with what is wrong with it, in Portuguese, never an internal error', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 20, 4);
  const [p] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  await desk.cli('correct', p!.registration_number, '--field', 'email', '--value', 'resposta@exemplo.com.br', '--reason', 'E-mail informado no balcão');
  await desk.cli('batch', 'create');
  await desk.cli('batch', 'seal', '2026-0001');
  await desk.cli('batch', 'export', '2026-0001', '--out', join(desk.storePath, '..'));
  await desk.cli('batch', 'mark-sent', '2026-0001');
  const [sent] = desk.query<{ uuid: string }>('SELECT uuid FROM corrections');
  const file = (name: string, bytes: string | Buffer) => {
    const path = join(desk.storePath, '..', name);
    writeFileSync(path, bytes);
    return path;
  };
  const noSheets = buildZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'xl/workbook.xml', data: '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>' },
  ]);
  const cases: [string, string | RegExp][] = [
    [file('cortado.json', '{"schemaVersion": 1, "batch": "'), /não é um JSON válido/],
    [file('colunas.csv', `id;mensagem\r\n${sent!.uuid};ok\r\n`), 'precisa das colunas "id" e "situação"'],
    [file('vazio.csv', ''), 'está vazio'],
    [file('documento.csv', Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(400, 7)])), 'não é uma planilha, um CSV nem um JSON'],
    [file('sem-abas.xlsx', noSheets), /não tem nenhuma aba|danificada|não pôde ser aberta/],
    [file('outro-lote.json', JSON.stringify({ schemaVersion: 1, batch: '11111111-2222-4333-8444-555555555555', packageSha256: '0'.repeat(64), items: [{ id: sent!.uuid, status: 'applied' }] })), 'que não existe neste computador'],
  ];
  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('button', { name: 'Importar confirmação' }).click();
  const importing = page.getByRole('dialog');
  for (const [path, message] of cases) {
    const chooser = page.waitForEvent('filechooser');
    await importing.getByRole('button', { name: 'Escolher arquivo…' }).click();
    await (await chooser).setFiles(path);
    const refusal = importing.getByRole('alert').or(importing.locator('.MuiAlert-standardError'));
    await expect(refusal.first(), path).toContainText('Confirmação recusada: nada foi alterado.');
    await expect(refusal.first(), path).toContainText(message);
    await expect(importing, path).not.toContainText(/Erro interno|INTERNAL|undefined/);
  }
  expect(desk.query<{ status: string }>('SELECT status FROM corrections')).toEqual([{ status: 'sent' }]);
});
