// A text longer than its field keeps is never cut without a word: what was pasted stays whole, the
// field says it is too long and by how much, nothing is saved, and a text near the limit shows how
// many characters it has of how many.
import { allowClipboard, paste } from './clipboard';
import type { Page } from '@playwright/test';
import { type DeskApp, expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';

/** `length` characters of words, as a long e-mail pasted from the professional. */
function longText(length: number): string {
  return 'A profissional relata que não consegue entrar na plataforma desde ontem. '.repeat(Math.ceil(length / 70)).slice(0, length).trim();
}

/** A demo desk of `professionals` with `defects`, the clipboard allowed, the window reloaded onto it. */
async function readyDesk(desk: DeskApp, professionals: number, defects: number): Promise<{ page: Page }> {
  await setUpDemoDesk(desk, professionals, defects);
  const { page } = desk;
  await allowClipboard(page);
  await page.reload();
  return { page };
}

/** Atendimentos → Registrar atendimento: its dialog. */
async function newContactDialog(page: Page) {
  await page.getByRole('button', { name: 'Atendimentos', exact: true }).click();
  await page.getByRole('button', { name: 'Registrar atendimento' }).first().click();
  return page.getByRole('dialog', { name: 'Registrar atendimento' });
}

test('an atendimento’s name, what happened, notes and resolution pasted too long are kept whole and said too long; nothing is registered cut', async ({ desk }) => {
  const { page } = await readyDesk(desk, 20, 3);
  const dialog = await newContactDialog(page);

  const name = dialog.getByLabel('Nome informado');
  const longName = `Maria ${'Aparecida da Conceição '.repeat(10)}Silva`;
  expect(longName.length).toBeGreaterThan(200);
  await paste(page, name, longName);
  await expect(name).toHaveValue(longName);
  await expect(dialog.getByText(`Nome informado: texto muito longo, no máximo 200 caracteres (tem ${longName.length}).`)).toBeVisible();

  await dialog.getByLabel('Caso do comunicado').click();
  await page.getByRole('option', { name: /^B — / }).click();
  const summary = dialog.getByLabel('O que aconteceu');
  const longSummary = longText(4100);
  await paste(page, summary, longSummary);
  await expect(summary).toHaveValue(longSummary);
  await expect(dialog.getByText(`O que aconteceu: texto muito longo, no máximo 4.000 caracteres (tem ${longSummary.length.toLocaleString('pt-BR')}).`)).toBeVisible();

  const notes = dialog.getByLabel('Observações (opcional)');
  const longNotes = longText(8050);
  await paste(page, notes, longNotes);
  await expect(notes).toHaveValue(longNotes);
  await expect(dialog.getByText(`Observações: texto muito longo, no máximo 8.000 caracteres (tem ${longNotes.length.toLocaleString('pt-BR')}).`)).toBeVisible();

  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(name).toBeFocused();
  expect(desk.query('SELECT id FROM contacts')).toHaveLength(0);

  // Near the limit, the field says how many characters it has of how many; all of them are kept.
  await name.fill('Joana Prado');
  const nearLimit = longText(3900);
  await paste(page, summary, nearLimit);
  await expect(dialog.getByText(`${nearLimit.length.toLocaleString('pt-BR')} de 4.000 caracteres`)).toBeVisible();
  await notes.fill('Ligou duas vezes.');
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^AT-\d{4}-000001$/ })).toBeVisible();
  expect(desk.query<{ summary: string }>('SELECT summary FROM contacts')).toEqual([{ summary: nearLimit }]);

  await page.getByRole('button', { name: 'Resolver' }).click();
  const resolve = page.getByRole('dialog', { name: 'Resolver o atendimento' });
  const resolution = resolve.getByLabel('Resolução');
  const longResolution = longText(4020);
  await paste(page, resolution, longResolution);
  await expect(resolution).toHaveValue(longResolution);
  await expect(resolve.getByText(`Resolução: texto muito longo, no máximo 4.000 caracteres (tem ${longResolution.length.toLocaleString('pt-BR')}).`)).toBeVisible();
  await resolve.getByRole('button', { name: 'Resolver atendimento' }).click();
  await expect(resolution).toBeFocused();
  expect(desk.query('SELECT status, resolution FROM contacts')).toEqual([{ status: 'open', resolution: null }]);
});

test('a note on the document pasted longer than 200 characters is kept whole and said too long, before the review', async ({ desk }) => {
  await setUpDemoDesk(desk, 50, 5);
  const { page } = desk;
  await allowClipboard(page);
  const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'none' LIMIT 1");
  await page.reload();
  await openRecord(page, who as RecordRow);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('E-mail', { exact: true }).fill('nota.longa@exemplo.com.br');
  await page.getByLabel('Motivo da correção').fill('Pedido da profissional por e-mail');
  await page.getByRole('combobox', { name: 'Documento apresentado' }).fill('E-mail da profissional');
  const note = page.getByLabel('Observação sobre o documento (opcional)');
  const pasted = 'Envelope recebido pelos Correios, código de rastreio BR123456789BR, com cópia autenticada. '.repeat(3).trim();
  expect(pasted.length).toBeGreaterThan(200);
  await paste(page, note, pasted);
  await expect(note).toHaveValue(pasted);
  await expect(page.getByText(`Observação sobre o documento: texto muito longo, no máximo 200 caracteres (tem ${pasted.length}).`)).toBeVisible();
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await expect(note).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(desk.query('SELECT id FROM corrections')).toHaveLength(0);
});

test('a document named longer than 80 characters is said too long before the review, not refused in the store’s words at saving', async ({ desk }) => {
  await setUpDemoDesk(desk, 50, 5);
  const { page } = desk;
  const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'none' LIMIT 1");
  await page.reload();
  await openRecord(page, who as RecordRow);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('E-mail', { exact: true }).fill('documento.longo@exemplo.com.br');
  await page.getByLabel('Motivo da correção').fill('Pedido da profissional por e-mail');
  const kind = page.getByRole('combobox', { name: 'Documento apresentado' });
  const named = 'Requerimento de atualização cadastral assinado pela profissional e enviado pela seccional de Santos';
  expect(named.length).toBeGreaterThan(80);
  await kind.fill(named);
  await expect(kind).toHaveValue(named);
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await expect(page.getByText(`Documento apresentado: texto muito longo, no máximo 80 caracteres (tem ${named.length}).`)).toBeVisible();
  await expect(kind).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(desk.query('SELECT id FROM corrections')).toHaveLength(0);
});

test('a seccional and a new operator’s name pasted longer than 80 characters are kept whole and said too long; nothing is saved cut', async ({ desk }) => {
  const { page } = await readyDesk(desk, 5, 3);
  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  const long = `Seccional ${'Baixada Santista e Vale do Ribeira '.repeat(3).trim()}`;
  expect(long.length).toBeGreaterThan(80);
  const seccional = page.getByLabel('Seccional', { exact: true });
  await paste(page, seccional, long);
  await expect(seccional).toHaveValue(long);
  await expect(page.getByText(`Seccional: texto muito longo, no máximo 80 caracteres (tem ${long.length}).`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Salvar configurações' })).toBeDisabled();

  const name = page.getByLabel('Nome do novo operador');
  const longName = `Maria ${'Aparecida da Conceição '.repeat(4)}Silva`;
  expect(longName.length).toBeGreaterThan(80);
  await paste(page, name, longName);
  await expect(name).toHaveValue(longName);
  await page.getByRole('button', { name: 'Adicionar operador' }).click();
  await expect(page.getByText(`Nome do operador: texto muito longo, no máximo 80 caracteres (tem ${longName.length}).`)).toBeVisible();
  await expect(name).toBeFocused();
  expect(desk.query('SELECT name FROM operators')).toHaveLength(1);
  expect(desk.query<{ seccional: string | null }>('SELECT seccional FROM settings')).toEqual([{ seccional: null }]);
});

test('Implanta’s support e-mail pasted longer than 254 characters is kept whole and said too long, and days typed past 60 are not cut to two digits', async ({ desk }) => {
  const { page } = await readyDesk(desk, 5, 3);
  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  const settings = page.getByRole('region', { name: 'Atendimentos' });
  const email = settings.getByLabel('E-mail de suporte da Implanta');
  const long = `${'suporte.recadastramento.nacional.'.repeat(8)}atendimento@implanta.net.br`;
  expect(long.length).toBeGreaterThan(254);
  await paste(page, email, long);
  await expect(email).toHaveValue(long);
  await expect(settings.getByText(`E-mail de suporte da Implanta: texto muito longo, no máximo 254 caracteres (tem ${long.length}).`)).toBeVisible();
  await expect(settings.getByRole('button', { name: 'Salvar' })).toBeDisabled();

  await email.fill('suporte@implanta.net.br');
  const days = settings.getByLabel('Dias até atrasar');
  await days.fill('120');
  await expect(days).toHaveValue('120');
  await settings.getByRole('button', { name: 'Salvar' }).click();
  await expect(settings.getByText('Informe um número de dias de 1 a 60.')).toBeVisible();
  expect(desk.query('SELECT implanta_email, overdue_days FROM contact_settings')).not.toContainEqual(expect.objectContaining({ overdue_days: 12 }));
  expect(desk.query('SELECT implanta_email FROM contact_settings')).not.toContainEqual({ implanta_email: 'suporte@implanta.net.br' });
});

test('the key pasted in Localizar cadastro longer than 40 characters is kept whole and said too long, and nothing is searched', async ({ desk }) => {
  const { page } = await readyDesk(desk, 20, 3);
  const dialog = await newContactDialog(page);
  await dialog.getByLabel('Nome informado').fill('Joana Prado');
  await dialog.getByLabel('Caso do comunicado').click();
  await page.getByRole('option', { name: /^D — / }).click();
  await dialog.getByLabel('O que aconteceu').fill('Não recebe o e-mail de senha.');
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^AT-/ })).toBeVisible();

  await page.getByRole('button', { name: 'Localizar cadastro' }).click();
  const locate = page.getByRole('dialog', { name: 'Localizar cadastro' });
  const key = locate.getByLabel('CPF ou nº de registro');
  // A whole line of a spreadsheet pasted instead of its cell.
  const pasted = '123.456.789-09;Joana Prado;joana.prado@exemplo.com.br';
  expect(pasted.length).toBeGreaterThan(40);
  await paste(page, key, pasted);
  await expect(key).toHaveValue(pasted);
  await expect(locate.getByText(`CPF ou nº de registro: texto muito longo, no máximo 40 caracteres (tem ${pasted.length}).`)).toBeVisible();
  await expect(locate.getByRole('button', { name: 'Procurar' })).toBeDisabled();
  await key.press('Enter');
  await expect(locate.getByText(/Nenhum cadastro/)).toHaveCount(0);
  await expect(locate.getByRole('alert')).toHaveCount(0);
});

test('a lote’s passphrase pasted longer than 1.024 characters is kept whole and said too long; no package is written', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 30, 4);
  const [p] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  await desk.cli('correct', p!.registration_number, '--field', 'email', '--value', 'senha.longa@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG');
  await desk.cli('batch', 'create');
  await desk.cli('batch', 'seal', '2026-0001');
  await allowClipboard(page);
  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('row', { name: 'Abrir o lote 2026-0001' }).click();
  await page.getByRole('button', { name: 'Exportar pacote' }).click();
  const exporting = page.getByRole('dialog');
  await exporting.getByLabel('Proteger com senha').check();
  const passphrase = 'uma frase longa combinada com a Implanta por telefone. '.repeat(20).trim();
  expect(passphrase.length).toBeGreaterThan(1024);
  const first = exporting.getByLabel('Senha', { exact: true });
  await paste(page, first, passphrase);
  await paste(page, exporting.getByLabel('Repita a senha'), passphrase);
  expect(await first.inputValue()).toBe(passphrase);
  await expect(exporting.getByText(`Senha: texto muito longo, no máximo 1.024 caracteres (tem ${passphrase.length.toLocaleString('pt-BR')}).`, { exact: true })).toBeVisible();
  await exporting.getByRole('button', { name: 'Escolher onde salvar…' }).click();
  await expect(first).toBeFocused();
  await expect(exporting.getByText('Pacote exportado')).toHaveCount(0);
  expect(desk.query('SELECT package_sha256 FROM batches')).toEqual([{ package_sha256: null }]);
});

test('a backup’s passphrase pasted longer than 1.024 characters is said too long in the clerk’s words before the backup starts, not refused in the store’s', async ({ desk }) => {
  const { page } = await readyDesk(desk, 5, 3);
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await page.getByRole('button', { name: 'Fazer backup agora' }).first().click();
  await page.getByLabel('Proteger com senha').check();
  const passphrase = 'uma frase longa que só a coordenação do Regional conhece. '.repeat(20).trim();
  expect(passphrase.length).toBeGreaterThan(1024);
  const first = page.getByLabel('Senha', { exact: true });
  await paste(page, first, passphrase);
  await paste(page, page.getByLabel('Repita a senha'), passphrase);
  expect(await first.inputValue()).toBe(passphrase);
  await expect(page.getByText(`Senha: texto muito longo, no máximo 1.024 caracteres (tem ${passphrase.length.toLocaleString('pt-BR')}).`, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Fazer backup', exact: true }).click();
  await expect(page.getByText(/Dados inválidos|passphrase/)).toHaveCount(0);
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByText(/Backup criado/)).toHaveCount(0);
});

test('a passphrase pasted longer than 1.024 characters to open a protected backup is said too long and kept whole, not refused in the store’s words', async ({ desk }) => {
  const { page } = await readyDesk(desk, 5, 3);
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await page.getByRole('button', { name: 'Fazer backup agora' }).first().click();
  await page.getByLabel('Proteger com senha').check();
  await page.getByLabel('Senha', { exact: true }).fill('uma frase longa');
  await page.getByLabel('Repita a senha').fill('uma frase longa');
  await page.getByRole('button', { name: 'Fazer backup', exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: 'CRESS09-DEMONSTRACAO-backup-' });
  await expect(row).toContainText('Com senha');

  await row.getByRole('button', { name: 'Verificar' }).click();
  const ask = page.getByRole('dialog', { name: 'Backup protegido por senha' });
  const field = ask.getByLabel('Senha', { exact: true });
  const pasted = 'uma frase longa copiada de um documento inteiro. '.repeat(25).trim();
  expect(pasted.length).toBeGreaterThan(1024);
  await paste(page, field, pasted);
  expect(await field.inputValue()).toBe(pasted);
  await expect(ask.getByText(`Senha: texto muito longo, no máximo 1.024 caracteres (tem ${pasted.length.toLocaleString('pt-BR')}).`)).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Continuar' })).toBeDisabled();
  await expect(page.getByText(/Dados inválidos/)).toHaveCount(0);
});
