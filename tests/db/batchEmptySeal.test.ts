// A lote under review can lose every item — each taken out, each correction cancelled, or dropped
// by a conflict with the main system. Sealed, exported and sent, such a lote could never be
// answered (there is nothing in it to answer) and would stay sent and overdue for good: sealing it
// is refused, and the message says to cancel it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
});
afterEach(() => desk.cleanup());

const picture = () =>
  storePicture(desk, {
    batches: 'SELECT * FROM batches ORDER BY id',
    sealed: 'SELECT * FROM batch_professionals',
    audit: 'SELECT count(*) AS n FROM audit_log',
  });

describe('a lote left with no item', () => {
  it('after its only correction was taken out, is not sealed; cancelled, its number stays used', async () => {
    const p = addProfessional(desk.store, { name: 'Marta Lima' });
    const uuid = correct(desk, p, { email: 'marta.lima@exemplo.com.br' }).corrections[0]!.uuid;
    const batch = await desk.handlers['batches:create']({});
    await desk.handlers['batches:removeItem']({ batch: batch.id, uuid });

    const before = picture();
    await expect(async () => desk.handlers['batches:seal']({ id: batch.id })).rejects.toMatchObject({
      code: 'BATCH_EMPTY',
      message: expect.stringMatching(new RegExp(`^O lote ${batch.number} ficou vazio.*cancele-o`)),
    });
    expect(picture()).toEqual(before);
    // A new lote waits for this one, and the message says only cancelling makes room.
    correct(desk, p, { email: 'marta.lima2@exemplo.com.br' });
    await expect(async () => desk.handlers['batches:create']({})).rejects.toMatchObject({
      code: 'BATCH_OPEN_EXISTS',
      message: `O lote ${batch.number} ainda está em revisão, mas ficou vazio: cancele-o antes de gerar outro.`,
    });
    expect(await desk.handlers['batches:cancel']({ id: batch.id })).toMatchObject({ state: 'cancelled' });
    expect((await desk.handlers['batches:create']({})).number).not.toBe(batch.number);
  });

  it('after its only correction was cancelled, is not sealed either', async () => {
    const p = addProfessional(desk.store, { name: 'Rita Souza' });
    const uuid = correct(desk, p, { email: 'rita.souza@exemplo.com.br' }).corrections[0]!.uuid;
    const batch = await desk.handlers['batches:create']({});
    await desk.handlers['corrections:cancel']({ uuid, reason: 'Digitado no cadastro errado' });
    await expect(async () => desk.handlers['batches:seal']({ id: batch.id })).rejects.toMatchObject({ code: 'BATCH_EMPTY' });
  });

  it('with a CEP change left in it, is sealed as ever', async () => {
    desk.handlers['cep:save']({ cep: '13010-000', street: 'Rua Barão de Jaguara', district: 'Centro', city: 'Campinas', uf: 'SP', reason: 'CEP novo informado' });
    const batch = await desk.handlers['batches:create']({});
    expect(await desk.handlers['batches:seal']({ id: batch.id })).toMatchObject({ state: 'sealed', counts: { cepChanges: 1 } });
  });
});

describe('a lote sealed empty by an earlier version of the desk, and sent', () => {
  it('is not overdue: there is nothing in it to wait for', async () => {
    const p = addProfessional(desk.store, { name: 'Lia Prado' });
    const uuid = correct(desk, p, { email: 'lia.prado@exemplo.com.br' }).corrections[0]!.uuid;
    const batch = await desk.handlers['batches:create']({});
    await desk.handlers['batches:removeItem']({ batch: batch.id, uuid });
    // As the desk sealed it before an empty lote was refused.
    desk.store.db.prepare("UPDATE batches SET state = 'sent', sealed_at = ?, sent_at = ?, overdue_hours = 1 WHERE id = ?").run('2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', batch.id);
    expect((await desk.handlers['batches:get']({ id: batch.id })).batch).toMatchObject({ state: 'sent', overdue: false, counts: { unanswered: 0 } });
    expect((await desk.handlers['batches:dashboard']({ days: 30 })).overdue).toEqual([]);
  });

  it('is closed by Implanta\'s answer with no item: answered, it leaves the lotes waiting for an answer', async () => {
    const p = addProfessional(desk.store, { name: 'Lia Prado' });
    const uuid = correct(desk, p, { email: 'lia.prado@exemplo.com.br' }).corrections[0]!.uuid;
    const batch = await desk.handlers['batches:create']({});
    await desk.handlers['batches:removeItem']({ batch: batch.id, uuid });
    const sha = 'a'.repeat(64);
    desk.store.db
      .prepare("UPDATE batches SET state = 'sent', sealed_at = ?, exported_at = ?, sent_at = ?, package_sha256 = ? WHERE id = ?")
      .run('2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', sha, batch.id);
    const uuidOf = (desk.store.db.prepare('SELECT uuid FROM batches WHERE id = ?').get(batch.id) as { uuid: string }).uuid;
    const answer = writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: uuidOf, number: batch.number, packageSha256: sha, items: [] });
    const result = await importAck(desk, answer);
    expect(result).toMatchObject({ applied: 0, rejected: 0, unanswered: 0, batch: { state: 'acknowledged' } });
    const audit = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'batch.acknowledge'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ number: batch.number, applied: 0, unanswered: 0 });
  });

  it('an answer with no item for a lote that has items is refused, and changes nothing', async () => {
    const p = addProfessional(desk.store, { name: 'Ana Reis' });
    correct(desk, p, { email: 'ana.reis@exemplo.com.br' });
    const { batch, sha256 } = await sendBatch(desk);
    const uuidOf = (desk.store.db.prepare('SELECT uuid FROM batches WHERE id = ?').get(batch.id) as { uuid: string }).uuid;
    const answer = writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: uuidOf, packageSha256: sha256, items: [] });
    await expect(importAck(desk, answer)).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(new RegExp(`não responde a nenhum item.*lote ${batch.number} tem 1 item`)) });
    expect((await desk.handlers['batches:get']({ id: batch.id })).batch.state).toBe('sent');
  });

  it('a sent lote with items is still not cancelled', async () => {
    const p = addProfessional(desk.store, { name: 'Ana Reis' });
    correct(desk, p, { email: 'ana.reis@exemplo.com.br' });
    const batch = await desk.handlers['batches:create']({});
    desk.store.db.prepare("UPDATE batches SET state = 'sent', sealed_at = ?, exported_at = ?, sent_at = ? WHERE id = ?").run('2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', batch.id);
    await expect(async () => desk.handlers['batches:cancel']({ id: batch.id })).rejects.toMatchObject({ code: 'BATCH_STATE' });
  });
});
