// Taking one item out of a lote under review: it is pending again and goes into the next lote;
// a sealed lote keeps every item, and an item of another lote is not taken out of this one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProfessional, correct, openBatchDesk, queueEmailCorrections, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
});
afterEach(() => desk.cleanup());

function row(table: 'corrections' | 'cep_changes', uuid: string) {
  return desk.store.db.prepare(`SELECT status, batch_id FROM ${table} WHERE uuid = ?`).get(uuid);
}

describe('removing an item from an open batch', () => {
  it('puts a correction back in the queue, audited, and it joins the next batch', async () => {
    const p = addProfessional(desk.store, { name: 'Marta Lima' });
    const uuid = correct(desk, p, { email: 'marta.lima@exemplo.com.br' }).corrections[0]!.uuid;
    const others = queueEmailCorrections(desk, 2);
    const batch = await desk.handlers['batches:create']({});

    const removed = await desk.handlers['batches:removeItem']({ batch: batch.id, uuid });
    expect(removed).toMatchObject({ kind: 'correction', uuid, field: 'email', batch: { counts: { corrections: 2, statuses: { batched: 2 } } } });
    expect(row('corrections', uuid)).toEqual({ status: 'pending', batch_id: null });
    expect(row('corrections', others[0]!)).toEqual({ status: 'batched', batch_id: batch.id });
    // The record keeps the corrected value: only the item left the batch.
    expect((desk.handlers['registry:get']({ id: p.id }) as { professional: { email: string } }).professional.email).toBe('marta.lima@exemplo.com.br');
    expect(await desk.handlers['batches:pending']({})).toMatchObject({ corrections: 1, openBatch: { id: batch.id } });
    const audit = desk.store.db.prepare("SELECT entity_id, detail FROM audit_log WHERE action = 'batch.remove_item'").get() as { entity_id: string; detail: string };
    expect(audit.entity_id).toBe(String(batch.id));
    expect(JSON.parse(audit.detail)).toEqual({ number: batch.number, kind: 'correction', uuid, field: 'email', registrationNumber: p.registrationNumber });

    await desk.handlers['batches:seal']({ id: batch.id });
    const next = await desk.handlers['batches:create']({});
    expect(row('corrections', uuid)).toEqual({ status: 'batched', batch_id: next.id });
  });

  it('takes a CEP change out too, finding the batch by its number', async () => {
    queueEmailCorrections(desk, 1);
    desk.handlers['cep:save']({ cep: '13010-000', street: 'Rua Barão de Jaguara', district: 'Centro', city: 'Campinas', uf: 'SP', reason: 'CEP novo informado' });
    const cep = (desk.store.db.prepare('SELECT uuid FROM cep_changes').get() as { uuid: string }).uuid;
    const batch = await desk.handlers['batches:create']({});
    const removed = await desk.handlers['batches:removeItem']({ batch: batch.number, uuid: cep.toUpperCase() });
    expect(removed).toMatchObject({ kind: 'cep', uuid: cep, batch: { counts: { cepChanges: 0 } } });
    expect(row('cep_changes', cep)).toEqual({ status: 'pending', batch_id: null });
  });

  it('refuses a sealed batch, an item of another batch and an unknown id, changing nothing', async () => {
    const p = addProfessional(desk.store, { name: 'Marta Lima', registrationNumber: '61234' });
    const first = correct(desk, p, { email: 'marta.lima@exemplo.com.br' }).corrections[0]!.uuid;
    const sealed = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: sealed.id });
    const later = queueEmailCorrections(desk, 1)[0]!;
    const open = await desk.handlers['batches:create']({});
    const audits = () => desk.store.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    const before = audits();

    await expect(async () => desk.handlers['batches:removeItem']({ batch: sealed.id, uuid: first })).rejects.toMatchObject({
      code: 'BATCH_STATE',
      message: `Não é possível retirar a correção de E-mail de Marta Lima (registro 61234) do lote ${sealed.number}: o lote está lacrado, e só se retiram itens de um lote em revisão.`,
    });
    await expect(async () => desk.handlers['batches:removeItem']({ batch: open.id, uuid: first })).rejects.toMatchObject({
      code: 'BATCH_ITEM_NOT_FOUND',
      message: `A correção de E-mail de Marta Lima (registro 61234) não está no lote ${open.number}: confira o lote e o item.`,
    });
    await expect(async () => desk.handlers['batches:removeItem']({ batch: open.id, uuid: '11111111-2222-4333-8444-555555555555' })).rejects.toMatchObject({
      code: 'BATCH_ITEM_NOT_FOUND',
    });
    await expect(async () => desk.handlers['batches:removeItem']({ batch: '2026-0099', uuid: later })).rejects.toMatchObject({ code: 'BATCH_NOT_FOUND' });
    expect(row('corrections', first)).toEqual({ status: 'batched', batch_id: sealed.id });
    expect(row('corrections', later)).toEqual({ status: 'batched', batch_id: open.id });
    expect(audits()).toEqual(before);
  });
});
