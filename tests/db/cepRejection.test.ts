// Implanta may reject a change of the council's CEP directory. Like a rejected correction, it counts
// as to fix (Início, Lotes) until it is dealt with: a new change of that CEP, saved on the CEPs screen
// or imported, answers it (an import undone gives it back), or the clerk dismisses it with a reason.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditSummary } from '../../db/auditEntries';
import { undoImport } from '../../db/imports/undo';
import { unresolvedRejectionCounts } from '../../db/rejections';
import type { BatchSummary } from '../../shared/contract';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';
import { importAck, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let batch: BatchSummary;
let rejected: string;

const CAMPINAS = { cep: '13010-000', street: 'Rua Barão de Jaguara', district: 'Centro', city: 'Campinas', uf: 'SP' };

beforeEach(async () => {
  desk = openBatchDesk();
  desk.handlers['cep:save']({ ...CAMPINAS, reason: 'CEP novo informado' });
  rejected = (desk.store.db.prepare('SELECT uuid FROM cep_changes').get() as { uuid: string }).uuid;
  ({ batch } = await sendBatch(desk));
  await importAck(desk, writeAck(desk, 'resposta.csv', `id;situação;mensagem\r\n${rejected};rejeitada;Logradouro não confere com os Correios\r\n`));
  expect(unresolvedRejectionCounts(desk.store.db)).toMatchObject({ cepChanges: 1, total: 1 });
});
afterEach(() => desk.cleanup());

const toFix = async () => ({
  desk: unresolvedRejectionCounts(desk.store.db).cepChanges,
  lote: (await desk.handlers['batches:get']({ id: batch.id })).batch.counts.unresolvedRejections,
});
const REFUSED_AGAIN =
  'A Implanta já recusou estes mesmos dados do CEP 13010-000 no lote 2026-0001: “Logradouro não confere com os Correios”. O CEP vai de novo para a Implanta: confira antes se o motivo da recusa foi resolvido.';
const resolution = () => desk.store.db.prepare('SELECT resolution, resolution_note AS note FROM cep_changes WHERE uuid = ?').get(rejected);

describe('a CEP change Implanta rejected', () => {
  it('is dismissed with a reason, audited, and no longer counts', async () => {
    expect(desk.handlers['corrections:dismissRejection']({ uuid: rejected, reason: 'A Implanta vai corrigir a base de CEPs dela.' })).toEqual({
      uuid: rejected,
      field: 'cep',
      label: 'CEP 13010-000',
    });
    expect(await toFix()).toEqual({ desk: 0, lote: 0 });
    expect(resolution()).toEqual({ resolution: 'dismissed', note: 'A Implanta vai corrigir a base de CEPs dela.' });
    const audit = desk.store.db.prepare("SELECT entity, entity_id, detail FROM audit_log WHERE action = 'cep.dismiss_rejection'").get() as { entity: string; entity_id: string; detail: string };
    expect(audit).toMatchObject({ entity: 'cep', entity_id: '13010000' });
    expect(auditSummary('cep.dismiss_rejection', JSON.parse(audit.detail))).toBe('Rejeição dispensada: CEP 13010-000');
    expect(() => desk.handlers['corrections:dismissRejection']({ uuid: rejected, reason: 'De novo, por engano.' })).toThrow(/já foi tratada/);
  });

  it('is answered by the CEP saved again with other data, which goes in the next lote', async () => {
    desk.handlers['cep:save']({ ...CAMPINAS, street: 'R. Barão de Jaguara', reason: 'Conferido nos Correios' });
    const newer = (desk.store.db.prepare('SELECT uuid FROM cep_changes ORDER BY id DESC').get() as { uuid: string }).uuid;
    expect(await toFix()).toEqual({ desk: 0, lote: 0 });
    expect(resolution()).toEqual({ resolution: 'corrected', note: newer });
  });

  it('is answered by a CEP import that changes it, and open again when that import is undone', async () => {
    const path = desk.dir.file('ceps.csv');
    writeFileSync(path, 'CEP;Logradouro;Bairro;Município;UF;Motivo\r\n13010-000;R. Barão de Jaguara;Centro;Campinas;SP;Conferido nos Correios\r\n');
    const summary = runImport(importInput(path, { kind: 'cep' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ accepted: 1 });
    expect(await toFix()).toEqual({ desk: 0, lote: 0 });
    undoImport({ id: summary.importId as number }, jobContext(desk.store.path));
    expect(await toFix()).toEqual({ desk: 1, lote: 1 });
    expect(resolution()).toEqual({ resolution: null, note: null });
  });

  it('is sent again by the clerk entering the same data again: a new change, in the next lote, and the save says Implanta refused it', async () => {
    const saved = desk.handlers['cep:save']({ ...CAMPINAS, reason: 'Conferido nos Correios de novo' }) as { refusedBefore: string | null };
    expect(saved.refusedBefore).toBe(REFUSED_AGAIN);
    const newer = desk.store.db.prepare("SELECT uuid, old_value AS old, new_value AS new, status FROM cep_changes WHERE uuid <> ?").get(rejected) as Record<string, string>;
    expect(newer).toMatchObject({ old: null, status: 'pending' });
    expect(JSON.parse(newer.new as string)).toMatchObject({ street: CAMPINAS.street, city: 'Campinas' });
    expect(await toFix()).toEqual({ desk: 0, lote: 0 });
    expect(resolution()).toEqual({ resolution: 'corrected', note: newer.uuid });
    const next = await sendBatch(desk);
    expect(next.batch.number).not.toBe(batch.number);
    const inLote = desk.store.db.prepare('SELECT batch_id AS lote, status FROM cep_changes WHERE uuid = ?').get(newer.uuid);
    expect(inLote).toEqual({ lote: next.batch.id, status: 'sent' });
    // Sent again, the same data once more is no change.
    expect(() => desk.handlers['cep:save']({ ...CAMPINAS, reason: 'Conferido outra vez' })).toThrow(/Nada mudou/);
  });

  it('is sent again by a CEP import of the same data', async () => {
    const path = desk.dir.file('ceps.csv');
    writeFileSync(path, `CEP;Logradouro;Bairro;Município;UF;Motivo\r\n13010-000;${CAMPINAS.street};Centro;Campinas;SP;Conferido nos Correios\r\n`);
    const summary = runImport(importInput(path, { kind: 'cep' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ accepted: 1, unchanged: 0, warned: 1 });
    // A warning on the row, not a refusal: the same data goes to Implanta again.
    expect(summary.errors).toEqual([expect.objectContaining({ row: 2, column: 'CEP', code: 'VALUE_REFUSED_BEFORE', message: REFUSED_AGAIN })]);
    expect(await toFix()).toEqual({ desk: 0, lote: 0 });
    expect(desk.store.db.prepare("SELECT count(*) AS n FROM cep_changes WHERE status = 'pending'").get()).toEqual({ n: 1 });
    // Undone, the directory keeps the data it held (the rejected data), and the rejection is to fix again.
    undoImport({ id: summary.importId as number }, jobContext(desk.store.path));
    expect(desk.store.db.prepare('SELECT street, city FROM cep_directory WHERE cep = ?').get('13010000')).toEqual({ street: CAMPINAS.street, city: 'Campinas' });
    expect(await toFix()).toEqual({ desk: 1, lote: 1 });
  });
});
