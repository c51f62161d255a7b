// A corrections spreadsheet, or a correction saved on the record, that gives a record the main
// system's value of an open registry conflict: Importar's check says the conflict will be closed and
// its summary that it was; the save's message says it was. One that takes the record off that value
// again, after a correction had closed the conflict, says the conflict is open again.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DeskApp, expect, openRecord, test } from './fixtures';
import { correctEmail } from './correctionSteps';
import { checkSpreadsheet, chooseSpreadsheet } from './importSteps';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';

function csvBesideStore(desk: DeskApp, name: string, lines: string[]): string {
  const path = join(desk.storePath, '..', name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const load = (desk: DeskApp, name: string, email: string) =>
  desk.cli('import', 'registry', csvBesideStore(desk, name, [HEADER, `10001;01234567890;Ana Paula Ferreira;Antônia Ferreira;${email}`]));

async function inConflict(desk: DeskApp): Promise<void> {
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  expect((await load(desk, 'cadastro.csv', 'ana@exemplo.com.br')).code).toBe(0);
  expect((await desk.cli('correct', '10001', '--field', 'email', '--value', 'ana.paula@gmail.com', '--reason', 'E-mail informado no balcão', '--evidence', 'RG')).code).toBe(0);
  expect((await load(desk, 'cadastro-2.csv', 'apferreira@uol.com.br')).stdout).toMatch(/1 conflict with the desk's corrections/);
}

test('a correction saved on the record that closes an open conflict says so', async ({ desk }) => {
  const { page } = desk;
  await inConflict(desk);
  await page.reload();
  await openRecord(page, { registration_number: '10001', name: 'Ana Paula Ferreira' });
  await correctEmail(page, 'apferreira@uol.com.br', 'Profissional confirmou o e-mail', 'Declaração');
  await expect(page.getByText(/Correção salva.*O conflito aberto com o sistema do Regional foi fechado: o cadastro ficou com o mesmo valor\./)).toBeVisible();
});

test('a corrections import that closes an open conflict says so in its check and its summary', async ({ desk }) => {
  const { page } = desk;
  await inConflict(desk);
  const sheet = csvBesideStore(desk, 'correcoes.csv', ['Registro;E-mail;Motivo', '10001;apferreira@uol.com.br;E-mail confirmado pela profissional']);

  await page.reload();
  await chooseSpreadsheet(page, sheet);
  await checkSpreadsheet(page);
  await expect(page.getByText('1 conflito aberto com o sistema do Regional será fechado: a planilha deixa o cadastro com o mesmo valor do sistema do Regional.')).toBeVisible();
  await page.getByRole('button', { name: 'Gravar 1 linha' }).click();
  await expect(page.getByText('Importação nº 3 gravada.')).toBeVisible();
  await expect(page.getByText('1 conflito aberto com o sistema do Regional foi fechado: a planilha deixou o cadastro com o mesmo valor do sistema do Regional.')).toBeVisible();
  expect(desk.query('SELECT resolved_at IS NOT NULL AS closed FROM registry_conflicts')).toEqual([{ closed: 1 }]);
});

test('a correction saved on the record that takes it off the main system’s value again says the conflict is open again', async ({ desk }) => {
  const { page } = desk;
  await inConflict(desk);
  expect((await desk.cli('correct', '10001', '--field', 'email', '--value', 'apferreira@uol.com.br', '--reason', 'Profissional confirmou o e-mail', '--evidence', 'RG')).code).toBe(0);
  await page.reload();
  await openRecord(page, { registration_number: '10001', name: 'Ana Paula Ferreira' });
  await correctEmail(page, 'ana.ferreira@gmail.com', 'Profissional trocou de e-mail', 'Declaração');
  await expect(page.getByText(/Correção salva.*O conflito com o sistema do Regional foi reaberto: o cadastro não tem mais o valor de lá\./)).toBeVisible();
});

test('a corrections import that takes a record off the main system’s value again says the conflict will be, and was, open again', async ({ desk }) => {
  const { page } = desk;
  await inConflict(desk);
  expect((await desk.cli('correct', '10001', '--field', 'email', '--value', 'apferreira@uol.com.br', '--reason', 'Profissional confirmou o e-mail', '--evidence', 'RG')).code).toBe(0);
  const sheet = csvBesideStore(desk, 'correcoes.csv', ['Registro;E-mail;Motivo', '10001;ana.ferreira@gmail.com;E-mail trocado pela profissional']);

  await page.reload();
  await chooseSpreadsheet(page, sheet);
  await checkSpreadsheet(page);
  await expect(page.getByText(/^1 conflito com o sistema do Regional será reaberto: a planilha tira o cadastro do valor do sistema do Regional/)).toBeVisible();
  await page.getByRole('button', { name: 'Gravar 1 linha' }).click();
  await expect(page.getByText('Importação nº 3 gravada.')).toBeVisible();
  await expect(page.getByText(/^1 conflito com o sistema do Regional foi reaberto: a planilha tirou o cadastro do valor do sistema do Regional/)).toBeVisible();
  expect(desk.query('SELECT resolved_at IS NULL AS open FROM registry_conflicts')).toEqual([{ open: 1 }]);
});
