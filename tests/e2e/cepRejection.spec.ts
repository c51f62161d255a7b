// A change of the CEP directory Implanta rejected has no record screen: in Lotes, the answered
// lote's item offers "Dispensar" with a reason, as a rejected correction does on its record.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillNewCep } from './cepDialog';
import { expect, setUpDemoDesk, test } from './fixtures';

test('a rejected CEP change is dismissed with a reason from the answered lote in Lotes', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 20, 4);
  await desk.cli('cep', 'add', '01310100', '--street', 'Avenida Paulista', '--district', 'Bela Vista', '--city', 'São Paulo', '--uf', 'SP', '--reason', 'CEP conferido nos Correios');
  await desk.cli('cep', 'add', '04538132', '--street', 'Avenida Brigadeiro Faria Lima', '--district', 'Itaim Bibi', '--city', 'São Paulo', '--uf', 'SP', '--reason', 'CEP conferido nos Correios');
  await desk.cli('batch', 'create');
  await desk.cli('batch', 'seal', '2026-0001');
  await desk.cli('batch', 'export', '2026-0001', '--out', join(desk.storePath, '..'));
  await desk.cli('batch', 'mark-sent', '2026-0001');
  const [change, other] = desk.query<{ uuid: string }>('SELECT uuid FROM cep_changes ORDER BY cep');
  const answer = join(desk.storePath, '..', 'resposta-cep.csv');
  writeFileSync(answer, `id;situação;mensagem\r\n${change!.uuid};rejeitada;CEP já existe com outro logradouro\r\n${other!.uuid};rejeitada;Logradouro não confere\r\n`);
  expect((await desk.cli('batch', 'ack', answer)).code).toBe(0);

  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('row', { name: 'Abrir o lote 2026-0001' }).click();
  await expect(page.getByRole('heading', { name: 'Lote 2026-0001' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Itens do lote', exact: true }).getByRole('row').filter({ hasText: 'CEP já existe com outro logradouro' });
  await row.getByRole('button', { name: 'Dispensar a rejeição da alteração do CEP 01310-100' }).click();
  const dialog = page.getByRole('dialog', { name: 'Dispensar a rejeição do CEP 01310-100' });
  await expect(dialog).toContainText('Nada é enviado à Implanta');
  await dialog.getByRole('textbox').fill('O CEP já está certo no sistema do Regional');
  await dialog.getByRole('button', { name: 'Dispensar rejeição' }).click();
  await expect(page.getByText('Rejeição do CEP 01310-100 dispensada.')).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByRole('button', { name: /Dispensar/ })).toHaveCount(0);
  expect(desk.query('SELECT resolution, resolution_note FROM cep_changes ORDER BY cep')).toEqual([
    { resolution: 'dismissed', resolution_note: 'O CEP já está certo no sistema do Regional' },
    { resolution: null, resolution_note: null },
  ]);

  // Seen again later: only the rejection still to deal with offers Dispensar.
  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('row', { name: 'Abrir o lote 2026-0001' }).click();
  const items = page.getByRole('table', { name: 'Itens do lote', exact: true });
  await expect(items.getByRole('button', { name: 'Dispensar a rejeição da alteração do CEP 04538-132' })).toBeVisible();
  await expect(items.getByRole('button', { name: 'Dispensar a rejeição da alteração do CEP 01310-100' })).toHaveCount(0);
});

test('the same data Implanta refused for a CEP, saved again on CEPs: it goes, and the notice says Implanta refused it, until closed', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 20, 4);
  const typed = ['--street', 'Rua Nova do Loteamento', '--district', 'Jardim Esperança', '--city', 'São Paulo', '--uf', 'SP'];
  expect((await desk.cli('cep', 'add', '05000001', ...typed, '--reason', 'CEP informado pela profissional')).code).toBe(0);
  await desk.cli('batch', 'create');
  await desk.cli('batch', 'seal', '2026-0001');
  await desk.cli('batch', 'export', '2026-0001', '--out', join(desk.storePath, '..'));
  await desk.cli('batch', 'mark-sent', '2026-0001');
  const [change] = desk.query<{ uuid: string }>('SELECT uuid FROM cep_changes');
  const answer = join(desk.storePath, '..', 'resposta-cep.csv');
  writeFileSync(answer, `id;situação;mensagem\r\n${change!.uuid};rejeitada;Logradouro não confere com os Correios\r\n`);
  expect((await desk.cli('batch', 'ack', answer)).code).toBe(0);

  await page.reload();
  await page.getByRole('button', { name: 'CEPs', exact: true }).click();
  const dialog = await fillNewCep(page, '05000-001');
  await dialog.getByRole('button', { name: 'Salvar CEP' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'CEP 05000-001 corrigido e enviado para a fila.' });
  await expect(notice).toContainText(
    'A Implanta já recusou estes mesmos dados do CEP 05000-001 no lote 2026-0001: “Logradouro não confere com os Correios”. O CEP vai de novo para a Implanta',
  );
  expect(desk.query("SELECT count(*) AS n FROM cep_changes WHERE status = 'pending'")).toEqual([{ n: 1 }]);
  // A warning is not a confirmation that fades: it stays until the clerk closes it.
  await page.waitForTimeout(5500);
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: /close|fechar/i }).click();
  await expect(notice).toHaveCount(0);
});
