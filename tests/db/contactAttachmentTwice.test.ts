// The same file attached twice to one atendimento would be stored twice and go twice to Implanta
// in the forward: the second is refused, naming the file (and the name it was attached under), and
// nothing is added. Another atendimento may hold the same file.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract/contacts';
import { smallPng } from '../fixtures/images';
import { addProfessional, answerOf, openTestDesk, refusalOf, type TestDesk } from './fixtures';

let desk: TestDesk;
afterEach(() => desk.cleanup());

describe('the same file attached twice', () => {
  it('is refused the second time, naming it, and stays once; another atendimento takes it', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store);
    const open = (summary: string) => answerOf<Contact>(desk, 'contacts:add', { professionalId: maria.id, channel: 'email', case: 'C', summary });
    const contact = await open('Print da tela de erro');
    const first = desk.file('print.png');
    const copy = desk.file('print-copia.png');
    writeFileSync(first, smallPng());
    writeFileSync(copy, smallPng());
    await answerOf(desk, 'contacts:attach', { id: contact.id, path: first });
    const refused = await refusalOf(desk, 'contacts:attach', { id: contact.id, path: copy });
    expect(refused.message).toBe(`O arquivo "print-copia.png" já está anexado ao atendimento ${contact.protocol} (como “print.png”): nada foi anexado de novo.`);
    expect((await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).attachments).toBe(1);
    const other = await open('Outro pedido');
    await answerOf(desk, 'contacts:attach', { id: other.id, path: copy });
    expect((await answerOf<Contact>(desk, 'contacts:get', { id: other.id })).attachments).toBe(1);
  });
});
