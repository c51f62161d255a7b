// The message a clerk sends a professional from an atendimento tells only what happened: a field
// whose correction she cancelled is not announced, "rejected" names only what Implanta refused, and
// a name Implanta applied in the registry while the card was already being made asks for the DIP
// to be made again ("DIP a refazer"), as the guide promises.
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact, Output } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

async function contactFor(professional: Professional): Promise<Contact> {
  return await desk.handlers['contacts:add']({ professionalId: professional.id, cpf: null, name: null, channel: 'phone', case: 'G', summary: 'Pediu correções.', notes: null, attachments: [] });
}

async function message(contact: Contact, template: Output<'contacts:message'>['proposed'][number]) {
  return await desk.handlers['contacts:message']({ id: contact.id, template, path: null });
}

async function answer(sent: { batch: { uuid: string }; sha256: string }, items: Record<string, unknown>[]) {
  return importAck(desk, writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: sent.batch.uuid, packageSha256: sent.sha256, items }));
}

describe('a message from an atendimento', () => {
  it('does not announce a field whose correction was cancelled', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const contact = await contactFor(maria);
    correct(desk, maria, { email: 'maria.nova@gmail.com' }, { contactId: contact.id });
    const phone = correct(desk, maria, { phone: '(21) 98765-4321' }, { contactId: contact.id }).corrections[0]!.uuid;
    desk.handlers['corrections:cancel']({ uuid: phone, reason: 'Desistiu do pedido' });
    const queued = await message(contact, 'correction_queued');
    expect(queued.text).toContain('registrou a correção dos seguintes dados do seu cadastro: E-mail.');
    expect(queued.text).not.toContain('Telefone');
  });

  it('"rejected" names only what Implanta refused, not what it applied in the same answer', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const contact = await contactFor(maria);
    const email = correct(desk, maria, { email: 'maria.nova@gmail.com' }, { contactId: contact.id }).corrections[0]!.uuid;
    const phone = correct(desk, maria, { phone: '(21) 98765-4321' }, { contactId: contact.id }).corrections[0]!.uuid;
    const sent = await sendBatch(desk);
    await answer(sent, [
      { id: phone, status: 'applied' },
      { id: email, status: 'rejected', message: 'E-mail já usado por outra profissional.' },
    ]);
    const rejected = await message(contact, 'rejected');
    expect(rejected.proposed).toEqual(['rejected']);
    expect(rejected.text).toContain('A Implanta não aplicou a correção dos seguintes dados do seu cadastro: E-mail.');
    expect(rejected.text).not.toContain('Telefone');
  });

  it('proposes "DIP a refazer" once Implanta applied a name in the registry while the card was being made', async () => {
    desk = openBatchDesk();
    const joana = addProfessional(desk.store, { dipStatus: 'confirmed' });
    const contact = await contactFor(joana);
    const name = correct(desk, joana, { name: 'Joana Prado de Souza' }, { contactId: contact.id, dipAcknowledged: true }).corrections[0]!.uuid;
    const sent = await sendBatch(desk);
    await answer(sent, [{ id: name, status: 'synced_registry_only', message: 'DIP já em confecção', dipStatus: 'in_manufacture' }]);
    const applied = await message(contact, 'synced');
    expect(applied.proposed).toEqual(['synced', 'dip_redo']);
    desk.handlers['contacts:messageSent']({ id: contact.id, to: 'professional', subject: 'DIP a refazer', template: 'dip_redo' });
  });
});
