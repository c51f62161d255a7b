// Backups as the clerk sees them: the age of the last backup on the dashboard, a backup made with a
// passphrase asked twice, the list, and a restore that says exactly what it will do.
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openRawStore } from '../rawStore';
import { CLI_BIN, expect, test } from './fixtures';

/** Points the desk's backup folder into the test's own folder (never the real Documents). */
function backupFolderBeside(storePath: string): string {
  const folder = join(dirname(storePath), 'backups');
  mkdirSync(folder, { recursive: true });
  const db = openRawStore(storePath);
  db.prepare("INSERT INTO backup_settings (id, folder, updated_at) VALUES (1, ?, 'x')").run(folder);
  db.close();
  return folder;
}

test('a backup with a passphrase, listed as verified, then restored after a confirmation', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await desk.cli('demo', '--professionals', '150', '--seed', '4');
  const folder = backupFolderBeside(desk.storePath);
  await page.reload();

  // No backup yet: the dashboard says so.
  const card = page.getByRole('region', { name: 'Último backup' });
  await expect(card).toContainText('Nenhum verificado');
  await expect(card).toContainText('Faça um agora');
  await card.getByRole('button', { name: 'Abrir Backups' }).click();
  await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
  await expect(page.getByText('Nenhum backup nesta pasta ainda.')).toBeVisible();
  // The backup is not the lote sent to Implanta, and it is this computer's data.
  await expect(page.getByText(/Cópias verificadas de todos os dados deste computador.*Não é o pacote de correções enviado à Implanta/)).toBeVisible();

  // The passphrase is asked twice, with the warning that a lost one is unrecoverable.
  await page.getByRole('button', { name: 'Fazer backup agora' }).first().click();
  await page.getByLabel('Proteger com senha').check();
  await expect(page.getByRole('dialog')).toContainText('não poderá ser aberto por ninguém');
  await page.getByLabel('Senha', { exact: true }).fill('uma frase longa');
  await page.getByLabel('Repita a senha').fill('outra frase');
  await page.getByRole('button', { name: 'Fazer backup', exact: true }).click();
  await expect(page.getByText('As duas senhas não são iguais.')).toBeVisible();
  await page.getByLabel('Repita a senha').fill('uma frase longa');
  await page.getByRole('button', { name: 'Fazer backup', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Backup criado e verificado: CRESS09-DEMONSTRACAO-backup-\d{8}-\d{6}\.zip/ }).first()).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'CRESS09-DEMONSTRACAO-backup-' });
  await expect(row).toContainText('Verificado');
  await expect(row).toContainText('Com senha');
  await expect(page.getByText('Último backup: hoje').first()).toBeVisible();

  // A wrong passphrase keeps its dialog and says so; the right one says what the backup holds.
  await row.getByRole('button', { name: 'Verificar' }).click();
  const ask = page.getByRole('dialog', { name: 'Backup protegido por senha' });
  await ask.getByLabel('Senha', { exact: true }).fill('senha errada');
  await ask.getByRole('button', { name: 'Continuar' }).click();
  await expect(ask.getByText(/^Senha incorreta/)).toBeVisible();
  await ask.getByLabel('Senha', { exact: true }).fill('uma frase longa');
  await ask.getByRole('button', { name: 'Continuar' }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: /Backup válido: .* Dados de \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · 150 profissionais · \d+ correç/ })).toBeVisible();

  // A copy cut short (a pendrive pulled out too soon) is said in plain words.
  const made = join(folder, readdirSync(folder).find((f) => f.endsWith('.zip')) as string);
  const cut = join(dirname(folder), 'copia-do-pendrive.zip');
  const bytes = readFileSync(made);
  writeFileSync(cut, bytes.subarray(0, bytes.length - 2000));
  const chooseCut = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Verificar um arquivo…' }).click();
  await (await chooseCut).setFiles(cut);
  const problems = page.getByRole('dialog', { name: /não passou na verificação/ });
  await expect(problems).toContainText('O arquivo está incompleto — copie de novo do pendrive');
  await expect(problems).not.toContainText('ZIP_');
  await expect(problems).not.toContainText('índice');
  await problems.getByRole('button', { name: 'Fechar' }).click();

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`)).toEqual([]);

  // More professionals after the backup; restoring brings the registry back to 150.
  await desk.cli('demo', '--professionals', '30', '--seed', '9');
  await row.getByRole('button', { name: 'Restaurar' }).click();
  await page.getByLabel('Senha', { exact: true }).fill('uma frase longa');
  await page.getByRole('button', { name: 'Continuar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restaurar este backup?' });
  await expect(dialog).toContainText('serão substituídos pelos do backup');
  await expect(dialog).toContainText('No backup: 150 profissionais');
  await dialog.getByRole('button', { name: 'Restaurar e substituir os dados' }).click();
  await expect(page.getByText(/Backup restaurado\. Os dados anteriores foram guardados em .*before-restore-\d{8}-\d{6}\.sqlite/)).toBeVisible();
  const count = desk.query<{ n: number }>('SELECT count(*) AS n FROM professionals')[0]?.n;
  expect(count).toBe(150);
});

test('the copy for Implanta asks for a long passphrase twice, and a backup of another desk restores with its recovery key', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  const folder = backupFolderBeside(desk.storePath);
  await page.reload();
  await page.getByRole('button', { name: 'Backups', exact: true }).click();

  // The copy for Implanta: 12 characters at least, said before anything is written.
  await page.getByRole('button', { name: 'Cópia para a Implanta…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cópia do banco para a Implanta' });
  await expect(dialog).toContainText('nunca no mesmo e-mail que leva o arquivo');
  await dialog.getByLabel('Senha', { exact: true }).fill('implanta');
  await dialog.getByLabel('Repita a senha').fill('implanta');
  await dialog.getByRole('button', { name: 'Gravar cópia' }).click();
  await expect(dialog).toContainText('pelo menos 12 caracteres');
  expect(readdirSync(folder)).toEqual([]);
  await dialog.getByLabel('Senha', { exact: true }).fill('senha combinada por telefone');
  await dialog.getByLabel('Repita a senha').fill('senha combinada por telefone');
  await dialog.getByRole('button', { name: 'Gravar cópia' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Cópia para a Implanta gravada e verificada: .*CRESS09-para-implanta-\d{8}-\d{6}\.zip/ })).toBeVisible();
  expect(readdirSync(folder).filter((f) => f.includes('-para-implanta-'))).toHaveLength(1);
  await expect(page.getByRole('row').filter({ hasText: 'para-implanta' })).toHaveCount(0);

  // Another desk, with its own key, made a backup of 40 professionals; its recovery key opens it here.
  const other = mkdtempSync(join(tmpdir(), 'cress-e2e-other-'));
  const env = { ...process.env, CRESS_DESK_KEY_FILE: join(other, 'other.key') };
  const otherCli = (...args: string[]) => spawnSync(process.execPath, [CLI_BIN, '--db', join(other, 'other.sqlite'), ...args], { encoding: 'utf8', env });
  expect(otherCli('init', '--region', '9', '--operator', 'Bia').status).toBe(0);
  expect(otherCli('demo', '--professionals', '40', '--seed', '2').status).toBe(0);
  expect(otherCli('backup', 'create', '--out', other).status).toBe(0);
  expect(otherCli('key', 'export', '--out', join(other, 'recuperacao.key')).status).toBe(0);
  const backup = join(other, readdirSync(other).find((f) => f.endsWith('.zip')) as string);

  const chooseBackup = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restaurar de um arquivo…' }).click();
  await (await chooseBackup).setFiles(backup);
  const askKey = page.getByRole('dialog', { name: 'Backup criptografado com outra chave' });
  await expect(askKey).toContainText('está íntegro');
  await expect(askKey).toContainText('Configurações → Chave de recuperação');
  const chooseKey = page.waitForEvent('filechooser');
  await askKey.getByRole('button', { name: 'Escolher o arquivo da chave…' }).click();
  await (await chooseKey).setFiles(join(other, 'recuperacao.key'));
  const restore = page.getByRole('dialog', { name: 'Restaurar este backup?' });
  await expect(restore).toContainText('No backup: 40 profissionais');
  await restore.getByRole('button', { name: 'Restaurar e substituir os dados' }).click();
  await expect(page.getByText(/Backup restaurado\./)).toBeVisible();
  // The other desk's operators came with its data: whoever works now chooses among them.
  await expect(page.getByRole('heading', { name: 'Quem está atendendo?' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Bia' })).toBeVisible();
  // The store is this desk's again: its own key reads it.
  expect(desk.query<{ n: number }>('SELECT count(*) AS n FROM professionals')[0]?.n).toBe(40);
  rmSync(other, { recursive: true, force: true });
});

test('the backup routine says in Portuguese, under the field, a count it cannot keep, and saves nothing', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  const routine = page.getByRole('region', { name: 'Rotina de backup' });
  const keep = routine.getByLabel('Manter os últimos');
  await keep.fill('0');
  await routine.getByRole('button', { name: 'Salvar rotina' }).click();
  await expect(routine.getByText('Informe um número inteiro de 1 a 1000.')).toBeVisible();
  await expect(keep).toBeFocused();
  await expect(page.getByText('Rotina de backup salva.')).toHaveCount(0);
  await keep.fill('12');
  await routine.getByLabel('Intervalo mínimo (horas)').fill('721');
  await routine.getByRole('button', { name: 'Salvar rotina' }).click();
  await expect(routine.getByText('Informe um número inteiro de 1 a 720.')).toBeVisible();
  await routine.getByLabel('Intervalo mínimo (horas)').fill('48');
  await routine.getByRole('button', { name: 'Salvar rotina' }).click();
  await expect(page.getByText('Rotina de backup salva.')).toBeVisible();
});

test('a backup the clerk renamed in its folder is still listed as this desk’s, with the name it was made under', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  const folder = backupFolderBeside(desk.storePath);
  const made = await desk.cli('backup', 'create');
  expect(made.code).toBe(0);
  const original = readdirSync(folder).find((f) => f.endsWith('.zip')) as string;
  renameSync(join(folder, original), join(folder, 'backup de sexta.zip'));
  await page.reload();
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: 'backup de sexta.zip' });
  await expect(row).toContainText(`Feito por esta mesa como ${original} (renomeado depois).`);
});
