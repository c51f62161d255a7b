// A DIP date in Implanta's answer that has not come yet (a year typed 2062, day and month swapped)
// is refused: taken, it would make every true status Implanta reports until that day look older
// and be left aside.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let joana: Professional;
let fix: string;
let batch: BatchSummary;
let sha: string;

beforeEach(async () => {
  desk = openBatchDesk();
  joana = addProfessional(desk.store, { name: 'Joana Dias' });
  fix = correct(desk, joana, { email: 'joana.dias@exemplo.com.br' }).corrections[0]!.uuid;
  ({ batch, sha256: sha } = await sendBatch(desk));
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

const picture = () =>
  storePicture(desk, {
    professionals: 'SELECT dip_status, dip_status_at, row_version FROM professionals',
    corrections: 'SELECT uuid, status FROM corrections',
    audit: 'SELECT count(*) AS n FROM audit_log',
  });

async function refused(path: string, message: RegExp) {
  const before = picture();
  await expect(importAck(desk, path)).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(message) });
  expect(picture()).toEqual(before);
}

describe('a DIP date that has not come yet', () => {
  it('in a spreadsheet is refused naming the line and the date, and nothing changes', () =>
    refused(writeAck(desk, 'resposta.csv', `id;situação;situação do DIP;data do DIP\r\n${fix};aplicada;Confirmado;11/03/2062\r\n`), /^A linha 2, coluna data do DIP, traz a data do DIP 11\/03\/2062, que ainda não chegou.*Nada foi alterado/));

  it('in JSON is refused naming the item, and so is an answer dated in the future', async () => {
    const json = (items: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
      writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: batch.uuid, packageSha256: sha, items, ...extra });
    await refused(json([{ id: fix, status: 'applied', dipStatus: 'confirmed', dipStatusDate: '2026-11-03' }]), /O item 1 .* 03\/11\/2026, que ainda não chegou/);
    await refused(json([{ id: fix, status: 'applied', dipStatus: 'confirmed' }], { acknowledgedAt: '2062-03-11T10:00:00Z' }), /acknowledgedAt\) é 11\/03\/2062/);
  });

  it('today and tomorrow (another clock, another time zone) are taken', async () => {
    const path = writeAck(desk, 'resposta.csv', `id;situação;situação do DIP;data do DIP\r\n${fix};aplicada;Confirmado;12/03/2026\r\n`);
    expect(await importAck(desk, path)).toMatchObject({ applied: 1, dipUpdated: 1 });
  });
});
