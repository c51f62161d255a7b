// A batch's life through the handlers: created from what is pending, reviewed, sealed for good or
// cancelled, exported, sent, overdue; numbered per region and year.
import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditSummary } from '../../db/auditEntries';
import { verifyAudit } from '../../db/auditReplay';
import type { BatchSummary, ExportResult } from '../../shared/contract';
import { addProfessional, correct, openBatchDesk, queueEmailCorrections, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;

beforeEach(() => {
  desk = openBatchDesk();
});
afterEach(() => desk.cleanup());

function statusOf(uuid: string): { status: string; batch_id: number | null } {
  return desk.store.db.prepare('SELECT status, batch_id FROM corrections WHERE uuid = ?').get(uuid) as { status: string; batch_id: number | null };
}

function saveCep(cep = '01310-100', city = 'São Paulo') {
  return desk.handlers['cep:save']({ cep, street: 'Avenida Paulista', district: 'Bela Vista', city, uf: 'SP', reason: 'CEP informado pela profissional' });
}

async function exportBatch(id: number): Promise<ExportResult> {
  const folder = desk.dir.file(`out-${Math.random().toString(36).slice(2)}`);
  mkdirSync(folder);
  return desk.job<ExportResult>(desk.handlers['batches:export']({ id, path: `${folder}/lote.zip`, passphrase: null, replace: false }));
}

async function sentBatch(): Promise<BatchSummary> {
  const batch = await desk.handlers['batches:create']({});
  await desk.handlers['batches:seal']({ id: batch.id });
  await exportBatch(batch.id);
  return desk.handlers['batches:markSent']({ id: batch.id });
}

describe('creating a batch', () => {
  it('takes every pending correction and CEP change, numbered 2026-0001', async () => {
    const uuids = queueEmailCorrections(desk, 3);
    saveCep();
    expect(await desk.handlers['batches:pending']({})).toMatchObject({ corrections: 3, cepChanges: 1, byField: [{ field: 'email', count: 3 }], openBatch: null });

    const batch = await desk.handlers['batches:create']({});
    expect(batch).toMatchObject({ number: '2026-0001', region: 9, state: 'open', operator: 'Ana Paula', fileName: 'CRESS09-lote-2026-0001.zip' });
    expect(batch.counts).toMatchObject({ corrections: 3, cepChanges: 1, statuses: { batched: 4, pending: 0 } });
    for (const uuid of uuids) expect(statusOf(uuid)).toEqual({ status: 'batched', batch_id: batch.id });
    expect(await desk.handlers['batches:pending']({})).toMatchObject({ corrections: 0, cepChanges: 0, openBatch: { id: batch.id, number: '2026-0001' } });
    const audit = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'batch.create'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ number: '2026-0001', corrections: 3, cepChanges: 1 });
    expect(auditSummary('batch.create', JSON.parse(audit.detail))).toBe('Lote 2026-0001 gerado: 3 correções, 1 CEP');
  });

  it('refuses an empty batch and a second one while one is being reviewed', async () => {
    await expect(async () => desk.handlers['batches:create']({})).rejects.toMatchObject({ code: 'BATCH_EMPTY' });
    queueEmailCorrections(desk, 1);
    await desk.handlers['batches:create']({});
    queueEmailCorrections(desk, 1);
    await expect(async () => desk.handlers['batches:create']({})).rejects.toMatchObject({ code: 'BATCH_OPEN_EXISTS', message: /2026-0001/ });
  });

  it('numbers per region and year, never reusing a cancelled number', async () => {
    queueEmailCorrections(desk, 1);
    const first = await desk.handlers['batches:create']({});
    await desk.handlers['batches:cancel']({ id: first.id });
    const second = await desk.handlers['batches:create']({});
    expect(second.number).toBe('2026-0002');
    await desk.handlers['batches:seal']({ id: second.id });

    // Another region's batches in the same file (a restored backup of another CRESS) do not count.
    desk.store.db
      .prepare("INSERT INTO batches (uuid, region, year, seq, number, state, operator, created_at) VALUES ('x-7', 7, 2026, 41, '2026-0041', 'cancelled', 'Rio', '2026-03-01T00:00:00.000Z')")
      .run();
    queueEmailCorrections(desk, 1);
    const third = await desk.handlers['batches:create']({});
    expect(third.number).toBe('2026-0003');
    await desk.handlers['batches:seal']({ id: third.id });

    // 31/12 21:30 in Brasília is already 2027 in UTC: the year is Brasília's.
    desk.setNow('2027-01-01T00:30:00.000Z');
    queueEmailCorrections(desk, 1);
    expect((await desk.handlers['batches:create']({})).number).toBe('2026-0004');
    desk.setNow('2027-01-01T03:30:00.000Z');
    const list = await desk.handlers['batches:list']({ page: 0, pageSize: 25 });
    const open = list.items.find((b) => b.state === 'open')!;
    await desk.handlers['batches:seal']({ id: open.id });
    queueEmailCorrections(desk, 1);
    expect((await desk.handlers['batches:create']({})).number).toBe('2027-0001');
  });
});

describe('reviewing and sealing', () => {
  it('groups the batch by kind and field with counts, DIP requests apart', async () => {
    queueEmailCorrections(desk, 2);
    const confirmed = addProfessional(desk.store, { dipStatus: 'confirmed' });
    correct(desk, confirmed, { motherName: 'Antônia Maria da Silva', maritalStatus: 'married' }, { dipAcknowledged: true });
    saveCep();
    const batch = await desk.handlers['batches:create']({});
    const { groups } = await desk.handlers['batches:get']({ id: batch.id });
    expect(groups).toEqual([
      { kind: 'correction', field: 'email', count: 2, statuses: expect.objectContaining({ batched: 2 }) },
      { kind: 'correction', field: 'maritalStatus', count: 1, statuses: expect.objectContaining({ batched: 1 }) },
      { kind: 'correction', field: 'mother', count: 1, statuses: expect.objectContaining({ batched: 1 }) },
      { kind: 'cep', field: null, count: 1, statuses: expect.objectContaining({ batched: 1 }) },
      { kind: 'dip', field: null, count: 1, statuses: expect.objectContaining({ batched: 1 }) },
    ]);
    expect(batch.counts.dipRequests).toBe(1);
    const items = await desk.handlers['batches:items']({ id: batch.id, page: 0, pageSize: 25 });
    expect(items.total).toBe(5);
    expect(items.items[0]).toMatchObject({ kind: 'correction', field: 'email', status: 'batched', cpfMasked: expect.stringMatching(/^\*\*\*\.\d{3}\.\d{3}-\*\*$/) });
    expect(items.items[4]).toMatchObject({ kind: 'cep', cep: '01310100', professionalName: null });
    const onlyCep = await desk.handlers['batches:items']({ id: batch.id, kind: 'cep', page: 0, pageSize: 25 });
    expect(onlyCep.total).toBe(1);
  });

  it('a sealed batch never changes: later corrections wait, and the store refuses tampering', async () => {
    const [uuid] = queueEmailCorrections(desk, 1);
    const batch = await desk.handlers['batches:create']({});
    const sealed = await desk.handlers['batches:seal']({ id: batch.id });
    expect(sealed).toMatchObject({ state: 'sealed', sealedAt: desk.now().toISOString() });
    await expect(async () => desk.handlers['batches:seal']({ id: batch.id })).rejects.toMatchObject({ code: 'BATCH_STATE' });
    await expect(async () => desk.handlers['batches:cancel']({ id: batch.id })).rejects.toMatchObject({ code: 'BATCH_STATE', message: /lacrado/ });

    const later = queueEmailCorrections(desk, 1);
    expect(statusOf(later[0]!)).toEqual({ status: 'pending', batch_id: null });
    expect((await desk.handlers['batches:get']({ id: batch.id })).batch.counts.corrections).toBe(1);

    const db = desk.store.db;
    expect(() => db.prepare('UPDATE corrections SET batch_id = NULL WHERE uuid = ?').run(uuid)).toThrow(/sealed batch never changes/);
    expect(() => db.prepare('UPDATE corrections SET batch_id = ? WHERE uuid = ?').run(batch.id, later[0])).toThrow(/sealed batch never changes/);
    expect(() => db.prepare("UPDATE corrections SET new_value = 'x@y.com' WHERE uuid = ?").run(uuid)).toThrow(/never edited/);
    expect(() => db.prepare('DELETE FROM corrections WHERE uuid = ?').run(uuid)).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE batch_professionals SET name = 'Outra'").run()).toThrow(/never changes/);
    expect(() => db.prepare("UPDATE batches SET number = '2026-0099' WHERE id = ?").run(batch.id)).toThrow(/never changes/);
    expect(() => db.prepare("UPDATE batches SET state = 'open' WHERE id = ?").run(batch.id)).toThrow(/never changes/);
    expect(() => db.prepare('DELETE FROM batches WHERE id = ?').run(batch.id)).toThrow(/never deleted/);
  });

  it('generating and cancelling a lote leave every correction sealed as it now stands, and the store still refuses an edit behind its back', async () => {
    const uuids = queueEmailCorrections(desk, 5);
    const db = desk.store.db;
    const first = await desk.handlers['batches:create']({});
    expect(verifyAudit(db)).toMatchObject({ ok: true, rowProblems: 0 });
    await desk.handlers['batches:cancel']({ id: first.id });
    expect(verifyAudit(db)).toMatchObject({ ok: true, rowProblems: 0 });
    const second = await desk.handlers['batches:create']({});
    expect(verifyAudit(db)).toMatchObject({ ok: true, rowProblems: 0 });

    // The row-seal queue's trigger is back, and a status changed outside the desk is seen.
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name = 'corrections_unsealed_update'").pluck().get()).toBe('corrections_unsealed_update');
    db.prepare("UPDATE corrections SET status = 'pending', batch_id = NULL WHERE uuid = ?").run(uuids[0]);
    const found = verifyAudit(db);
    expect(found).toMatchObject({ ok: false, rowProblems: 1 });
    expect(statusOf(uuids[1]!)).toEqual({ status: 'batched', batch_id: second.id });
  });

  it('cancelling an open batch gives its items back to the queue', async () => {
    const uuids = queueEmailCorrections(desk, 2);
    saveCep();
    const batch = await desk.handlers['batches:create']({});
    const cancelled = await desk.handlers['batches:cancel']({ id: batch.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelledAt: desk.now().toISOString(), counts: { corrections: 0, cepChanges: 0 } });
    for (const uuid of uuids) expect(statusOf(uuid)).toEqual({ status: 'pending', batch_id: null });
    expect(await desk.handlers['batches:pending']({})).toMatchObject({ corrections: 2, cepChanges: 1, openBatch: null });
    await expect(async () => desk.handlers['batches:seal']({ id: batch.id })).rejects.toMatchObject({ code: 'BATCH_STATE' });
  });
});

describe('sending', () => {
  it('is marked only after export; items become sent; overdue after the configured hours', async () => {
    const [uuid] = queueEmailCorrections(desk, 1);
    const batch = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: batch.id });
    await expect(async () => desk.handlers['batches:markSent']({ id: batch.id })).rejects.toMatchObject({ code: 'BATCH_STATE', message: /exportado/ });
    const exported = await exportBatch(batch.id);
    expect(exported.batch.state).toBe('exported');

    await expect(async () => desk.handlers['batches:markSent']({ id: batch.id, sentAt: '2026-03-11T13:00:00.000Z' })).rejects.toMatchObject({ code: 'DATE_INVALID' });
    await expect(async () => desk.handlers['batches:markSent']({ id: batch.id, sentAt: '2026-03-10T12:00:00.000Z' })).rejects.toMatchObject({ code: 'DATE_INVALID', message: /anterior ao fechamento/ });
    desk.setNow('2026-03-10T15:00:00.000Z');
    const sent = await desk.handlers['batches:markSent']({ id: batch.id, sentAt: '2026-03-10T14:00:00.000Z', overdueHours: 24 });
    expect(sent).toMatchObject({ state: 'sent', sentAt: '2026-03-10T14:00:00.000Z', dueAt: '2026-03-11T14:00:00.000Z', overdue: false, counts: { unanswered: 1 } });
    expect(statusOf(uuid!)).toMatchObject({ status: 'sent' });

    desk.setNow('2026-03-11T13:59:00.000Z');
    expect((await desk.handlers['batches:find']({ key: '2026-0001' }))?.overdue).toBe(false);
    desk.setNow('2026-03-11T14:01:00.000Z');
    expect((await desk.handlers['batches:find']({ key: '2026-0001' }))?.overdue).toBe(true);
    const dashboard = await desk.handlers['batches:dashboard']({ days: 30 });
    expect(dashboard.overdue.map((b) => b.number)).toEqual(['2026-0001']);
    expect(dashboard.awaiting).toBe(1);
  });

  it('accepts the minute of sealing as the time sent (the form gives minutes), never earlier than the sealing', async () => {
    queueEmailCorrections(desk, 1);
    desk.setNow('2026-03-10T13:00:40.000Z');
    const batch = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: batch.id });
    await exportBatch(batch.id);
    await expect(async () => desk.handlers['batches:markSent']({ id: batch.id, sentAt: '2026-03-10T12:59:00.000Z' })).rejects.toMatchObject({ code: 'DATE_INVALID' });
    const sent = await desk.handlers['batches:markSent']({ id: batch.id, sentAt: '2026-03-10T13:00:00.000Z' });
    expect(sent.sentAt).toBe('2026-03-10T13:00:40.000Z');
  });

  it('a longer answer time keeps a batch on time', async () => {
    queueEmailCorrections(desk, 1);
    const batch = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: batch.id });
    await exportBatch(batch.id);
    await desk.handlers['batches:markSent']({ id: batch.id, overdueHours: 72 });
    desk.setNow('2026-03-12T13:00:00.000Z');
    expect((await desk.handlers['batches:get']({ id: batch.id })).batch.overdue).toBe(false);
    desk.setNow('2026-03-13T13:00:01.000Z');
    expect((await desk.handlers['batches:get']({ id: batch.id })).batch.overdue).toBe(true);
  });

  it('corrections that reached Implanta are never edited: a new correction of the field waits for the next batch', async () => {
    const p = addProfessional(desk.store);
    const first = correct(desk, p, { email: 'primeira@exemplo.com.br' }).corrections[0]!.uuid;
    const batch = await sentBatch();
    const second = correct(desk, p, { email: 'segunda@exemplo.com.br' }).corrections[0]!.uuid;
    expect(statusOf(first)).toMatchObject({ status: 'sent', batch_id: batch.id });
    expect(statusOf(second)).toEqual({ status: 'pending', batch_id: null });
    const next = await desk.handlers['batches:create']({});
    expect(next.counts.corrections).toBe(1);
    expect(statusOf(first)).toMatchObject({ status: 'sent', batch_id: batch.id });
    expect(() => desk.store.db.prepare("UPDATE corrections SET status = 'pending' WHERE uuid = ?").run(first)).toThrow(/keeps its answer/);
  });

  it('finds a batch by number, file name, External-Identifier or id', async () => {
    queueEmailCorrections(desk, 1);
    const batch = await desk.handlers['batches:create']({});
    for (const key of ['2026-0001', 'CRESS09-lote-2026-0001.zip', batch.uuid, String(batch.id)]) {
      expect((await desk.handlers['batches:find']({ key }))?.id).toBe(batch.id);
    }
    expect(await desk.handlers['batches:find']({ key: '2026-0002' })).toBeNull();
  });
});

describe('the DIP e-mail draft', () => {
  it('names each professional with full CPF, what changed and the batch', async () => {
    const confirmed = addProfessional(desk.store, { dipStatus: 'confirmed', name: 'Joana Dias', cpf: '52998224725' });
    correct(desk, confirmed, { motherName: 'Antônia Maria da Silva', maritalStatus: 'married' }, { dipAcknowledged: true });
    queueEmailCorrections(desk, 1);
    const batch = await desk.handlers['batches:create']({});
    const email = await desk.handlers['batches:dipEmail']({ id: batch.id });
    expect(email.count).toBe(1);
    expect(email.subject).toBe('Correção de solicitação de DIP — CRESS 9ª Região (SP) — lote 2026-0001');
    expect(email.body).toContain('1. Joana Dias — CPF 529.982.247-25');
    expect(email.body).toContain('Mãe (nome ou “Não consta mãe”): “Antônia da Silva” → “Antônia Maria da Silva”');
    expect(email.body).toContain('Estado civil: “Solteiro(a)” → “Casado(a)”');
    expect(email.body).toContain(batch.uuid);
    expect(email.body).not.toContain('nova.caixa');
    expect(email.mailto).toMatch(/^mailto:\?subject=/);
    expect(decodeURIComponent(email.mailto!.split('&body=')[1]!)).toBe(email.body);
  });

  it('has nothing to draft when no correction touches a confirmed DIP', async () => {
    queueEmailCorrections(desk, 1);
    const batch = await desk.handlers['batches:create']({});
    expect(await desk.handlers['batches:dipEmail']({ id: batch.id })).toMatchObject({ count: 0, mailto: null });
  });
});

describe('the dashboard timeline', () => {
  it('counts corrections per status at the end of each day', async () => {
    desk.setNow('2026-03-01T13:00:00.000Z');
    queueEmailCorrections(desk, 3);
    desk.setNow('2026-03-03T13:00:00.000Z');
    const batch = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: batch.id });
    await exportBatch(batch.id);
    desk.setNow('2026-03-04T13:00:00.000Z');
    await desk.handlers['batches:markSent']({ id: batch.id });
    desk.setNow('2026-03-06T13:00:00.000Z');
    queueEmailCorrections(desk, 2);

    const { timeline } = await desk.handlers['batches:dashboard']({ days: 7 });
    expect(timeline.days).toEqual(['2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    expect(timeline.series.pending).toEqual([0, 3, 3, 0, 0, 0, 2]);
    expect(timeline.series.batched).toEqual([0, 0, 0, 3, 0, 0, 0]);
    expect(timeline.series.sent).toEqual([0, 0, 0, 0, 3, 3, 3]);
  });
});
