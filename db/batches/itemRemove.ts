// Taking one item out of a lote still under review: the correction (or CEP change) goes back to the
// queue as pending and waits for the next lote; the record keeps its value. Once the lote is sealed
// its items never move (the store's triggers refuse it too).
import type { Database } from 'better-sqlite3';
import type { BatchItemKind } from '../../shared/contract/batches';
import { AppError } from '../../shared/errors';
import { fieldLabel } from '../../shared/fields';
import { formatCep } from '../../shared/rules/cep';
import { appendAudit } from '../audit';
import { requireSettings } from '../settings';
import { statement } from '../statements';
import { stateWord } from './lifecycle';
import { batchSummary, findBatchRow, getBatchRow, type BatchRow } from './summary';
import { writeTransaction } from '../storeLock';

interface Item {
  kind: BatchItemKind;
  id: number;
  batchId: number | null;
  field: string;
  /** How the clerk reads it: "a correção de E-mail de Maria da Silva (registro 1042)". */
  words: string;
  registrationNumber: string | null;
}

function findItem(db: Database, uuid: string): Item | null {
  const c = statement<{ id: number; batch_id: number | null; field: string; name: string; registration_number: string }>(
    db,
    'SELECT c.id, c.batch_id, c.field, p.name, p.registration_number FROM corrections c JOIN professionals p ON p.id = c.professional_id WHERE c.uuid = ?',
  ).get(uuid);
  if (c) {
    return {
      kind: 'correction',
      id: c.id,
      batchId: c.batch_id,
      field: c.field,
      words: `a correção de ${fieldLabel(c.field)} de ${c.name} (registro ${c.registration_number})`,
      registrationNumber: c.registration_number,
    };
  }
  const x = statement<{ id: number; batch_id: number | null; cep: string }>(db, 'SELECT id, batch_id, cep FROM cep_changes WHERE uuid = ?').get(uuid);
  return x ? { kind: 'cep', id: x.id, batchId: x.batch_id, field: 'cep', words: `a alteração do CEP ${formatCep(x.cep)}`, registrationNumber: null } : null;
}

function requireBatch(db: Database, key: number | string, region: number): BatchRow {
  const row = typeof key === 'number' ? getBatchRow(db, key) : findBatchRow(db, key, region);
  if (!row) throw new AppError('BATCH_NOT_FOUND', `Nenhum lote ${key} nesta mesa.`);
  return row;
}

export function removeBatchItem(db: Database, input: { batch: number | string; uuid: string }, now: Date) {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const batch = requireBatch(db, input.batch, settings.region);
    const uuid = input.uuid.trim().toLowerCase();
    const item = findItem(db, uuid);
    if (!item || item.batchId !== batch.id) {
      throw new AppError(
        'BATCH_ITEM_NOT_FOUND',
        item ? `${capitalise(item.words)} não está no lote ${batch.number}: confira o lote e o item.` : `Nenhuma correção ou alteração de CEP com o id ${uuid} no lote ${batch.number}.`,
      );
    }
    if (batch.state !== 'open') {
      throw new AppError(
        'BATCH_STATE',
        `Não é possível retirar ${item.words} do lote ${batch.number}: o lote está ${stateWord(batch.state)}, e só se retiram itens de um lote em revisão.`,
        { details: { state: batch.state } },
      );
    }
    const iso = now.toISOString();
    if (item.kind === 'correction') {
      statement(db, "UPDATE corrections SET batch_id = NULL, status = 'pending', status_changed_at = ? WHERE id = ?").run(iso, item.id);
    } else {
      statement(db, "UPDATE cep_changes SET batch_id = NULL, status = 'pending' WHERE id = ?").run(item.id);
    }
    appendAudit(db, {
      at: iso,
      operator: settings.operator,
      action: 'batch.remove_item',
      entity: 'batch',
      entityId: String(batch.id),
      detail: { number: batch.number, kind: item.kind, uuid, field: item.field, registrationNumber: item.registrationNumber },
    });
    return { batch: batchSummary(db, batch.id, now), kind: item.kind, uuid, field: item.field };
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
