// What a lote asks Implanta to do with the DIP request follows the DIP as it stands when the lote
// is sealed, not as it stood when the clerk saved the correction: an answer of an earlier lote may
// say meanwhile that the professional confirmed the request (Implanta must correct it too, or the
// card is made with the old data) or that the card went to manufacture (a new card is needed).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, exportPackage, importAck, openBatchDesk, packageLines, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let joana: Professional;
beforeEach(() => {
  desk = openBatchDesk();
  joana = addProfessional(desk.store, { name: 'Joana Dias', email: 'joana@exemplo.com.br', dipStatus: 'none' });
});
afterEach(() => desk.cleanup());

/** Lote 1 (an e-mail correction) is sent; returns how to answer it with a DIP status. */
async function earlierLote(): Promise<(dipStatus: string) => Promise<unknown>> {
  const email = correct(desk, joana, { email: 'joana.dias@exemplo.com.br' }).corrections[0]!.uuid;
  const { batch, sha256 } = await sendBatch(desk);
  return (dipStatus) =>
    importAck(desk, writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: batch.uuid, packageSha256: sha256, items: [{ id: email, status: 'applied', dipStatus }] }));
}

/** Seals the open lote (or a new one of everything pending) and reads its package. */
async function sealAndRead(id?: number) {
  const batchId = id ?? (await desk.handlers['batches:create']({})).id;
  const sealed = await desk.handlers['batches:seal']({ id: batchId });
  const exported = await exportPackage(desk, batchId, `pacote-${sealed.number}`);
  const stem = `CRESS09-lote-${sealed.number}`;
  return { sealed, corrections: packageLines(exported.path, stem, 'corrections.jsonl'), dip: packageLines(exported.path, stem, 'dip-requests.jsonl') };
}

describe('the DIP action of a lote', () => {
  it('asks Implanta to correct the DIP request confirmed after the correction was saved', async () => {
    const answer = await earlierLote();
    correct(desk, joana, { name: 'Joana Dias Moura' });
    await answer('confirmed');
    const { sealed, corrections, dip } = await sealAndRead();
    expect(corrections).toEqual([expect.objectContaining({ field: 'name', dipAction: 'correct_dip_request' })]);
    expect(dip).toEqual([expect.objectContaining({ registrationNumber: joana.registrationNumber, changes: [expect.objectContaining({ field: 'name' })] })]);
    expect(sealed.counts).toMatchObject({ dipRequests: 1 });
  });

  it('also when the DIP was confirmed while the lote was under review', async () => {
    const answer = await earlierLote();
    correct(desk, joana, { name: 'Joana Dias Moura' });
    const open = await desk.handlers['batches:create']({});
    await answer('confirmed');
    const { corrections } = await sealAndRead(open.id);
    expect(corrections).toEqual([expect.objectContaining({ field: 'name', dipAction: 'correct_dip_request' })]);
  });

  it('says a new card is needed when the card went to manufacture before sealing', async () => {
    desk.store.db.prepare("UPDATE professionals SET dip_status = 'confirmed' WHERE id = ?").run(joana.id);
    const answer = await earlierLote();
    correct(desk, joana, { name: 'Joana Dias Moura' }, { dipAcknowledged: true });
    await answer('in_manufacture');
    const { corrections, dip } = await sealAndRead();
    expect(corrections).toEqual([expect.objectContaining({ field: 'name', dipAction: 'new_card_required' })]);
    expect(dip).toEqual([]);
  });

  it('leaves a correction that is no identification data as it was', async () => {
    const answer = await earlierLote();
    correct(desk, joana, { phone: '(11) 98765-4321' });
    await answer('confirmed');
    const { corrections } = await sealAndRead();
    expect(corrections).toEqual([expect.objectContaining({ field: 'phone', dipAction: 'none' })]);
  });
});
