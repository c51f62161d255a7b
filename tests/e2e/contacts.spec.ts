// Atendimentos as the clerk works the notice's case C: a professional sends a screenshot of the
// platform's error page; the clerk registers it from the record, checks identity on the phone,
// forwards the e-mail to Implanta, records the answer, corrects the record naming the atendimento,
// sends the lote, applies Implanta's answer, tells the professional the data is corrected, and
// resolves it. The list filters by state, overdue and "a avisar", and Início counts each.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seriousViolations } from './axe';
import { expect, openRecord, setUpDemoDesk, test } from './fixtures';
import { shot } from './guideShot';
import { PNG, type Person } from './contactFiles';


/** The e-mail as a mail program shows it: encoded words and quoted-printable lines decoded. */
function readable(mail: string): string {
  const bytes = (text: string) => text.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replaceAll('=', ''), 'hex').toString('utf8'));
  const words = mail.replace(/\?=\s+=\?UTF-8\?Q\?/gi, '').replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, word: string) => bytes(word.replaceAll('_', ' ')));
  return bytes(words.replace(/=\r?\n/g, ''));
}


test('case C: from the record to Implanta, a correction, its lote and answer, the professional told, resolved; the list filters and Início counts', async ({ desk }, testInfo) => {
  // The whole loop through Lotes: longer than one screen's test.
  test.setTimeout(240_000);
  const { page } = desk;
  const problems: string[] = [];
  const guide = testInfo.project.name === 'browser';
  await setUpDemoDesk(desk, 60, 7);
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
  await openRecord(page, who);
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
  expect(download.suggestedFilename()).toBe(`${protocol}-encaminhamento-DEMONSTRACAO.eml`);
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

  // "Corrigir dados": the record's form opens with the atendimento chosen; the review names it.
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await expect(page.getByRole('heading', { name: who.name })).toBeVisible();
  const form = page.getByRole('form', { name: 'Corrigir dados' });
  await expect(form.getByRole('combobox', { name: 'Atendimento (opcional)' })).toContainText(`${protocol} · Caso C`);
  await form.getByLabel('E-mail', { exact: true }).fill('nova.caixa@exemplo.com.br');
  await form.getByLabel('Motivo da correção').fill('E-mail informado pela profissional no atendimento');
  await form.getByLabel('Documento apresentado').fill('RG');
  if (guide) await shot(page, '21-correcao-atendimento');
  await form.getByRole('button', { name: 'Revisar correção' }).click();
  const review = page.getByRole('dialog', { name: 'Revisar correção' });
  await expect(review.getByTestId('review-contact')).toContainText(protocol);
  await review.getByRole('button', { name: 'Salvar correção' }).click();
  const saved = page.locator('.MuiSnackbar-root');
  await expect(saved).toContainText(`Correção salva e vinculada ao atendimento ${protocol}. 1 atendimento a avisar.`);
  expect(desk.query('SELECT count(*) AS n FROM contact_corrections')).toEqual([{ n: 1 }]);
  await expect(page.getByRole('table', { name: 'Atendimentos deste cadastro' }).getByRole('row').filter({ hasText: protocol })).toContainText('A avisar');

  // The notice leads to those still to be told; the atendimento asks for "correção registrada".
  await saved.getByRole('button', { name: 'Ver a avisar' }).click();
  const table = page.getByRole('table', { name: 'Atendimentos', exact: true });
  await expect(page.getByRole('button', { name: 'A avisar' })).toHaveAttribute('aria-pressed', 'true');
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('row').filter({ hasText: protocol }).click();
  const toNotify = page.getByTestId('contact-to-notify');
  await expect(toNotify).toContainText('Avise a/o profissional: Correção registrada: aguardar a sincronização');
  await expect(timeline).toContainText('Correção vinculada: E-mail');

  // Lotes: generated, sealed, exported and sent; Implanta answers that the correction was applied.
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('button', { name: 'Gerar lote' }).click();
  const batchHeading = page.getByRole('heading', { name: /^Lote \d{4}-\d{4}$/ });
  await expect(batchHeading).toBeVisible();
  const batchNumber = ((await batchHeading.textContent()) as string).replace('Lote ', '');
  await page.getByRole('button', { name: 'Lacrar lote' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Lacrar lote' }).click();
  await expect(page.getByText('Lacrado', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Exportar pacote' }).click();
  const exporting = page.getByRole('dialog');
  const packaged = page.waitForEvent('download');
  await exporting.getByRole('button', { name: 'Escolher onde salvar…' }).click();
  await packaged;
  await expect(exporting.getByText('Pacote exportado')).toBeVisible();
  await exporting.getByRole('button', { name: 'Fechar' }).click();
  await page.getByRole('button', { name: 'Marcar como enviado' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Marcar como enviado' }).click();
  await expect(page.getByText('Enviado', { exact: true })).toBeVisible();
  const [correction] = desk.query<{ uuid: string }>('SELECT uuid FROM corrections');
  const ack = join(desk.storePath, '..', 'resposta-implanta.csv');
  writeFileSync(ack, `\uFEFFid;situação;mensagem\r\n${correction!.uuid};aplicada;\r\n`);
  await page.getByRole('button', { name: 'Importar confirmação' }).click();
  const importing = page.getByRole('dialog');
  const chooser = page.waitForEvent('filechooser');
  await importing.getByRole('button', { name: 'Escolher arquivo…' }).click();
  await (await chooser).setFiles(ack);
  await expect(importing.getByRole('status').filter({ hasText: `o que a confirmação muda no lote ${batchNumber}` })).toBeVisible();
  await importing.getByRole('button', { name: 'Aplicar a confirmação' }).click();
  await expect(importing.getByRole('status').filter({ hasText: `Confirmação do lote ${batchNumber} importada` })).toContainText('1 correção aplicada');
  await expect(importing.getByTestId('ack-to-notify')).toContainText('1 atendimento a avisar: a/o profissional ainda não sabe da resposta da Implanta.');
  problems.push(...(await seriousViolations(page, 'Confirmação importada')));
  await importing.getByRole('button', { name: 'Ver a avisar' }).click();
  await expect(table.getByRole('row').filter({ hasText: protocol })).toContainText('A avisar');

  // Início counts it, and its link leads to the same list.
  await page.getByRole('button', { name: 'Início', exact: true }).click();
  await expect(card.getByTestId('home-contacts-to-notify')).toHaveText('1 a avisar: a/o profissional ainda não sabe do andamento da correção.');
  await card.getByRole('button', { name: 'Ver a avisar' }).click();

  // The atendimento: the lote and Implanta's answer on the timeline, and "a avisar: dados corrigidos".
  await table.getByRole('row').filter({ hasText: protocol }).click();
  await expect(toNotify).toContainText('Avise a/o profissional: Dados corrigidos na plataforma');
  await expect(timeline).toContainText(`Lote ${batchNumber} enviado à Implanta`);
  await expect(timeline).toContainText('Implanta aplicou a correção: E-mail');
  problems.push(...(await seriousViolations(page, 'Atendimento a avisar')));
  if (guide) await shot(page, '19-atendimento-a-avisar');

  // The message the banner proposes, already chosen; marked as sent, the professional is told.
  await toNotify.getByRole('button', { name: 'Preparar mensagem' }).click();
  const message = page.getByRole('dialog', { name: 'Mensagem à/ao profissional' });
  await expect(message.getByRole('combobox', { name: 'Modelo' })).toHaveText('Dados corrigidos na plataforma');
  await expect(message.getByRole('region', { name: 'Texto do e-mail' })).toContainText('seus dados já estão corrigidos na plataforma');
  await expect(message.getByRole('region', { name: 'Roteiro para o telefone' })).not.toBeEmpty();
  await expect(message.getByRole('button', { name: 'Salvar e-mail (.eml)' })).toBeVisible();
  const subject = (await message.getByText(/^Assunto: /).textContent())!.replace('Assunto: ', '');
  problems.push(...(await seriousViolations(page, 'Mensagem à/ao profissional')));
  if (guide) await shot(page, '18-atendimento-mensagem');
  // Saved as an e-mail draft: the dialog names the file, as a saved report does.
  const savingEml = page.waitForEvent('download');
  await message.getByRole('button', { name: 'Salvar e-mail (.eml)' }).click();
  const emlSaved = await savingEml;
  await expect(message.getByText(`E-mail salvo: ${emlSaved.suggestedFilename()}. Abra o arquivo no seu programa de e-mail e envie.`)).toBeVisible();
  await message.getByRole('button', { name: 'Marcar como enviada' }).click();
  await expect(message).toBeHidden();
  await expect(timeline).toContainText(subject);
  await expect(toNotify).toHaveCount(0);

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
  await expect(page.getByText(/^Ninguém a avisar/)).toBeVisible();
  await page.getByRole('button', { name: 'A avisar' }).click();
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
  // A CPF typed a digit short is the clerk's slip: said so, and it counts no attempt.
  await guess.getByLabel('CPF informado').fill(other.cpf.slice(0, 10));
  await guess.getByLabel('Nome da mãe informado').fill('Ana Errada');
  await guess.getByRole('button', { name: 'Conferir' }).click();
  await expect(guess.getByText(/CPF incompleto: .*Esta conferência não conta como tentativa\./)).toBeVisible();
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
  await expect(card.getByTestId('home-contacts-to-notify')).toHaveCount(0);
  await card.getByRole('button', { name: 'Ver atendimentos' }).click();
  await table.getByRole('row').filter({ hasText: protocol }).click();
  await page.getByRole('button', { name: 'Abrir o cadastro' }).click();
  await expect(page.getByRole('table', { name: 'Atendimentos deste cadastro' })).toContainText(protocol);
  expect(problems).toEqual([]);
});

test('an atendimento opened before the record is found: located, waiting and reopened, linked to its correction; the settings say what is wrong', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 30, 5);
  const [who] = desk.query<Person>('SELECT id, registration_number, name, cpf, mother_name FROM professionals ORDER BY id LIMIT 1');
  expect((await desk.cli('correct', who!.registration_number, '--field', 'email', '--value', 'novo.email@exemplo.com.br', '--reason', 'E-mail informado por telefone', '--arrival', 'phone')).code).toBe(0);
  await page.reload();

  // Configurações: Implanta's address is checked like any e-mail, the message under the field.
  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  const settings = page.getByRole('region', { name: 'Atendimentos' });
  await settings.getByLabel('E-mail de suporte da Implanta').fill('suporte@implanta');
  await settings.getByRole('button', { name: 'Salvar' }).click();
  await expect(settings.getByText(/^E-mail inválido: /)).toBeVisible();
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
  await dialog.getByLabel('Caso do comunicado').click();
  await page.getByRole('option', { name: /^D — / }).click();
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
