// What a clerk pastes from an e-mail, a PDF or a spreadsheet cell reaches the field whole: a space
// before a CEP, the dots of a CEP or a CPF, a date written the ISO way — never a digit cut off at
// the end because the text was longer than the field's formatted value.
import { fillNewCep } from './cepDialog';
import { formatCpf } from '../../shared/rules/cpf';
import { allowClipboard, paste } from './clipboard';
import { startCaseB } from './contactFiles';
import { cancelDialogOfCorrection, saveWithEvidence } from './correctionSteps';
import { type DeskApp, expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';


/** A demo desk, the clipboard allowed, and the correction form of a record without a DIP (with a mother's name when asked). */
async function openCorrectionForm(desk: DeskApp, options: { withMother?: boolean } = {}) {
  await setUpDemoDesk(desk, 50, 5);
  const { page } = desk;
  await allowClipboard(page);
  const mother = options.withMother ? ' AND mother_name IS NOT NULL' : '';
  const [who] = desk.query<RecordRow>(`SELECT registration_number, name FROM professionals WHERE dip_status = 'none'${mother} LIMIT 1`);
  await page.reload();
  await openRecord(page, who as RecordRow);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  return { page, who: who as RecordRow };
}

test('a CEP, a date and a CPF pasted with spaces, dots or the ISO order keep every digit', async ({ desk }) => {
  const { page } = await openCorrectionForm(desk);

  const cep = page.getByLabel('CEP', { exact: true });
  for (const text of [' 01310-100', '01310-100 ', '01.310-100', ' 01.310-100 ']) {
    await paste(page, cep, text);
    await expect(cep, `CEP pasted as ${JSON.stringify(text)}`).toHaveValue('01310-100');
  }

  const birth = page.getByLabel('Data de nascimento', { exact: true });
  for (const text of [' 24/11/1990', '24/11/1990 ', ' 24.11.1990 ', '1990-11-24']) {
    await paste(page, birth, text);
    await expect(birth, `date pasted as ${JSON.stringify(text)}`).toHaveValue('24/11/1990');
  }

  const received = page.getByLabel('Data de recebimento');
  await paste(page, received, ' 01/12/2026');
  await expect(received).toHaveValue('01/12/2026');

  const cpf = page.getByLabel('CPF', { exact: true });
  for (const text of [' 123.456.789-09', '123. 456. 789-09', ' 123 456 789 09 ']) {
    await paste(page, cpf, text);
    await expect(cpf, `CPF pasted as ${JSON.stringify(text)}`).toHaveValue('123.456.789-09');
  }
});

test('a CPF or CEP pasted with a digit too many keeps it and says how many digits it has, never becoming another number', async ({ desk }) => {
  const { page } = await openCorrectionForm(desk);

  // Cut to 11 digits, 123.456.789-091 would be 123.456.789-09: a valid CPF, perhaps someone else's.
  const cpf = page.getByLabel('CPF', { exact: true });
  await paste(page, cpf, '123.456.789-091');
  await expect(cpf).toHaveValue('123.456.789-091');
  await cpf.blur();
  await expect(page.getByText('CPF inválido: deve ter 11 dígitos (tem 12).')).toBeVisible();

  const cep = page.getByLabel('CEP', { exact: true });
  await paste(page, cep, '01310-1009');
  await expect(cep).toHaveValue('01310-1009');
  await cep.blur();
  await expect(page.getByText(/^CEP inválido: deve ter 8 dígitos \(tem 9\)/)).toBeVisible();
});

test('a name pasted longer than the field allows is kept whole and said too long, never cut without a word', async ({ desk }) => {
  const { page } = await openCorrectionForm(desk, { withMother: true });
  const long = 'Maria Aparecida da Conceição dos Santos de Oliveira Pereira de Almeida Ferreira Rodrigues Gomes Carvalho Nascimento Lima Souza';
  expect(long.length).toBeGreaterThan(120);
  for (const label of ['Nome da mãe', 'Nome']) {
    const field = page.getByRole('textbox', { name: label, exact: true });
    await paste(page, field, long);
    await expect(field).toHaveValue(long);
    await field.press('Tab');
    await expect(page.getByText('muito longo: no máximo 120 caracteres', { exact: false }).first()).toBeVisible();
  }
});

test('a street pasted longer than a CEP allows is kept whole and said too long, and nothing is saved cut', async ({ desk }) => {
  await setUpDemoDesk(desk, 5, 5);
  const { page } = desk;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.reload();
  await page.getByRole('button', { name: 'CEPs', exact: true }).click();
  const dialog = await fillNewCep(page, '01999-321');
  const street = dialog.getByLabel('Logradouro');
  const long = `Rua ${'Professora Doutora Maria Aparecida da Conceição '.repeat(3)}Final`;
  expect(long.length).toBeGreaterThan(120);
  await paste(page, street, long);
  await expect(street).toHaveValue(long);
  await dialog.getByRole('button', { name: 'Salvar CEP' }).click();
  await expect(dialog.getByText(`Logradouro muito longo: no máximo 120 caracteres (tem ${long.length}).`)).toBeVisible();
  expect(desk.query("SELECT cep FROM cep_directory WHERE cep = '01999321'")).toHaveLength(0);
});

test('a reason pasted longer than 500 characters is kept whole and said too long, before the review', async ({ desk }) => {
  const { page } = await openCorrectionForm(desk);
  await page.getByLabel('E-mail', { exact: true }).fill('motivo.longo@exemplo.com.br');
  const reason = page.getByLabel('Motivo da correção');
  const pasted = 'Prezados, solicito a atualização do meu e-mail de cadastro. '.repeat(10).trim();
  expect(pasted.length).toBeGreaterThan(500);
  await paste(page, reason, pasted);
  await expect(reason).toHaveValue(pasted);
  await page.getByRole('combobox', { name: 'Documento apresentado' }).fill('E-mail da profissional');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await expect(page.getByText(`Motivo muito longo: no máximo 500 caracteres (tem ${pasted.length}).`)).toBeVisible();
  await expect(reason).toBeFocused();
});

test('a reason pasted into a confirmation longer than 500 characters is kept whole and said too long', async ({ desk }) => {
  const { page } = desk;
  const dialog = await cancelDialogOfCorrection(desk, 'cancelar.motivo@example.com.br');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const reason = dialog.getByRole('textbox');
  const pasted = 'A profissional escreveu pedindo para desfazer a alteração porque se enganou. '.repeat(8).trim();
  expect(pasted.length).toBeGreaterThan(500);
  await paste(page, reason, pasted);
  await expect(reason).toHaveValue(pasted);
  await expect(dialog.getByText(`Motivo muito longo: no máximo 500 caracteres (tem ${pasted.length}).`)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancelar correção' })).toBeDisabled();
});

test('a CPF pasted with words before it into an atendimento keeps every digit, and the identity check answers on the whole CPF', async ({ desk }) => {
  await setUpDemoDesk(desk, 20, 3);
  const { page } = desk;
  await allowClipboard(page);
  const [who] = desk.query<RecordRow & { cpf: string; mother_name: string }>(
    "SELECT registration_number, name, cpf, mother_name FROM professionals WHERE dip_status = 'none' AND mother_name IS NOT NULL ORDER BY id LIMIT 1",
  );
  const told = `CPF nº ${formatCpf(who!.cpf)}`;
  expect(told.length).toBeGreaterThan(20);
  await page.reload();
  const dialog = await startCaseB(page, who!);
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await page.getByRole('button', { name: 'Conferir identidade' }).click();
  const identity = page.getByRole('dialog', { name: 'Conferir identidade' });
  const checked = identity.getByLabel('CPF informado');
  await paste(page, checked, told);
  await expect(checked).toHaveValue(formatCpf(who!.cpf));
  await identity.getByLabel('Nome da mãe informado').fill(who!.mother_name);
  await identity.getByRole('button', { name: 'Conferir' }).click();
  await expect(identity.getByText('CPF: Confere')).toBeVisible();
  await expect(identity.getByText('Identidade confirmada.')).toBeVisible();
  await identity.getByRole('button', { name: 'Fechar' }).click();

  // For someone not found yet, the CPF as told keeps every digit too.
  await page.getByRole('button', { name: 'Atendimentos', exact: true }).click();
  await page.getByRole('button', { name: 'Registrar atendimento' }).first().click();
  const cpf = dialog.getByLabel('CPF informado');
  await paste(page, cpf, told);
  await expect(cpf).toHaveValue(formatCpf(who!.cpf));
});

test('a mother’s name pasted into the identity check longer than 200 characters is said too long and spends no attempt', async ({ desk }) => {
  await setUpDemoDesk(desk, 20, 3);
  const { page } = desk;
  await allowClipboard(page);
  const [who] = desk.query<RecordRow & { cpf: string }>("SELECT registration_number, name, cpf FROM professionals WHERE dip_status = 'none' ORDER BY id LIMIT 1");
  await page.reload();
  const dialog = await startCaseB(page, who!);
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await page.getByRole('button', { name: 'Conferir identidade' }).click();
  const identity = page.getByRole('dialog', { name: 'Conferir identidade' });
  await identity.getByLabel('CPF informado').fill(who!.cpf);
  const mother = identity.getByLabel('Nome da mãe informado');
  const long = `Maria ${'Aparecida da Conceição dos Santos '.repeat(6)}Silva`;
  expect(long.length).toBeGreaterThan(200);
  await paste(page, mother, long);
  await expect(mother).toHaveValue(long);
  await expect(identity.getByText(`Nome da mãe informado: texto muito longo, no máximo 200 caracteres (tem ${long.length}).`)).toBeVisible();
  await identity.getByRole('button', { name: 'Conferir' }).click();
  await expect(mother).toBeFocused();
  await expect(identity.getByText('Nome da mãe: Não confere')).toHaveCount(0);
  expect(desk.query("SELECT id FROM contact_events WHERE kind = 'identity_checked'")).toHaveLength(0);
});

test('a phone and a foreigner’s country pasted longer than their inputs keep every character: never a shorter, wrong value', async ({ desk }) => {
  const { page } = await openCorrectionForm(desk);

  // Cut at 20 characters this would read as the landline (11) 9876-5432.
  const phone = page.getByLabel('Telefone', { exact: true });
  const pastedPhone = '+55  (11)  98765-4321';
  await paste(page, phone, pastedPhone);
  await expect(phone).toHaveValue(pastedPhone);
  await phone.press('Tab');
  await expect(page.getByText(/Telefone inválido/)).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Nacionalidade' }).click();
  await page.getByRole('option', { name: 'Estrangeira' }).click();
  const country = page.getByRole('textbox', { name: 'País' });
  const long = 'República Democrática Federal de São Tomé e Príncipe e Ilhas Adjacentes';
  await paste(page, country, long);
  await expect(country).toHaveValue(long);
  await country.press('Tab');
  await expect(page.getByText(/Nacionalidade: texto muito longo: no máximo 60 caracteres/)).toBeVisible();
});

test('a mother’s name and a street pasted from a PDF with a soft hyphen or a zero-width space are taken as they read, and stored without them', async ({ desk }) => {
  const { page, who } = await openCorrectionForm(desk, { withMother: true });

  const mother = page.getByRole('textbox', { name: 'Nome da mãe', exact: true });
  await paste(page, mother, 'Antônia Apa\u00adrecida\u200b Nogueira');
  await mother.press('Tab');
  await expect(page.getByText(/use apenas letras/)).toHaveCount(0);
  const street = page.getByLabel('Logradouro', { exact: true });
  await paste(page, street, 'Avenida Pau\u00adlista');
  await street.press('Tab');

  await page.getByLabel('Motivo da correção').fill('Conforme certidão de nascimento');
  await page.getByLabel('Documento apresentado').fill('Certidão de nascimento');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Salvar correção' }).click();
  await expect(page.getByText(/Correção salva/)).toBeVisible();
  expect(desk.query('SELECT mother_name, street FROM professionals WHERE registration_number = ?', who!.registration_number)).toEqual([
    { mother_name: 'Antônia Aparecida Nogueira', street: 'Avenida Paulista' },
  ]);
});

test('an e-mail and a phone pasted with a zero-width space are read as they look, never said invalid for a character nobody sees', async ({ desk }) => {
  const { page, who } = await openCorrectionForm(desk);

  const email = page.getByLabel('E-mail', { exact: true });
  await paste(page, email, 'maria.souza\u200b@gmail.com');
  await email.press('Tab');
  const phone = page.getByLabel('Telefone', { exact: true });
  await paste(page, phone, '(11) 98765\u200b-4321');
  await phone.press('Tab');
  await expect(page.getByText(/E-mail inválido|Telefone inválido/)).toHaveCount(0);

  await saveWithEvidence(page, 'Pedido da profissional no balcão', 'RG');
  await expect(page.getByText(/Correção salva/)).toBeVisible();
  expect(desk.query('SELECT email, phone FROM professionals WHERE registration_number = ?', who!.registration_number)).toEqual([
    { email: 'maria.souza@gmail.com', phone: '11987654321' },
  ]);
});
