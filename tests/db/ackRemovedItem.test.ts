// An answer naming a correction the clerk took out of its lote before sealing it: the correction is
// back in the queue, and the refusal names that among the reasons, changing nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAck, openBatchDesk, queueEmailCorrections, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
});
afterEach(() => desk.cleanup());

describe('an answer for a correction taken out of its lote', () => {
  it('is refused naming the removal among the reasons', async () => {
    const [removed] = queueEmailCorrections(desk, 2);
    const lote = await desk.handlers['batches:create']({});
    await desk.handlers['batches:removeItem']({ batch: lote.id, uuid: removed! });
    await desk.handlers['batches:seal']({ id: lote.id });
    await expect(importAck(desk, writeAck(desk, 'resposta.csv', `id;situação\n${removed};aplicada\n`))).rejects.toMatchObject({
      code: 'ACK_NOT_SENT',
      message: expect.stringMatching(/\(o lote foi cancelado, ou a correção foi retirada dele antes de lacrá-lo, e ela voltou para a fila;/),
    });
    expect(desk.store.db.prepare('SELECT status, batch_id FROM corrections WHERE uuid = ?').get(removed)).toEqual({ status: 'pending', batch_id: null });
  });
});
