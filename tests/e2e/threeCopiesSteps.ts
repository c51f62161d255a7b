// The three copies of the registry set up from the command line, as the specs of their seams need
// them: a demo desk and one of its people, an e-mail corrected and sent in a lote, Implanta's answer,
// the main system's registry load; and the windows where the clerk reviews a load or an answer.
import type { Locator } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DeskApp, expect, setUpDemoDesk, test } from './fixtures';

export interface Person {
  id: number;
  registration_number: string;
  name: string;
  email: string | null;
  mother_name: string | null;
}

export async function seed(desk: DeskApp): Promise<void> {
  await setUpDemoDesk(desk, 200, 7);
}

export function somebody(desk: DeskApp, where = "mother_name IS NOT NULL AND dip_status IN ('none', 'requested')", skip = 0): Person {
  const [who] = desk.query<Person>(`SELECT id, registration_number, name, email, mother_name FROM professionals WHERE ${where} ORDER BY id LIMIT 1 OFFSET ${skip}`);
  if (!who) throw new Error('no such professional in the demo registry');
  return who;
}

export async function correctEmail(desk: DeskApp, who: Person, email: string): Promise<void> {
  const saved = await desk.cli('correct', who.registration_number, '--field', 'email', '--value', email, '--reason', 'E-mail informado no balcão', '--evidence', 'RG');
  expect(saved.code).toBe(0);
}

/** A lote (2026-0001 unless said) made, sealed, exported and marked sent from the command line. */
export async function sendBatch(desk: DeskApp, number = '2026-0001'): Promise<{ uuid: string; number: string; sha: string }> {
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
export async function confirmWithReason(page: DeskApp['page'], button: string, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Motivo').fill(reason);
  await dialog.getByRole('button', { name: button }).click();
}

/** A picture of the screen once its transitions ended, kept with the test's results. */
export async function picture(page: DeskApp['page'], name: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** Implanta's answer to the lote's only correction, as a JSON file; answers its path. */
export function implantaAnswer(desk: DeskApp, batch: { uuid: string; number: string; sha: string }, answer: { status: string; message?: string }): string {
  const [item] = desk.query<{ uuid: string }>('SELECT c.uuid FROM corrections c JOIN batches b ON b.id = c.batch_id WHERE b.uuid = ?', batch.uuid);
  const ack = join(dirname(desk.storePath), `confirmacao-${batch.number}.json`);
  writeFileSync(ack, JSON.stringify({ schemaVersion: 1, batch: batch.uuid, number: batch.number, packageSha256: batch.sha, items: [{ id: item!.uuid, ...answer }] }));
  return ack;
}

/** Implanta answers the lote's only correction (JSON, from the command line). */
export async function implantaAnswers(desk: DeskApp, batch: { uuid: string; number: string; sha: string }, answer: { status: string; message?: string }): Promise<void> {
  expect((await desk.cli('batch', 'ack', implantaAnswer(desk, batch, answer))).code).toBe(0);
}

/** The main system's registry load of one e-mail, as a Latin-1 CSV; answers the command's output. */
export async function mainSystemLoads(desk: DeskApp, who: Person, email: string, ...options: string[]) {
  const sheet = join(dirname(desk.storePath), 'sistema-principal.csv');
  writeFileSync(sheet, `Registro;E-mail\r\n${who.registration_number};${email}\r\n`, 'latin1');
  const loaded = await desk.cli(...options, 'import', 'registry', sheet);
  expect(loaded.code).toBe(0);
  return loaded;
}

/** Two e-mail corrections of `who`, each sent in a lote of its own (2026-0001, then 2026-0002). */
export async function twoLotesOfOneEmail(desk: DeskApp, who: Person): Promise<{ older: Awaited<ReturnType<typeof sendBatch>>; newer: Awaited<ReturnType<typeof sendBatch>> }> {
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
export async function rejectedAfterMainSystemLoad(desk: DeskApp, who: Person, { corrected, loaded, message }: { corrected: string; loaded: string; message: string }): Promise<string> {
  await correctEmail(desk, who, corrected);
  const batch = await sendBatch(desk);
  await mainSystemLoads(desk, who, loaded);
  await implantaAnswers(desk, batch, { status: 'rejected', message });
  const again = join(dirname(desk.storePath), 'sistema-principal-de-novo.csv');
  writeFileSync(again, `Registro;E-mail\n${who.registration_number};${loaded}\n`, 'latin1');
  return again;
}

/** The main system's file chosen on Importar as a registry load, up to its review (nothing written yet). */
export async function reviewRegistryLoadInWindow(desk: DeskApp, file: string): Promise<void> {
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
export async function chooseAnswerInWindow(desk: DeskApp, file: string): Promise<Locator> {
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
