// An attachment's name is forwarded to Implanta with the file: invisible characters that make a
// name read backwards on screen (a right-to-left override: "comprovante<RLO>fdp.exe" shows as
// "comprovanteexe.pdf") or drive a terminal (C1 controls) are dropped before it is stored, so the
// name the clerk and Implanta read is the name the file has.
import { simpleParser } from 'mailparser';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract/contacts';
import { addProfessional, answerOf, openTestDesk, type TestDesk } from './fixtures';
import { smallPng } from '../fixtures/images';

let desk: TestDesk;
afterEach(() => desk?.cleanup());

const PNG = smallPng();
const SPOOFED = 'comprovante\u202efdp.png';
const HIDDEN = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the name of an attachment', () => {
  it('keeps no bidirectional override nor C1 control, on the atendimento and in the forward to Implanta', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { name: 'Maria Lúcia Prado' });
    const file = desk.file('print.png');
    writeFileSync(file, PNG);
    const contact = await answerOf<Contact>(desk, 'contacts:add', {
      professionalId: maria.id,
      channel: 'email',
      case: 'C',
      summary: 'Enviou o comprovante por e-mail',
      attachments: [{ path: file, fileName: SPOOFED }],
    });
    const another = desk.file('outra.png');
    writeFileSync(another, smallPng(20));
    await answerOf(desk, 'contacts:attach', { id: contact.id, path: another, fileName: 'tela\u009b2Jerro.png' });
    const names = (await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).attachmentList.map((a) => a.fileName);
    expect(names).toEqual(['comprovantefdp.png', 'tela2Jerro.png']);
    await answerOf(desk, 'settings:updateContacts', { implantaEmail: 'suporte@implanta.com.br' });
    const out = desk.file('encaminhamento.eml');
    await answerOf(desk, 'contacts:forward', { id: contact.id, path: out });
    const mail = await simpleParser(readFileSync(out));
    for (const attachment of mail.attachments) expect(attachment.filename ?? '').not.toMatch(HIDDEN);
  });
});
