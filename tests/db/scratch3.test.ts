import { afterEach, describe, it } from 'vitest';
import { correct, importAck, sendBatch, writeAck, type BatchDesk } from './batchFixtures';
import { openMariaDesk, mariaOn, CORRECTED, MAIN_SYSTEM } from './mariaLoads';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

describe('scratch', () => {
  it('cancel after rejection', async () => {
    desk = openMariaDesk();
    const first = correct(desk, mariaOn(desk), { email: CORRECTED }).corrections[0]!.uuid;
    const lote = await sendBatch(desk);
    const second = correct(desk, mariaOn(desk), { email: MAIN_SYSTEM }).corrections[0]!.uuid;
    await importAck(desk, writeAck(desk, 'r.json', { schemaVersion: 1, batch: lote.batch.uuid, packageSha256: lote.sha256, items: [{ id: first, status: 'rejected', message: 'não' }] }));
    console.log('AFTER REJECT', mariaOn(desk).email);
    const r = desk.handlers['corrections:cancel']({ uuid: second, reason: 'Engano ao digitar' } as never);
    console.log('CANCEL', JSON.stringify(r).slice(0, 300));
    console.log('AFTER CANCEL', mariaOn(desk).email);
  });
});
