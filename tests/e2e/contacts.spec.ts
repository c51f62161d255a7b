// Atendimentos as the clerk works the notice's case C: a professional sends a screenshot of the
// platform's error page; the clerk registers it from the record, checks identity on the phone,
// forwards the e-mail to Implanta, records the answer, tells the professional, and resolves it.
// The list filters by state and overdue, and Início counts what is open and late.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { shot } from './guideShot';

/** A 1×1 PNG: a real image, as the store checks files by their content. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The e-mail as a mail program shows it: encoded words and quoted-printable lines decoded. */
function readable(mail: string): string {
  const bytes = (text: string) => text.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replaceAll('=', ''), 'hex').toString('utf8'));
  const words = mail.replace(/\?=\s+=\?UTF-8\?Q\?/gi, '').replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, word: string) => bytes(word.replaceAll('_', ' ')));
  return bytes(words.replace(/=\r?\n/g, ''));
}

interface Person {
  id: number;
  registration_number: string;
  name: string;
  cpf: string;
  mother_name: string;
}

test('case C: from the record to Implanta and back, resolved; the list filters and Início counts', async ({ desk }, testInfo) => {
  const { page } = desk;
  const problems: string[] = [];
  const guide = testInfo.project.name === 'browser';
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await desk.cli('demo', '--professionals', '60', '--seed', '7');
  await desk.cli('contact', 'settings', '--implanta-email', 'suporte@implanta.net.br', '--overdue-days', '5');
  const people = desk.query<Person>(
    "SELECT id, registration_number, name, cpf, mother_name FROM professionals WHERE mother_name IS NOT NULL AND email IS NOT NULL AND dip_status = 'none' ORDER BY id LIMIT 2",
  );
  const [who, other] = people as [Person, Person];

  // Another atendimento, forwarded long ago and never answered: overdue.
  expect((await desk.cli('contact', 'add', other.cpf, '--channel', 'phone', '--case', 'D', '--summary', 'O e-mail de senha não chega.')).code).toBe(0);
  const [late] = desk.query<{ id: number; protocol: string }>('SELECT id, protocol FROM contacts ORDER BY id LIMIT 1');
  expect((await desk.cli('contact', 'status', late!.protocol, '--to', 'forwarded')).code).toBe(0);
  desk.exec("UPDATE contacts SET forwarded_at = '2026-01-05T12:00:00.000Z' WHERE id = ?", late!.id);
  await page.reload();

  // Início: what is open and what is late.
  const card = page.getByRole('region', { name: 'Atendimentos' });
  await expect(card.getByTestId('home-contacts-open')).toHaveText('1 atendimento aberto');
  await expect(card.getByTestId('home-contacts-overdue')).toContainText('1 atrasado');

  // The record: "Registrar atendimento" with the screenshot the professional sent.
  await page.getByRole('button', { name: 'Cadastro' }).click();
  await page.getByLabel('Buscar no cadastro').fill(who.registration_number);
  await page.getByRole('row').filter({ hasText: who.name }).first().click();
  await expect(page.getByRole('heading', { name: who.name })).toBeVisible();
  await page.getByRole('button', { name: 'Registrar atendimento' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar atendimento' });
  await expect(dialog).toContainText(`Para ${who.name}`);
  await dialog.getByLabel('Caso do comunicado').click();
  await page.getByRole('option', { name: /^C — / }).click();
  await dialog.getByLabel('O que aconteceu').fill('Ao confirmar os dados, a plataforma mostra uma página de erro em inglês.');
  const screenshot = join(desk.storePath, '..', 'tela-erro.png');
  writeFileSync(screenshot, PNG);
  const choosing = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Anexar arquivo' }).click();
  await (await choosing).setFiles(screenshot);
  await expect(dialog.getByText('tela-erro.png')).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Registrar atendimento')));
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();

  // The atendimento: protocol, state, the professional, the attachment.
  const heading = page.getByRole('heading', { level: 1, name: /^AT-\d{4}-\d{6}$/ });
  await expect(heading).toBeVisible();
  const protocol = (await heading.textContent()) as string;
  await expect(page.getByText(`Caso C — página de erro em inglês`)).toBeVisible();
  const attachments = page.getByRole('region', { name: 'Anexos' });
  await expect(attachments).toContainText('tela-erro.png');
  await expect(attachments).toContainText('imagem PNG');

  // Identity on the phone: a wrong mother's name does not match, the right one does; the stored name never shows.
  await page.getByRole('button', { name: 'Conferir identidade' }).click();
  const identity = page.getByRole('dialog', { name: 'Conferir identidade' });
  await identity.getByLabel('CPF informado').fill(who.cpf);
  await identity.getByLabel('Nome da mãe informado').fill('Maria Qualquer');
  await identity.getByRole('button', { name: 'Conferir' }).click();
  await expect(identity.getByText('Nome da mãe: Não confere')).toBeVisible();
  await expect(identity.getByText('CPF: Confere')).toBeVisible();
  await identity.getByLabel('Nome da mãe informado').fill(who.mother_name);
  await identity.getByRole('button', { name: 'Conferir' }).click();
  await expect(identity.getByText('Nome da mãe: Confere')).toBeVisible();
  await expect(identity.getByText('Identidade confirmada.')).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Conferir identidade')));
  await identity.getByRole('button', { name: 'Fechar' }).click();
  await expect(page.locator('body')).not.toContainText(who.mother_name);

  // Forward to Implanta: the e-mail draft, downloaded as the preview does it.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Encaminhar à Implanta' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${protocol}-encaminhamento.eml`);
  const eml = join(desk.storePath, '..', 'encaminhamento.eml');
  await download.saveAs(eml);
  const mail = readable(readFileSync(eml, 'utf8'));
  expect(mail).toContain('Protocolo AT-');
  expect(mail).toContain('tela-erro.png');
  await expect(page.getByText('E-mail preparado: abra o arquivo no seu programa de e-mail e envie.')).toBeVisible();
  await expect(page.getByTestId('contact-header')).toContainText('Encaminhado à Implanta');
  problems.push(...(await seriousViolations(page, 'Atendimento')));
  if (guide) await shot(page, '17-atendimento');

  // Implanta's answer.
  await page.getByRole('button', { name: 'Registrar resposta da Implanta' }).click();
  const answer = page.getByRole('dialog', { name: 'Registrar resposta da Implanta' });
  await answer.getByLabel('Resposta da Implanta').fill('Erro corrigido na plataforma; pedir que tente de novo amanhã.');
  await answer.getByRole('button', { name: 'Registrar resposta' }).click();
  const timeline = page.getByRole('table', { name: 'Linha do tempo do atendimento' });
  await expect(timeline).toContainText('Erro corrigido na plataforma');

  // A message to the professional from a template, marked as sent.
  await page.getByRole('button', { name: 'Mensagem à/ao profissional' }).click();
  const message = page.getByRole('dialog', { name: 'Mensagem à/ao profissional' });
  await expect(message.getByRole('region', { name: 'Texto do e-mail' })).not.toBeEmpty();
  await expect(message.getByRole('region', { name: 'Roteiro para o telefone' })).not.toBeEmpty();
  await expect(message.getByRole('button', { name: 'Salvar e-mail (.eml)' })).toBeVisible();
  const subject = (await message.getByText(/^Assunto: /).textContent())!.replace('Assunto: ', '');
  problems.push(...(await seriousViolations(page, 'Mensagem à/ao profissional')));
  if (guide) await shot(page, '18-atendimento-mensagem');
  await message.getByRole('button', { name: 'Marcar como enviada' }).click();
  await expect(message).toBeHidden();
  await expect(timeline).toContainText(subject);

  // Resolved, with what was done.
  await page.getByRole('button', { name: 'Resolver' }).click();
  const resolve = page.getByRole('dialog', { name: 'Resolver o atendimento' });
  await resolve.getByLabel('Resolução').fill('A profissional concluiu o recadastramento.');
  await resolve.getByRole('button', { name: 'Resolver atendimento' }).click();
  await expect(page.getByTestId('contact-header')).toContainText('Resolvido');
  await expect(timeline).toContainText('A profissional concluiu o recadastramento.');
  await expect(page.getByRole('button', { name: 'Encaminhar à Implanta' })).toHaveCount(0);

  // The list: by state, and the overdue one in red.
  await page.getByRole('button', { name: 'Atendimentos', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Atendimentos', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Atendimentos', exact: true });
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByRole('combobox', { name: 'Situação' }).click();
  await page.getByRole('option', { name: 'Resolvido' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(protocol);
  await page.getByRole('combobox', { name: 'Situação' }).click();
  await page.getByRole('option', { name: 'Todas as situações' }).click();
  await page.getByLabel('Atrasados').check();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(late!.protocol);
  await expect(table.getByRole('row').nth(1)).toContainText('Atrasado');
  await page.getByLabel('Atrasados').uncheck();
  await expect(table.getByRole('row')).toHaveCount(3);
  problems.push(...(await seriousViolations(page, 'Atendimentos')));
  if (guide) await shot(page, '16-atendimentos');

  // Three wrong answers in a day: the check stops answering and says why.
  await table.getByRole('row').filter({ hasText: late!.protocol }).click();
  await page.getByRole('button', { name: 'Conferir identidade' }).click();
  const guess = page.getByRole('dialog', { name: 'Conferir identidade' });
  await guess.getByLabel('CPF informado').fill(other.cpf);
  for (const mother of ['Ana Errada', 'Bia Errada', 'Cida Errada']) {
    await guess.getByLabel('Nome da mãe informado').fill(mother);
    await guess.getByRole('button', { name: 'Conferir' }).click();
    await expect(guess.getByText('Nome da mãe: Não confere')).toBeVisible();
  }
  await guess.getByLabel('Nome da mãe informado').fill(other.mother_name);
  await guess.getByRole('button', { name: 'Conferir' }).click();
  await expect(guess.getByText(/não conferiu três vezes/)).toBeVisible();
  await expect(guess.getByText('Nome da mãe: Confere')).toHaveCount(0);
  await guess.getByRole('button', { name: 'Fechar' }).click();
  await page.getByRole('button', { name: 'Voltar para Atendimentos' }).click();

  // Início again: the resolved one no longer counts; the record lists its atendimento.
  await page.getByRole('button', { name: 'Início', exact: true }).click();
  await expect(card.getByTestId('home-contacts-open')).toHaveText('1 atendimento aberto');
  await card.getByRole('button', { name: 'Ver atendimentos' }).click();
  await table.getByRole('row').filter({ hasText: protocol }).click();
  await page.getByRole('button', { name: 'Abrir o cadastro' }).click();
  await expect(page.getByRole('table', { name: 'Atendimentos deste cadastro' })).toContainText(protocol);
  expect(problems).toEqual([]);
});

test('an atendimento opened before the record is found: located, waiting and reopened, linked to its correction; the settings say what is wrong', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await desk.cli('demo', '--professionals', '30', '--seed', '5');
  const [who] = desk.query<Person>('SELECT id, registration_number, name, cpf, mother_name FROM professionals ORDER BY id LIMIT 1');
  expect((await desk.cli('correct', who!.registration_number, '--field', 'email', '--value', 'novo.email@exemplo.com.br', '--reason', 'E-mail informado por telefone', '--arrival', 'phone')).code).toBe(0);
  await page.reload();

  // Configurações: Implanta's address is checked like any e-mail, the message under the field.
  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  const settings = page.getByRole('region', { name: 'Atendimentos' });
  await settings.getByLabel('E-mail de suporte da Implanta').fill('suporte@implanta');
  await settings.getByRole('button', { name: 'Salvar' }).click();
  await expect(settings.getByText(/^E-mail de suporte da Implanta: /)).toBeVisible();
  await settings.getByLabel('E-mail de suporte da Implanta').fill('suporte@implanta.net.br');
  await settings.getByLabel('Dias até atrasar').fill('7');
  await settings.getByRole('button', { name: 'Salvar' }).click();
  await expect(page.getByText('Configurações de atendimentos salvas.')).toBeVisible();
  expect(desk.query('SELECT implanta_email, overdue_days FROM contact_settings')).toEqual([{ implanta_email: 'suporte@implanta.net.br', overdue_days: 7 }]);

  // Registered with the CPF and name as told.
  await page.getByRole('button', { name: 'Atendimentos', exact: true }).click();
  await expect(page.getByText('Nenhum atendimento', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Registrar atendimento' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Registrar atendimento' });
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(dialog.getByText('Informe o CPF ou o nome da/o profissional.')).toBeVisible();
  // A digit heard wrong on the phone: no record has this CPF.
  await dialog.getByLabel('CPF informado').fill('123.456.789-09');
  await dialog.getByLabel('Nome informado').fill(who!.name);
  await dialog.getByLabel('Como chegou').click();
  await page.getByRole('option', { name: 'Telefone' }).click();
  await dialog.getByLabel('O que aconteceu').fill('Não recebe o e-mail de senha.');
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^AT-/ })).toBeVisible();
  await expect(page.getByText(/O cadastro ainda não foi localizado/)).toBeVisible();

  // Located by registration number.
  await page.getByRole('button', { name: 'Localizar cadastro' }).click();
  const locate = page.getByRole('dialog', { name: 'Localizar cadastro' });
  await locate.getByLabel('CPF ou nº de registro').fill(who!.registration_number);
  await locate.getByRole('button', { name: 'Procurar' }).click();
  await expect(locate).toContainText(who!.name);
  await locate.getByRole('button', { name: 'Vincular este cadastro' }).click();
  await expect(page.getByRole('button', { name: who!.name })).toBeVisible();

  // Waiting for the professional, then open again.
  await page.getByRole('button', { name: 'Aguardando profissional' }).click();
  await expect(page.getByTestId('contact-header')).toContainText('Aguardando profissional');
  await page.getByRole('button', { name: 'Reabrir' }).click();
  await expect(page.getByTestId('contact-header')).toContainText('Aberto');

  // Linked to the record's correction.
  await page.getByRole('button', { name: 'Vincular correção' }).click();
  const link = page.getByRole('dialog', { name: 'Vincular correção' });
  await link.getByLabel('Correção').click();
  await page.getByRole('option', { name: /novo\.email@exemplo\.com\.br/ }).click();
  await link.getByRole('button', { name: 'Vincular' }).click();
  await expect(page.getByRole('region', { name: 'O que aconteceu' })).toContainText('Correções vinculadas');
  expect(desk.query('SELECT count(*) AS n FROM contact_corrections')).toEqual([{ n: 1 }]);
});
