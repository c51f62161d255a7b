// A PDF attached to an atendimento is forwarded to Implanta: one with active content (JavaScript,
// actions on opening, a program to launch, embedded files — in the open or inside a compressed
// object stream) is refused, naming the file, and nothing is stored; a scanned document's PDF is taken.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../db';
import { HandleBroker } from '../../db/fileBroker';
import type { Contact } from '../../shared/contract/contacts';
import { answerOf, openTestDesk, refusalOf, type TestDesk } from './fixtures';
import { smallPng } from '../fixtures/images';

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

  it('refuses JavaScript hidden in an object stream behind a stream that inflates past the bound, instead of leaving it unread', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const file = desk.file('documento.pdf');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('%PDF-1.7\n4 0 obj << /Filter /FlateDecode >>\nstream\n'),
        deflateSync(Buffer.alloc(32 * 1024 * 1024 - 1000, 0x20)),
        Buffer.from('\nendstream\nendobj\n3 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n'),
        deflateSync(Buffer.from(`2 0 << /S /JavaScript /JS (app.alert(1)) >>${' '.repeat(5000)}`)),
        Buffer.from('\nendstream\nendobj\n%%EOF\n'),
      ]),
    );
    const refused = await refusalOf(desk, 'contacts:attach', { id: contact.id, path: file });
    expect(refused.code).toBe('ATTACHMENT_TYPE');
    expect(desk.store.db.prepare('SELECT count(*) FROM contact_attachments').pluck().get()).toBe(0);
  });

  it('takes a scan whose page image is stored losslessly (a large deflated image), with nothing active', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const file = desk.file('rg-sem-perdas.pdf');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n5 0 obj << /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode >>\nstream\n'),
        deflateSync(Buffer.alloc(2480 * 3508 * 3, 0xff)),
        Buffer.from('\nendstream\nendobj\n6 0 obj << /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode >>\nstream\n'),
        deflateSync(Buffer.alloc(2480 * 3508 * 3, 0xfe)),
        Buffer.from('\nendstream\nendobj\n%%EOF\n'),
      ]),
    );
    expect(await answerOf(desk, 'contacts:attach', { id: contact.id, path: file })).toBeTruthy();
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

  it('leaves no atendimento behind when one of the files sent with it is refused', async () => {
    desk = openTestDesk();
    const png = desk.file('captura.png');
    const pdf = desk.file('ativo.pdf');
    writeFileSync(png, smallPng());
    writeFileSync(pdf, Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (x) >> >> endobj\n%%EOF\n'));
    const input = { channel: 'email', case: 'F', summary: 'Nome da mãe não confere', name: 'Joana Prado' };
    const refused = await refusalOf(desk, 'contacts:add', { ...input, attachments: [{ path: png }, { path: pdf }] });
    expect(refused.message).toContain('O PDF "ativo.pdf" traz conteúdo ativo');
    const count = (table: string) => desk.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count('contacts'), count('contact_attachments')]).toEqual([0, 0]);
    // Sent again without the refused file: one atendimento, the first of the year, with the print.
    const created = await add(desk, { ...input, attachments: [{ path: png }] });
    expect(created.protocol).toMatch(/-000001$/);
    expect(created.attachmentList.map((a) => a.fileName)).toEqual(['captura.png']);
  });

  it('takes the files sent with a new atendimento from the window only when its dialog handed them out', async () => {
    desk = openTestDesk();
    const png = desk.file('tela.png');
    writeFileSync(png, smallPng());
    const files = new HandleBroker();
    const window = createHandlers(desk.store, { appVersion: 'test', files });
    const input = { channel: 'email' as const, case: 'C' as const, summary: 'Página de erro', name: 'Joana Prado', cpf: null, professionalId: null, notes: null };
    await expect(Promise.resolve().then(() => window['contacts:add']({ ...input, attachments: [{ path: png }] }))).rejects.toMatchObject({ code: 'FILE_NOT_GRANTED' });
    const handle = files.issue(png, 'read', { name: 'Print do erro.png' });
    const created = await window['contacts:add']({ ...input, attachments: [{ path: handle, fileName: 'outro.png' }] });
    expect(created.attachmentList.map((a) => a.fileName)).toEqual(['Print do erro.png']);
  });
});
