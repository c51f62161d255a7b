// The e-mails an atendimento leads to, read back as a mail program would (an independent MIME
// parser): the forward to Implanta carries what the notice asks, the desk's diagnosis and the
// screenshot byte for byte, and moves the atendimento to "encaminhado"; a message to the
// professional is addressed to her/his registered e-mail and fits what happened to the record.
import { simpleParser } from 'mailparser';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract/contacts';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, answerOf, EVIDENCE, openTestDesk, REASON, refusalOf, type TestDesk } from './fixtures';
import { smallPng } from '../fixtures/images';

let desk: TestDesk;
afterEach(() => desk?.cleanup());

const PNG = smallPng();

/** Maria, with a phone correction waiting for the lote and a screenshot of the error she saw. */
async function mariasAtendimento(overrides: Parameters<typeof addProfessional>[1] = {}) {
  desk = openTestDesk();
  const maria = addProfessional(desk.store, { name: 'Maria Lúcia Prado', motherName: 'Antônia Conceição da Silva', email: 'maria.prado@gmail.com', ...overrides });
  await answerOf(desk, 'corrections:save', {
    professionalId: maria.id,
    expectedRowVersion: maria.rowVersion,
    changes: { phone: '(11) 98888-7777' },
    reason: REASON,
    evidence: EVIDENCE,
  });
  const contact = await answerOf<Contact>(desk, 'contacts:add', { professionalId: maria.id, channel: 'email', case: 'C', summary: 'Ao confirmar os dados, a página mostrou um erro em inglês' });
  const screenshot = desk.file('erro.png');
  writeFileSync(screenshot, PNG);
  await answerOf(desk, 'contacts:attach', { id: contact.id, path: screenshot });
  return { maria, contact };
}

describe('forwarding to Implanta', () => {
  it('asks for Implanta’s address first, and writes nothing without it', async () => {
    const { contact } = await mariasAtendimento();
    const out = desk.file('encaminhamento.eml');
    const refused = await refusalOf(desk, 'contacts:forward', { id: contact.id, path: out });
    expect(refused).toMatchObject({ code: 'SETUP_REQUIRED' });
    expect(refused.message).toContain('Configurações → Atendimentos');
    expect(existsSync(out)).toBe(false);
    expect((await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).status).toBe('open');
  });

  it('writes an e-mail Implanta reads: CPF, name, mother, the action, the diagnosis and the screenshot byte for byte; the atendimento is then forwarded', async () => {
    const { maria, contact } = await mariasAtendimento();
    await answerOf(desk, 'settings:updateContacts', { implantaEmail: 'suporte@implanta.com.br' });
    const out = desk.file('encaminhamento.eml');
    const written = await answerOf<{ path: string; subject: string; contact: Contact }>(desk, 'contacts:forward', { id: contact.id, path: out });
    const mail = await simpleParser(readFileSync(out));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('suporte@implanta.com.br');
    expect(mail.subject).toBe(`CRESS 9ª Região (SP) — Caso C — Protocolo ${contact.protocol} — recadastramento`);
    expect(written.subject).toBe(mail.subject);
    expect(mail.text).toContain(formatCpf(maria.cpf));
    expect(mail.text).toContain('Maria Lúcia Prado');
    expect(mail.text).toContain('Antônia Conceição da Silva');
    expect(mail.text).toContain('Ao confirmar os dados, a página mostrou um erro em inglês');
    expect(mail.text).toContain('98888-7777'); // the correction in flight, in the diagnosis
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['erro.png', 'image/png']]);
    expect(mail.attachments[0]!.content.equals(PNG)).toBe(true);
    expect(written.contact).toMatchObject({ status: 'forwarded', forwardedAt: expect.any(String) });
    // The desk wrote the e-mail; the clerk sends it: the timeline does not claim it went.
    expect(written.contact.events.at(-1)).toMatchObject({ kind: 'message_sent', text: mail.subject, label: 'E-mail para a Implanta preparado (arquivo .eml, enviado pelo programa de e-mail)' });
  });

  it('never writes over another file, and a resolved atendimento is not forwarded', async () => {
    const { contact } = await mariasAtendimento();
    await answerOf(desk, 'settings:updateContacts', { implantaEmail: 'suporte@implanta.com.br' });
    const out = desk.file('ja-existe.eml');
    writeFileSync(out, 'rascunho da atendente');
    expect(await refusalOf(desk, 'contacts:forward', { id: contact.id, path: out })).toMatchObject({ code: 'EXPORT_DESTINATION' });
    expect(readFileSync(out, 'utf8')).toBe('rascunho da atendente');
    expect((await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).status).toBe('open');
    await answerOf(desk, 'contacts:close', { id: contact.id, resolution: 'Resolvido por telefone com a profissional.' });
    expect(await refusalOf(desk, 'contacts:forward', { id: contact.id, path: desk.file('outro.eml') })).toMatchObject({ code: 'CONTACT_STATE' });
  });
});

describe('a message to the professional', () => {
  it('proposes waiting for the lote while the correction is in flight, and drafts it to her registered e-mail without recording it as sent', async () => {
    const { contact } = await mariasAtendimento();
    const out = desk.file('mensagem.eml');
    const message = await answerOf<{ subject: string; text: string; phoneScript: string; to: string; path: string; proposed: string[] }>(desk, 'contacts:message', {
      id: contact.id,
      template: 'correction_queued',
      path: out,
    });
    expect(message.proposed[0]).toBe('correction_queued');
    expect(message.to).toBe('maria.prado@gmail.com');
    expect(message.text).toContain('Maria');
    expect(message.phoneScript.length).toBeGreaterThan(20);
    const mail = await simpleParser(readFileSync(out));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('maria.prado@gmail.com');
    expect(mail.subject).toBe(message.subject);
    expect((await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).events.some((e) => e.kind === 'message_sent')).toBe(false);
  });

  it('gives the text for the phone when the record has no e-mail, and says why no e-mail can be drafted', async () => {
    const { contact } = await mariasAtendimento({ email: null });
    const text = await answerOf<{ text: string; to: string | null; path: string | null }>(desk, 'contacts:message', { id: contact.id, template: 'correction_queued' });
    expect(text).toMatchObject({ to: null, path: null });
    const refused = await refusalOf(desk, 'contacts:message', { id: contact.id, template: 'correction_queued', path: desk.file('mensagem.eml') });
    expect(refused).toMatchObject({ code: 'EMAIL_MISSING' });
    expect(existsSync(desk.file('mensagem.eml'))).toBe(false);
  });
});
