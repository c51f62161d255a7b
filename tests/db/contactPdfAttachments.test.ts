// A PDF attached to an atendimento is forwarded to Implanta: one with active content (JavaScript,
// actions on opening, a program to launch, embedded files — in the open or inside a compressed
// object stream) is refused, naming the file, and nothing is stored; a scanned document's PDF is taken.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract/contacts';
import { answerOf, openTestDesk, refusalOf, type TestDesk } from './fixtures';

let desk: TestDesk;
afterEach(() => desk.cleanup());

function add(d: TestDesk, input: Record<string, unknown>): Promise<Contact> {
  return answerOf<Contact>(d, 'contacts:add', { channel: 'email', case: 'C', summary: 'Documento enviado por e-mail', ...input });
}

describe('a PDF attachment', () => {
  it.each([
    ['JavaScript run on opening', '1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n'],
    ['a program launched', '1 0 obj << /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj\n'],
    ['an embedded file', '1 0 obj << /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >> endobj\n'],
    ['a name written with escapes', '1 0 obj << /S /J#61vaScript /JS (x) >> endobj\n'],
    ['JavaScript inside a compressed object stream', 'compressed'],
  ])('refuses a PDF with active content (%s), naming the file, and stores nothing', async (_, body) => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const file = desk.file('documento.pdf');
    const content =
      body === 'compressed'
        ? Buffer.concat([
            Buffer.from('%PDF-1.7\n3 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n'),
            deflateSync(Buffer.from('2 0 << /S /JavaScript /JS (app.alert(1)) >>')),
            Buffer.from('\nendstream\nendobj\n%%EOF\n'),
          ])
        : Buffer.from(`%PDF-1.7\n${body}%%EOF\n`);
    writeFileSync(file, content);
    const refused = await refusalOf(desk, 'contacts:attach', { id: contact.id, path: file });
    expect(refused.code).toBe('ATTACHMENT_TYPE');
    expect(refused.message).toContain('O PDF "documento.pdf" traz conteúdo ativo');
    expect(desk.store.db.prepare('SELECT count(*) FROM contact_attachments').pluck().get()).toBe(0);
  });

  it('takes a scanned document’s PDF, with its streams compressed', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const file = desk.file('rg-digitalizado.pdf');
    const page = deflateSync(Buffer.from('q 595 0 0 842 0 0 cm /Im0 Do Q'));
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n4 0 obj << /Length ' + page.length + ' /Filter /FlateDecode >>\nstream\n'),
        page,
        Buffer.from('\nendstream\nendobj\n%%EOF\n'),
      ]),
    );
    expect(await answerOf(desk, 'contacts:attach', { id: contact.id, path: file })).toBeTruthy();
  });

});
