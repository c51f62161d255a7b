// "Verificar um pacote…" in Lotes: the package of an exported lote is sound ("Pacote íntegro", its
// number, its code); one protected by a password asks for it, and again when it is wrong; a copy cut
// short fails with the reason; and a backup chosen by mistake is said to be no lote package.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, setUpDemoDesk, test } from './fixtures';

/** Clicks "Verificar um pacote…" and gives the file (the browser preview uploads it). */
async function verifyPackage(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Verificar um pacote…' }).click();
  await (await chooser).setFiles(file);
}

test('a lote package is verified from Lotes: sound, with its password, cut short, and a backup given by mistake', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 20, 4);
  const [p] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  await desk.cli('correct', p!.registration_number, '--field', 'email', '--value', 'pacote@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG');
  await desk.cli('batch', 'create');
  await desk.cli('batch', 'seal', '2026-0001');
  const folder = join(desk.storePath, '..');
  expect((await desk.cli('batch', 'export', '2026-0001', '--out', folder)).code).toBe(0);
  const made = join(folder, 'CRESS09-DEMONSTRACAO-lote-2026-0001.zip');
  const [exported] = desk.query<{ package_sha256: string }>('SELECT package_sha256 FROM batches');
  const problems: string[] = [];

  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Lotes', level: 1 })).toBeVisible();

  // The package as exported: sound, with its number, its council, its code and the desk's signature.
  await verifyPackage(page, made);
  const sound = page.getByRole('dialog', { name: 'Pacote íntegro' });
  await expect(sound).toContainText('CRESS09-DEMONSTRACAO-lote-2026-0001.zip está completo e sem alteração');
  await expect(sound).toContainText('2026-0001');
  await expect(sound).toContainText('CRESS 9ª Região (SP)');
  await expect(sound).toContainText(exported!.package_sha256);
  await expect(sound).toContainText('Assinatura conferida com a chave deste computador.');
  problems.push(...(await seriousViolations(page, 'Pacote íntegro')));
  await sound.getByRole('button', { name: 'Fechar' }).click();
  await expect(sound).toBeHidden();

  // Protected by a password: asked for, refused when wrong, and the package is sound with the right one.
  const passphraseFile = join(folder, 'senha.txt');
  writeFileSync(passphraseFile, 'senha do pacote 2026\n');
  chmodSync(passphraseFile, 0o600);
  const locked = join(folder, 'com-senha');
  mkdirSync(locked);
  expect((await desk.cli('batch', 'export', '2026-0001', '--out', locked, '--passphrase-file', passphraseFile)).code).toBe(0);
  await verifyPackage(page, join(locked, 'CRESS09-DEMONSTRACAO-lote-2026-0001.zip'));
  const ask = page.getByRole('dialog', { name: 'Pacote protegido por senha' });
  await expect(ask).toContainText('Informe a senha usada ao exportar CRESS09-DEMONSTRACAO-lote-2026-0001.zip.');
  await ask.getByLabel('Senha', { exact: true }).fill('senha errada');
  await ask.getByRole('button', { name: 'Continuar' }).click();
  await expect(ask.getByText(/^Senha incorreta: este pacote não abre com ela/)).toBeVisible();
  await ask.getByLabel('Senha', { exact: true }).fill('senha do pacote 2026');
  await ask.getByRole('button', { name: 'Continuar' }).click();
  await expect(ask).toBeHidden();
  const opened = page.getByRole('dialog', { name: 'Pacote íntegro' });
  await expect(opened).toContainText('Com senha (AES-256)');
  await expect(opened).toContainText('2026-0001');
  await opened.getByRole('button', { name: 'Fechar' }).click();

  // A copy cut short (a pendrive pulled out too soon) fails, with the reason in Portuguese.
  const cut = join(folder, 'copia-cortada.zip');
  const bytes = readFileSync(made);
  writeFileSync(cut, bytes.subarray(0, bytes.length - 400));
  await verifyPackage(page, cut);
  const failed = page.getByRole('dialog', { name: 'Este pacote não passou na verificação' });
  await expect(failed).toContainText('Não envie copia-cortada.zip à Implanta.');
  await expect(failed).toContainText('O arquivo não é um zip válido ou está incompleto');
  await expect(failed).not.toContainText('ZIP_');
  problems.push(...(await seriousViolations(page, 'Pacote que não passou')));
  await failed.getByRole('button', { name: 'Fechar' }).click();

  // A backup of the desk given here: no lote package, in one sentence that sends the clerk to Backups.
  expect((await desk.cli('backup', 'create')).code).toBe(0);
  const backups = join(folder, 'Documentos', 'CRESS Desk', 'Backups');
  const backup = join(backups, readdirSync(backups).find((f) => f.endsWith('.zip')) as string);
  await verifyPackage(page, backup);
  const notLote = page.getByRole('dialog', { name: 'Este arquivo não é um pacote de lote' });
  await expect(notLote).toContainText('é um backup do CRESS Desk, não um pacote de lote para a Implanta');
  await expect(notLote).toContainText('tela Backups');
  await expect(notLote).not.toContainText('data/');
  await notLote.getByRole('button', { name: 'Fechar' }).click();
  expect(problems).toEqual([]);
});
