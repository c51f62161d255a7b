// One model of a record: the desk's values are what Implanta (or the main system) holds plus the
// corrections still on their way. The mother fact is one item; an unrelated fix is never blocked by
// a missing mother; a correction can be cancelled before it leaves; a rejection gives Implanta's
// value back and stays open until corrected again or dismissed; the history has every change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchSummary, RecordView } from '../../shared/contract';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
});
afterEach(() => desk.cleanup());

const view = (id: number) => desk.handlers['registry:get']({ id }) as RecordView;
const overview = () => desk.handlers['registry:overview']({}) as { withPendencies: number; rejections: { total: number; corrections: number } };

const sendAll = () => sendBatch(desk);

async function answer(sent: { batch: BatchSummary; sha256: string }, items: { id: string; status: string; message?: string }[]) {
  return importAck(desk, writeAck(desk, 'confirmacao.json', { schemaVersion: 1, batch: sent.batch.uuid, number: sent.batch.number, packageSha256: sent.sha256, items }));
}

describe('nothing unrelated is blocked by a missing mother (case D does not wait on case F)', () => {
  it('saves an e-mail fix on a record with neither mother nor flag, and keeps the missing mother as a pendência', () => {
    const p = addProfessional(desk.store, { motherName: null, motherNotListed: false });
    expect(view(p.id).pendencies).toEqual([expect.objectContaining({ code: 'MOTHER_MISSING', field: 'motherName', source: 'rule' })]);
    expect(overview().withPendencies).toBe(1);

    const saved = correct(desk, p, { email: 'nova@exemplo.com.br' });
    expect(saved.corrections.map((c) => c.field)).toEqual(['email']);
    const after = view(p.id);
    expect(after.professional.email).toBe('nova@exemplo.com.br');
    expect(after.pendencies.map((d) => d.code)).toEqual(['MOTHER_MISSING']);
  });

  it('clears the pendência once the mother fact is given, and finds the record under "Com pendências" until then', () => {
    const p = addProfessional(desk.store, { motherName: null, motherNotListed: false, name: 'Joana Pendente Souza' });
    addProfessional(desk.store, { name: 'Joana Completa Souza' });
    const flagged = desk.handlers['registry:search']({ text: 'joana', withPendencies: true, page: 0, pageSize: 25 }) as { total: number; items: { id: number; pendencies: number }[] };
    expect(flagged.items.map((i) => i.id)).toEqual([p.id]);
    expect(flagged.items[0]!.pendencies).toBe(1);

    correct(desk, p, { motherNotListed: true }, { dipAcknowledged: true });
    expect(view(p.id).pendencies).toEqual([]);
    expect(overview().withPendencies).toBe(0);
  });
});

describe('one fact, one item', () => {
  it('queues "Não consta mãe" on a record that had a name as one `mother` correction holding both columns', () => {
    const p = addProfessional(desk.store, { motherName: 'Antônia da Silva' });
    const saved = correct(desk, p, { motherNotListed: true });
    expect(saved.corrections).toHaveLength(1);
    const row = desk.store.db.prepare('SELECT field, old_value, new_value FROM corrections').get();
    expect(row).toEqual({
      field: 'mother',
      old_value: JSON.stringify({ motherName: 'Antônia da Silva', motherNotListed: false }),
      new_value: JSON.stringify({ motherName: null, motherNotListed: true }),
    });
  });
});

describe('undo before it leaves', () => {
  it('cancels a pending correction: the record goes back, the item is cancelled, audited and in the history', () => {
    const p = addProfessional(desk.store, { email: 'antigo@exemplo.com.br' });
    const uuid = correct(desk, p, { email: 'novo@exemplo.com.br' }).corrections[0]!.uuid;
    const result = desk.handlers['corrections:cancel']({ uuid, reason: 'Digitado no cadastro errado' }) as { reverted: boolean };
    expect(result.reverted).toBe(true);
    const after = view(p.id);
    expect(after.professional.email).toBe('antigo@exemplo.com.br');
    expect(after.corrections[0]).toMatchObject({ uuid, status: 'cancelled', statusMessage: 'Digitado no cadastro errado' });
    expect(after.history[0]).toMatchObject({ kind: 'cancelled', field: 'email', oldValue: 'novo@exemplo.com.br', newValue: 'antigo@exemplo.com.br' });
    expect(after.audit[0]?.action).toBe('correction.cancel');
    expect(() => desk.handlers['batches:create']({})).toThrow(expect.objectContaining({ code: 'BATCH_EMPTY' }));
  });

  it('cancels the mother fact as one item, giving back the name', () => {
    const p = addProfessional(desk.store, { motherName: 'Antônia da Silva' });
    const uuid = correct(desk, p, { motherNotListed: true }).corrections[0]!.uuid;
    desk.handlers['corrections:cancel']({ uuid, reason: 'A profissional trouxe outro documento' });
    expect(view(p.id).professional).toMatchObject({ motherName: 'Antônia da Silva', motherNotListed: false });
  });

  it('refuses to cancel a correction in a sealed lote, without a reason, or under a newer correction of the field', async () => {
    const p = addProfessional(desk.store);
    const first = correct(desk, p, { email: 'um@exemplo.com.br' }).corrections[0]!.uuid;
    const second = correct(desk, p, { email: 'dois@exemplo.com.br' }).corrections[0]!.uuid;
    expect(() => desk.handlers['corrections:cancel']({ uuid: first, reason: 'Engano do balcão' })).toThrow(/mais recente/);
    expect(() => desk.handlers['corrections:cancel']({ uuid: second, reason: 'não' })).toThrow(expect.objectContaining({ code: 'REASON_REQUIRED' }));
    const created = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: created.id });
    expect(() => desk.handlers['corrections:cancel']({ uuid: second, reason: 'Engano do balcão' })).toThrow(/lote 2026-0001, já lacrado/);
    expect(view(p.id).professional.email).toBe('dois@exemplo.com.br');
  });

  it('cancels a correction of a lote still under review: it leaves the lote', async () => {
    const p = addProfessional(desk.store);
    const uuid = correct(desk, p, { email: 'um@exemplo.com.br' }).corrections[0]!.uuid;
    const q = addProfessional(desk.store);
    correct(desk, q, { email: 'outro@exemplo.com.br' });
    const created = await desk.handlers['batches:create']({});
    desk.handlers['corrections:cancel']({ uuid, reason: 'Engano do balcão' });
    const row = desk.store.db.prepare('SELECT status, batch_id FROM corrections WHERE uuid = ?').get(uuid);
    expect(row).toEqual({ status: 'cancelled', batch_id: null });
    await desk.handlers['batches:seal']({ id: created.id });
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM corrections WHERE batch_id = ?').get(created.id)).toEqual({ n: 1 });
  });

  it('keeps a cancelled correction cancelled even if someone writes to the file directly', () => {
    const p = addProfessional(desk.store);
    const uuid = correct(desk, p, { email: 'um@exemplo.com.br' }).corrections[0]!.uuid;
    desk.handlers['corrections:cancel']({ uuid, reason: 'Engano do balcão' });
    expect(() => desk.store.db.prepare("UPDATE corrections SET status = 'pending' WHERE uuid = ?").run(uuid)).toThrow(/keeps its answer/);
  });
});

describe('rejections close the loop', () => {
  it('gives back the value Implanta holds, shows the message, and counts the rejection once until it is corrected again', async () => {
    const p = addProfessional(desk.store, { motherName: 'Júlia Nunes Antiga' });
    const uuid = correct(desk, p, { motherName: 'Julia Nunes Nova' }, { dipAcknowledged: true }).corrections[0]!.uuid;
    const sent = await sendAll();
    await answer(sent, [{ id: uuid, status: 'rejected', message: 'Nome da mãe diverge da Receita Federal' }]);

    const rejected = view(p.id);
    expect(rejected.professional.motherName).toBe('Júlia Nunes Antiga');
    expect(rejected.corrections[0]).toMatchObject({ status: 'rejected', statusMessage: 'Nome da mãe diverge da Receita Federal', resolvedAt: null });
    expect(rejected.history[0]).toMatchObject({ kind: 'rejected', note: 'Nome da mãe diverge da Receita Federal' });
    expect(overview().rejections.total).toBe(1);
    const queue = desk.handlers['corrections:list']({ status: 'rejected', unresolved: true, page: 0, pageSize: 25 }) as { total: number };
    expect(queue.total).toBe(1);

    // The next correction starts from Implanta's value ("Antigo"), and resolves the rejection.
    const again = correct(desk, p, { motherName: 'Júlia Nunes Corrigida' }, { dipAcknowledged: true }).corrections[0]!;
    const row = desk.store.db.prepare('SELECT old_value FROM corrections WHERE uuid = ?').get(again.uuid) as { old_value: string };
    expect(JSON.parse(row.old_value)).toEqual({ motherName: 'Júlia Nunes Antiga', motherNotListed: false });
    expect(overview().rejections.total).toBe(0);
    expect(view(p.id).corrections.find((c) => c.uuid === uuid)).toMatchObject({ resolution: 'corrected' });
  });

  it('keeps a later correction of the same field when an earlier one is rejected', async () => {
    const p = addProfessional(desk.store, { email: 'a@exemplo.com.br' });
    const uuid = correct(desk, p, { email: 'b@exemplo.com.br' }).corrections[0]!.uuid;
    const sent = await sendAll();
    correct(desk, p, { email: 'c@exemplo.com.br' });
    await answer(sent, [{ id: uuid, status: 'rejected', message: 'Caixa inexistente' }]);
    expect(view(p.id).professional.email).toBe('c@exemplo.com.br');
  });

  it('dismisses a rejection with a reason, audited, and it no longer counts', async () => {
    const p = addProfessional(desk.store);
    const uuid = correct(desk, p, { email: 'b@exemplo.com.br' }).corrections[0]!.uuid;
    await answer(await sendAll(), [{ id: uuid, status: 'rejected', message: 'Caixa inexistente' }]);
    expect(() => desk.handlers['corrections:dismissRejection']({ uuid, reason: 'x' })).toThrow(expect.objectContaining({ code: 'REASON_REQUIRED' }));
    desk.handlers['corrections:dismissRejection']({ uuid, reason: 'A profissional vai manter o e-mail antigo' });
    expect(overview().rejections.total).toBe(0);
    const after = view(p.id);
    expect(after.corrections[0]).toMatchObject({ resolution: 'dismissed', resolutionNote: 'A profissional vai manter o e-mail antigo' });
    expect(after.history[0]).toMatchObject({ kind: 'rejection_dismissed' });
    expect(() => desk.handlers['corrections:dismissRejection']({ uuid, reason: 'De novo, por engano' })).toThrow(expect.objectContaining({ code: 'CORRECTION_STATE' }));
  });
});

describe('a split answer', () => {
  it.each([
    ['gives back the value Implanta held before both when two corrections of one field are rejected in one file', { status: 'rejected', message: 'Caixa inexistente' }, 'a@exemplo.com.br', 2],
    ['keeps the applied value when the older correction is rejected and the newer one applied, which answers the rejection', { status: 'applied' }, 'c@exemplo.com.br', 0],
  ] as const)('%s', async (_name, newer, email, rejections) => {
    const p = addProfessional(desk.store, { email: 'a@exemplo.com.br' });
    const first = correct(desk, p, { email: 'b@exemplo.com.br' }).corrections[0]!.uuid;
    const second = correct(desk, p, { email: 'c@exemplo.com.br' }).corrections[0]!.uuid;
    await answer(await sendAll(), [
      { id: first, status: 'rejected', message: 'Caixa inexistente' },
      { id: second, ...newer },
    ]);
    expect(view(p.id).professional.email).toBe(email);
    expect(overview().rejections.total).toBe(rejections);
  });
});
