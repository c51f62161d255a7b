// A lote an earlier version of the desk sealed and sent with no item left is closed in Lotes by
// Implanta's answer listing no item: the dialog says what it does, never that the file was already
// imported, and the lote is answered.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, setUpDemoDesk, test } from './fixtures';

test('an empty lote sent by an earlier version is answered by an answer with no item', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 20, 4);
  const [p] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  await desk.cli('correct', p!.registration_number, '--field', 'email', '--value', 'vazio@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG');
  await desk.cli('batch', 'create');
  const [item] = desk.query<{ uuid: string }>('SELECT uuid FROM corrections');
  await desk.cli('batch', 'remove', '2026-0001', item!.uuid);
  // As an earlier version sealed, exported and sent it.
  const at = '2026-03-01T10:00:00.000Z';
  const sha = 'b'.repeat(64);
  desk.exec("UPDATE batches SET state = 'sent', sealed_at = ?, exported_at = ?, sent_at = ?, package_sha256 = ?", at, at, at, sha);
  const [lote] = desk.query<{ uuid: string }>('SELECT uuid FROM batches');
  const answer = join(desk.storePath, '..', 'resposta-vazia.json');
  writeFileSync(answer, JSON.stringify({ schemaVersion: 2, batch: lote!.uuid, number: '2026-0001', packageSha256: sha, items: [] }));

  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Lotes', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Importar confirmação' }).click();
  const importing = page.getByRole('dialog');
  const chooser = page.waitForEvent('filechooser');
  await importing.getByRole('button', { name: 'Escolher arquivo…' }).click();
  await (await chooser).setFiles(answer);
  const preview = importing.getByRole('status').filter({ hasText: 'Antes de aplicar: o que a confirmação muda no lote 2026-0001' });
  await expect(preview).toBeVisible();
  await expect(preview).not.toContainText('já está registrado');
  await importing.getByRole('button', { name: 'Aplicar a confirmação' }).click();
  const done = importing.getByRole('status').filter({ hasText: 'Confirmação do lote 2026-0001 importada' });
  await expect(done).toBeVisible();
  await expect(done).not.toContainText('já estava registrado');
  await importing.getByRole('button', { name: 'Fechar' }).click();
  expect(desk.query<{ state: string }>('SELECT state FROM batches')[0]?.state).toBe('acknowledged');
});
