// An address corrected in one save travels as one item per field, and Implanta answers each on its
// own. When it applies some and rejects others, the record holds half the new address and half the
// old one: the answer's result names the record and the fields, and the record's history says the
// address is mixed, for the clerk to check it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

const MIXED_NOTE = 'Endereço misturado: a Implanta aplicou o CEP e o bairro e recusou o logradouro — confira o endereço.';

let desk: BatchDesk;
let maria: Professional;
beforeEach(() => {
  desk = openBatchDesk();
  maria = addProfessional(desk.store, { name: 'Maria Souza', cep: '01310100', street: 'Avenida Paulista', district: 'Bela Vista', city: 'São Paulo', uf: 'SP' });
});
afterEach(() => desk.cleanup());

interface Sent {
  uuids: Record<string, string>;
  batch: BatchSummary;
  sha256: string;
}

/** Maria's CEP, street and district corrected in one save, and sent. */
async function sendAddress(): Promise<Sent> {
  const saved = correct(desk, maria, { cep: '05641700', street: 'Rua Nova', district: 'Vila Nova' }, { dipAcknowledged: true });
  const uuids = Object.fromEntries(saved.corrections.map((c) => [c.field, c.uuid]));
  const { batch, sha256 } = await sendBatch(desk);
  return { uuids, batch, sha256 };
}

function answer(sent: Sent, items: { field: string; status: 'applied' | 'rejected' }[]) {
  const file = writeAck(desk, 'resposta.json', {
    schemaVersion: 1,
    batch: sent.batch.uuid,
    packageSha256: sent.sha256,
    items: items.map((i) => ({ id: sent.uuids[i.field], status: i.status, ...(i.status === 'rejected' ? { message: 'Logradouro não confere com o CEP.' } : {}) })),
  });
  return importAck(desk, file);
}

const notes = () =>
  (desk.store.db.prepare('SELECT note FROM record_history WHERE professional_id = ? AND kind IN (?, ?) ORDER BY id').all(maria.id, 'synced', 'rejected') as { note: string | null }[]).map(
    (r) => r.note ?? '',
  );

describe('an address saved together that Implanta applies in part', () => {
  it('names the record and the fields applied and rejected in the answer’s result, and notes the mixed address on the record', async () => {
    const sent = await sendAddress();
    const result = await answer(sent, [
      { field: 'cep', status: 'applied' },
      { field: 'street', status: 'rejected' },
      { field: 'district', status: 'applied' },
    ]);
    expect(result.mixedAddresses).toEqual([
      { registrationNumber: maria.registrationNumber, name: 'Maria Souza', applied: ['CEP', 'Bairro'], rejected: ['Logradouro'], message: MIXED_NOTE },
    ]);
    const record = desk.store.db.prepare('SELECT cep, street, district FROM professionals WHERE id = ?').get(maria.id);
    expect(record).toEqual({ cep: '05641700', street: 'Avenida Paulista', district: 'Vila Nova' });
    expect(notes().filter((n) => n.includes(MIXED_NOTE))).toHaveLength(1);
    expect(notes().find((n) => n.includes(MIXED_NOTE))).toContain('Logradouro não confere com o CEP.');
  });

  it('says so when the rejection came in an earlier answer and the rest is applied now', async () => {
    const sent = await sendAddress();
    expect((await answer(sent, [{ field: 'street', status: 'rejected' }])).mixedAddresses).toEqual([]);
    const result = await answer(sent, [
      { field: 'cep', status: 'applied' },
      { field: 'district', status: 'applied' },
    ]);
    expect(result.mixedAddresses).toEqual([expect.objectContaining({ applied: ['CEP', 'Bairro'], rejected: ['Logradouro'] })]);
    expect(notes().filter((n) => n.includes(MIXED_NOTE)).length).toBeGreaterThan(0);
  });

  it('says nothing when Implanta applies the whole address, or answers the same file again', async () => {
    const sent = await sendAddress();
    const all = ['cep', 'street', 'district'].map((field) => ({ field, status: 'applied' as const }));
    expect((await answer(sent, all)).mixedAddresses).toEqual([]);
    expect((await answer(sent, all)).mixedAddresses).toEqual([]);
  });
});
