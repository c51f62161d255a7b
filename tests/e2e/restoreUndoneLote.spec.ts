// A backup older than a lote sent to Implanta, restored in the window: the question and the confirmation warn that
// the lote is not in the backup and that Implanta may already have applied it, and the next lote's
// page names it until that lote is sent. A backup made before part of Implanta's answer: both say
// the answer is undone, and to import it again.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openRawStore } from '../rawStore';
import { type DeskApp, expect, setUpDemoDesk, test } from './fixtures';

/** A demo desk whose backup folder is `backups` beside its store (the app's folder dialog, set directly); answers the folder. */
async function demoDeskBackingUpInto(desk: DeskApp): Promise<string> {
  await setUpDemoDesk(desk, 40, 4);
  const folder = join(dirname(desk.storePath), 'backups');
  mkdirSync(folder, { recursive: true });
  const db = openRawStore(desk.storePath);
  db.prepare("INSERT INTO backup_settings (id, folder, updated_at) VALUES (1, ?, 'x')").run(folder);
  db.close();
  return folder;
}

test('restoring a backup older than a sent lote names that lote, and the next lote warns before it is sent', async ({ desk }) => {
  const { page } = desk;
  const folder = await demoDeskBackingUpInto(desk);
  const [someone] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  expect((await desk.cli('correct', someone!.registration_number, '--field', 'email', '--value', 'antes@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG')).code).toBe(0);
  expect((await desk.cli('backup', 'create', '--out', folder)).code).toBe(0);
  for (const step of [['batch', 'create'], ['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', dirname(desk.storePath)], ['batch', 'mark-sent', '2026-0001']]) {
    expect((await desk.cli(...step)).code).toBe(0);
  }
  const [other] = desk.query<{ registration_number: string }>(`SELECT registration_number FROM professionals WHERE registration_number <> '${someone!.registration_number}' LIMIT 1`);
  expect((await desk.cli('correct', other!.registration_number, '--field', 'email', '--value', 'depois@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG')).code).toBe(0);

  await page.reload();
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await page.getByRole('row').filter({ hasText: 'CRESS09-DEMONSTRACAO-backup-' }).getByRole('button', { name: 'Restaurar' }).click();
  // Told before the clerk confirms.
  const dialog = page.getByRole('dialog', { name: 'Restaurar este backup?' });
  await expect(dialog).toContainText(/Uma correção foi salva nesta mesa depois deste backup \(em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\): ela não está no backup e sai da mesa com a restauração/);
  await expect(dialog).toContainText(/O lote 2026-0001 \(enviado em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\) saiu desta mesa depois deste backup: restaurá-lo desfaz esse lote aqui/);
  await dialog.getByRole('button', { name: 'Restaurar e substituir os dados' }).click();
  const warned = page.getByRole('alert').filter({ hasText: 'Backup restaurado.' });
  await expect(warned).toContainText(/o lote 2026-0001 \(enviado em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\) não está no backup: a Implanta pode já ter aplicado suas correções/);
  await expect(warned).toContainText('O número do lote não será usado por outro.');

  expect((await desk.cli('batch', 'create')).code).toBe(0);
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('button', { name: 'Abrir o lote 2026-0002' }).click();
  await expect(page.getByRole('heading', { name: 'Lote 2026-0002' })).toBeVisible();
  await expect(page.getByText(/O lote 2026-0001, enviado em .*, foi desfeito pela restauração de um backup em .*: confira com ela antes de enviar este lote\./)).toBeVisible();

  // The undone lote's package still checks sound, and says this desk no longer has that lote.
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Verificar um pacote…' }).click();
  await (await chooser).setFiles(join(dirname(desk.storePath), 'CRESS09-DEMONSTRACAO-lote-2026-0001.zip'));
  const verified = page.getByRole('dialog', { name: 'Pacote íntegro' });
  await expect(verified).toContainText('está completo e sem alteração');
  await expect(verified).toContainText(/2026-0001.*desfeito/);
});

test('restoring a backup made before part of Implanta’s answer names the answer it undoes, before and after the clerk confirms', async ({ desk }) => {
  const { page } = desk;
  const folder = await demoDeskBackingUpInto(desk);
  const people = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 2");
  for (const [i, person] of people.entries()) {
    expect((await desk.cli('correct', person.registration_number, '--field', 'email', '--value', `caixa.${i}@exemplo.com.br`, '--reason', 'E-mail informado no balcão', '--evidence', 'RG')).code).toBe(0);
  }
  for (const step of [['batch', 'create'], ['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', dirname(desk.storePath)], ['batch', 'mark-sent', '2026-0001']]) {
    expect((await desk.cli(...step)).code).toBe(0);
  }
  expect((await desk.cli('backup', 'create', '--out', folder)).code).toBe(0);
  const [rejected] = desk.query<{ uuid: string }>('SELECT uuid FROM corrections ORDER BY id LIMIT 1');
  const answer = join(dirname(desk.storePath), 'resposta-parcial.csv');
  writeFileSync(answer, `id;situação;mensagem\r\n${rejected!.uuid};rejeitada;E-mail recusado pela plataforma\r\n`);
  expect((await desk.cli('batch', 'ack', answer)).code).toBe(0);

  await page.reload();
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await page.getByRole('row').filter({ hasText: 'CRESS09-DEMONSTRACAO-backup-' }).getByRole('button', { name: 'Restaurar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restaurar este backup?' });
  await expect(dialog).toContainText(/A resposta da Implanta ao lote 2026-0001 \(enviado em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\) chegou depois deste backup: restaurá-lo desfaz essa resposta aqui/);
  await expect(dialog).not.toContainText('saiu desta mesa depois deste backup');
  await dialog.getByRole('button', { name: 'Restaurar e substituir os dados' }).click();
  const warned = page.getByRole('alert').filter({ hasText: 'Backup restaurado.' });
  await expect(warned).toContainText(/O lote 2026-0001 \(enviado em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\) voltou a aguardar a resposta: importe outra vez a confirmação da Implanta\./);
  expect(desk.query<{ status: string }>(`SELECT status FROM corrections WHERE uuid = '${rejected!.uuid}'`)[0]?.status).toBe('sent');
});

test('restoring a backup that holds a correction cancelled since says it goes to Implanta again', async ({ desk }) => {
  const { page } = desk;
  const folder = await demoDeskBackingUpInto(desk);
  const [someone] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  expect((await desk.cli('correct', someone!.registration_number, '--field', 'email', '--value', 'desistiu@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG')).code).toBe(0);
  expect((await desk.cli('backup', 'create', '--out', folder)).code).toBe(0);
  const [correction] = desk.query<{ uuid: string }>("SELECT uuid FROM corrections WHERE status = 'pending'");
  expect((await desk.cli('corrections', 'cancel', correction!.uuid, '--reason', 'A profissional desistiu')).code).toBe(0);

  await page.reload();
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await page.getByRole('row').filter({ hasText: 'CRESS09-DEMONSTRACAO-backup-' }).getByRole('button', { name: 'Restaurar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restaurar este backup?' });
  await expect(dialog).toContainText(
    /Uma correção cancelada nesta mesa depois deste backup \(ou de importação desfeita; em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\) está pendente nele: com a restauração, volta a ir para a Implanta no próximo lote\. Cancele de novo depois de restaurar\./,
  );
  await expect(dialog).not.toContainText('foi salva nesta mesa depois deste backup');
});

test('restoring a backup made while a sent lote was under review cancels it there, before and after the clerk confirms', async ({ desk }) => {
  const { page } = desk;
  const folder = await demoDeskBackingUpInto(desk);
  const [someone] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  expect((await desk.cli('correct', someone!.registration_number, '--field', 'email', '--value', 'revisao@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG')).code).toBe(0);
  expect((await desk.cli('batch', 'create')).code).toBe(0);
  expect((await desk.cli('backup', 'create', '--out', folder)).code).toBe(0);
  for (const step of [['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', dirname(desk.storePath)], ['batch', 'mark-sent', '2026-0001']]) {
    expect((await desk.cli(...step)).code).toBe(0);
  }

  await page.reload();
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await page.getByRole('row').filter({ hasText: 'CRESS09-DEMONSTRACAO-backup-' }).getByRole('button', { name: 'Restaurar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restaurar este backup?' });
  await expect(dialog).toContainText('No backup, o lote 2026-0001 ainda está em revisão: a restauração o cancela, e suas correções voltam para a fila.');
  await dialog.getByRole('button', { name: 'Restaurar e substituir os dados' }).click();
  const warned = page.getByRole('alert').filter({ hasText: 'Backup restaurado.' });
  await expect(warned).toContainText(/o lote 2026-0001 \(enviado em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\) ainda estava em revisão no backup e foi cancelado aqui, para que nenhum outro pacote saia com o número dele/);
  await expect(warned).not.toContainText('marque-o como enviado de novo');
  expect(desk.query<{ state: string }>("SELECT state FROM batches WHERE number = '2026-0001'")[0]?.state).toBe('cancelled');
});
