// A correction that names its atendimento, and who still has to be told ("a avisar"): the link is
// saved with the correction or not at all, the proposed message follows Implanta's answer, and a
// message sent (or the atendimento resolved) takes the professional off the list.
import { afterEach, describe, expect, it } from 'vitest';
import { auditSummary } from '../../db/auditEntries';
import type { Contact, ContactSummary, Output } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';
import { EVIDENCE, REASON } from './fixtures';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

async function openContact(professional: Professional, summary = 'Não consegue entrar na plataforma: e-mail antigo.'): Promise<Contact> {
  return await desk.handlers['contacts:add']({ professionalId: professional.id, cpf: null, name: null, channel: 'email', case: 'D', summary, notes: null, attachments: [] });
}


function refusalOf(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('accepted');
}

/** Maria's atendimento and the e-mail correction saved for it, sent in a lote that Implanta rejected the next day. */
async function rejectedFromContact(): Promise<{ maria: Professional; contact: Contact }> {
  desk = openBatchDesk();
  const maria = addProfessional(desk.store);
  const contact = await openContact(maria);
  const saved = correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: contact.id });
  const { batch, sha256 } = await sendBatch(desk);
  desk.setNow('2026-03-11T10:00:00.000Z');
  const items = [{ id: saved.corrections[0]!.uuid, status: 'rejected', message: 'E-mail já usado por outra profissional.' }];
  await importAck(desk, writeAck(desk, 'ack.json', { schemaVersion: 1, batch: batch.uuid, number: batch.number, packageSha256: sha256, items }));
  return { maria, contact };
}

function get(id: number): Contact {
  return desk.handlers['contacts:get']({ id }) as Contact;
}

function toNotifyCount(): number {
  return (desk.handlers['contacts:counts']({}) as Output<'contacts:counts'>).toNotify;
}

function toNotifyList(): Promise<Output<'contacts:list'>> | Output<'contacts:list'> {
  return desk.handlers['contacts:list']({ toNotify: true, page: 0, pageSize: 25 });
}

function count(table: string): number {
  return desk.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('a correction that names its atendimento', () => {
  it('is linked to it when saved, and the atendimento shows the correction on its timeline', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const contact = await openContact(maria);
    const saved = correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: contact.id });
    const opened = get(contact.id);
    expect(opened.corrections).toEqual([expect.objectContaining({ uuid: saved.corrections[0]!.uuid, field: 'email', status: 'pending' })]);
    expect(opened.events.map((e) => e.label)).toContain('Correção vinculada: E-mail');
    const audit = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'correction.save'").get() as { detail: string };
    expect(auditSummary('correction.save', JSON.parse(audit.detail))).toBe(`Correção: E-mail (atendimento ${contact.protocol})`);
  });

  it("refuses an atendimento of another professional, and saves nothing", async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const joana = addProfessional(desk.store);
    const hers = await openContact(joana);
    const refused = refusalOf(() => correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: hers.id }));
    expect(refused).toMatchObject({ code: 'CONTACT_STATE' });
    expect(refused.message).toBe(`O atendimento ${hers.protocol} é de outro cadastro: escolha um atendimento desta/e profissional.`);
    expect(count('corrections')).toBe(0);
    expect(count('contact_corrections')).toBe(0);
    expect((desk.handlers['registry:get']({ id: maria.id }) as { professional: Professional }).professional.email).toBe(maria.email);
  });

  it('refuses an atendimento not located yet that was opened with another person’s CPF, keeping what that person told', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const stranger = await desk.handlers['contacts:add']({ professionalId: null, cpf: '987.654.321-00', name: 'Pedro Estranho', channel: 'phone', case: 'A', summary: 'Não lembra a senha.', notes: null, attachments: [] });
    const refused = refusalOf(() => correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: stranger.id }));
    expect(refused).toMatchObject({ code: 'CONTACT_STATE' });
    expect(refused.message).toContain(`O atendimento ${stranger.protocol} ainda não foi localizado e foi aberto com o CPF 987.654.321-00 (Pedro Estranho), que não é o de ${maria.name}`);
    expect(count('corrections')).toBe(0);
    expect(get(stranger.id).person).toEqual({ professionalId: null, registrationNumber: null, name: 'Pedro Estranho', cpf: '98765432100' });
    // Linked from the atendimento, the same.
    const saved = correct(desk, maria, { email: 'maria.nova@exemplo.com.br' });
    expect(refusalOf(() => desk.handlers['contacts:linkCorrection']({ id: stranger.id, correctionUuid: saved.corrections[0]!.uuid }))).toMatchObject({ code: 'CONTACT_STATE' });
    expect(get(stranger.id).person.professionalId).toBeNull();
  });

  it('takes an atendimento not located yet that was opened with her CPF, and locates it', async () => {
    desk = openBatchDesk();
    // Opened before her record was loaded: told her CPF, not found then.
    const told = await desk.handlers['contacts:add']({ professionalId: null, cpf: '111.444.777-35', name: 'Maria', channel: 'phone', case: 'A', summary: 'Não lembra a senha.', notes: null, attachments: [] });
    const maria = addProfessional(desk.store, { cpf: '11144477735' });
    correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: told.id });
    expect(get(told.id).person.professionalId).toBe(maria.id);
  });

  it('refuses a resolved atendimento, saying so', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const contact = await openContact(maria);
    desk.handlers['contacts:close']({ id: contact.id, resolution: 'Orientada por telefone.' });
    const refused = refusalOf(() => correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: contact.id }));
    expect(refused.message).toMatch(new RegExp(`^O atendimento ${contact.protocol} já foi resolvido`));
    expect(count('corrections')).toBe(0);
  });

  it('leaves no link when the save itself fails', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const contact = await openContact(maria);
    // Another window saved first: the row version no longer matches, so nothing may be written.
    correct(desk, maria, { phone: '(11) 98765-4321' });
    const stale = { professionalId: maria.id, expectedRowVersion: maria.rowVersion, changes: { email: 'maria.nova@exemplo.com.br' }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false, contactId: contact.id };
    expect(refusalOf(() => desk.handlers['corrections:save'](stale))).toMatchObject({ code: 'VERSION_CONFLICT' });
    // The last write of the save (its audit entry) fails after the link was made: the link goes with it.
    desk.store.db.exec("CREATE TEMP TRIGGER full_disk BEFORE INSERT ON audit_log WHEN NEW.action = 'correction.save' BEGIN SELECT RAISE(ABORT, 'disco cheio'); END");
    expect(refusalOf(() => correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: contact.id })).message).toContain('disco cheio');
    desk.store.db.exec('DROP TRIGGER full_disk');
    expect(count('contact_corrections')).toBe(0);
    expect(get(contact.id).events.map((e) => e.kind)).toEqual(['created', 'located']);
    expect(count('corrections')).toBe(1);
  });
});

describe('who still has to be told', () => {
  it('lists the atendimento after the save, proposes "dados corrigidos" after the acknowledgement, and drops it once the message is sent', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const quiet = addProfessional(desk.store);
    const contact = await openContact(maria);
    await openContact(quiet, 'Só uma dúvida sobre a anuidade.');
    expect((await toNotifyList()).total).toBe(0);

    const saved = correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: contact.id });
    expect(get(contact.id).toNotify).toBe('correction_queued');
    expect((await toNotifyList()).items.map((c: ContactSummary) => [c.protocol, c.toNotify])).toEqual([[contact.protocol, 'correction_queued']]);
    expect(toNotifyCount()).toBe(1);

    desk.setNow('2026-03-10T14:00:00.000Z');
    desk.handlers['contacts:messageSent']({ id: contact.id, to: 'professional', subject: 'Correção registrada', template: 'correction_queued' });
    expect(get(contact.id).toNotify).toBeNull();
    expect((await toNotifyList()).total).toBe(0);

    desk.setNow('2026-03-10T15:00:00.000Z');
    const { batch, sha256 } = await sendBatch(desk);
    expect(get(contact.id).events.map((e) => e.label)).toEqual(expect.arrayContaining([`Correção no lote ${batch.number}: E-mail`, `Lote ${batch.number} enviado à Implanta`]));
    expect(get(contact.id).toNotify).toBeNull();

    desk.setNow('2026-03-11T10:00:00.000Z');
    const uuid = saved.corrections[0]!.uuid;
    await importAck(desk, writeAck(desk, 'ack.json', { schemaVersion: 1, batch: batch.uuid, number: batch.number, packageSha256: sha256, items: [{ id: uuid, status: 'applied' }] }));
    const answered = get(contact.id);
    expect(answered.toNotify).toBe('synced');
    expect(answered.events.at(-1)).toMatchObject({ label: 'Implanta aplicou a correção: E-mail', operator: 'Implanta', at: '2026-03-11T10:00:00.000Z' });
    expect(toNotifyCount()).toBe(1);

    // The old "correção registrada" message does not tell that the data is now corrected.
    desk.handlers['contacts:messageSent']({ id: contact.id, to: 'implanta', subject: 'Pergunta à Implanta' });
    expect(get(contact.id).toNotify).toBe('synced');
    desk.handlers['contacts:messageSent']({ id: contact.id, to: 'professional', subject: 'Dados corrigidos', template: 'synced' });
    expect(get(contact.id).toNotify).toBeNull();
    const told = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'contact.message' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(auditSummary('contact.message', JSON.parse(told.detail))).toBe(`Atendimento ${contact.protocol}: mensagem enviada à/ao profissional (Dados corrigidos na plataforma)`);
    expect(toNotifyCount()).toBe(0);
  });

  it('proposes the rejection with Implanta\'s reason on the timeline', async () => {
    const { contact } = await rejectedFromContact();
    const answered = get(contact.id);
    expect(answered.toNotify).toBe('rejected');
    expect(answered.events.at(-1)).toMatchObject({ label: 'Implanta recusou a correção: E-mail', text: 'E-mail já usado por outra profissional.' });
  });

  it('after a rejection corrected again from the atendimento, proposes the new correction\'s news, not the old rejection', async () => {
    const { maria, contact } = await rejectedFromContact();
    desk.handlers['contacts:messageSent']({ id: contact.id, to: 'professional', subject: 'Correção recusada', template: 'rejected' });
    expect(get(contact.id).toNotify).toBeNull();
    desk.setNow('2026-03-12T10:00:00.000Z');
    correct(desk, maria, { email: 'maria.outra@exemplo.com.br' }, { contactId: contact.id });
    expect(get(contact.id).toNotify).toBe('correction_queued');
  });

  it('never lists a resolved atendimento, nor one whose corrections were all cancelled', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const joana = addProfessional(desk.store);
    const resolved = await openContact(maria);
    correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: resolved.id });
    desk.handlers['contacts:close']({ id: resolved.id, resolution: 'Avisada pessoalmente no balcão.' });
    const withdrawn = await openContact(joana);
    const saved = correct(desk, joana, { email: 'joana.nova@exemplo.com.br' }, { contactId: withdrawn.id });
    expect((await toNotifyList()).items.map((c: ContactSummary) => c.protocol)).toEqual([withdrawn.protocol]);
    desk.handlers['corrections:cancel']({ uuid: saved.corrections[0]!.uuid, reason: 'Lançada no cadastro errado.' });
    expect((await toNotifyList()).total).toBe(0);
    expect(get(resolved.id).toNotify).toBeNull();
    expect(toNotifyCount()).toBe(0);
  });
});

describe('recording a message to the professional as sent', () => {
  it('refuses a template whose news did not happen, naming it and saying why, and leaves the professional "a avisar"', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store);
    const contact = await openContact(maria);
    correct(desk, maria, { email: 'maria.nova@exemplo.com.br' }, { contactId: contact.id });
    const events = get(contact.id).events.length;

    const refused = refusalOf(() => desk.handlers['contacts:messageSent']({ id: contact.id, to: 'professional', subject: 'Dados corrigidos', template: 'synced' }));
    expect(refused.code).toBe('CONTACT_STATE');
    expect(refused.message).toContain('“Dados corrigidos na plataforma”');
    expect(refused.message).toContain('a Implanta aplicou');
    expect(refused.message).toContain('Correção registrada: aguardar a sincronização');
    expect(refusalOf(() => desk.handlers['contacts:messageSent']({ id: contact.id, to: 'professional', subject: 'Mãe', template: 'first_access_changed' })).message).toContain('nome da mãe');
    expect(get(contact.id).events).toHaveLength(events);
    expect(get(contact.id).toNotify).toBe('correction_queued');
  });

  it('refuses every template for an atendimento that led to no correction, and still records a free message', async () => {
    desk = openBatchDesk();
    const contact = await openContact(addProfessional(desk.store));
    expect(refusalOf(() => desk.handlers['contacts:messageSent']({ id: contact.id, to: 'professional', subject: 'Correção', template: 'correction_queued' })).message).toContain(
      'nenhuma correção',
    );
    desk.handlers['contacts:messageSent']({ id: contact.id, to: 'professional', subject: 'Aguarde 24 horas e tente de novo' });
    expect(get(contact.id).events.at(-1)).toMatchObject({ kind: 'message_sent' });
  });
});
