// Dates of an answer that cannot be. A DIP date that has not come yet (a year typed 2062, day and
// month swapped) is refused: taken, it would make every true status Implanta reports until that day
// look older and be left aside. Implanta cannot have answered (acknowledgedAt) before the lote was
// sealed: no package existed yet. A DIP date may come before the lote (since when the DIP stands
// so: a card already in manufacture is why Implanta answers "DIP não corrigido"), but not before
// the floor of the DIP's dates: 01/01/1900 is a system's empty date.
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

const json = (items: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: batch.uuid, packageSha256: sha, items, ...extra });

describe('a DIP date that has not come yet', () => {
  it('in a spreadsheet is refused naming the line and the date, and nothing changes', () =>
    refused(writeAck(desk, 'resposta.csv', `id;situação;situação do DIP;data do DIP\r\n${fix};aplicada;Confirmado;11/03/2062\r\n`), /^A linha 2, coluna data do DIP, traz a data do DIP 11\/03\/2062, que ainda não chegou.*Nada foi alterado/));

  it('in JSON is refused naming the item, and so is an answer dated in the future', async () => {
    await refused(json([{ id: fix, status: 'applied', dipStatus: 'confirmed', dipStatusDate: '2026-11-03' }]), /O item 1 .* 03\/11\/2026, que ainda não chegou/);
    await refused(json([{ id: fix, status: 'applied', dipStatus: 'confirmed' }], { acknowledgedAt: '2062-03-11T10:00:00Z' }), /acknowledgedAt\) é 11\/03\/2062/);
  });

  it('today and tomorrow (another clock, another time zone) are taken', async () => {
    const path = writeAck(desk, 'resposta.csv', `id;situação;situação do DIP;data do DIP\r\n${fix};aplicada;Confirmado;12/03/2026\r\n`);
    expect(await importAck(desk, path)).toMatchObject({ applied: 1, dipUpdated: 1 });
  });
});

describe('an answer dated before the lote was sealed', () => {
  it('is refused naming the date and the sealing, and nothing changes', async () => {
    expect(batch.sealedAt?.slice(0, 10)).toBe('2026-03-10');
    await refused(
      json([{ id: fix, status: 'applied', dipStatus: 'confirmed' }], { acknowledgedAt: '2020-01-01T10:00:00Z' }),
      /^A data da confirmação \(acknowledgedAt\) é 01\/01\/2020, anterior ao envio do lote 2026-0001, lacrado em 10\/03\/2026: .*Nada foi alterado/,
    );
    await refused(json([{ id: fix, status: 'applied' }], { acknowledgedAt: '2026-03-09T23:59:00-03:00' }), /é 09\/03\/2026, anterior ao envio do lote/);
  });

  it('the day of the sealing itself is taken', async () => {
    expect(await importAck(desk, json([{ id: fix, status: 'applied' }], { acknowledgedAt: '2026-03-10T08:00:00-03:00' }))).toMatchObject({ applied: 1 });
  });
});

describe('a DIP date before any DIP date', () => {
  it('01/01/1900 in a spreadsheet is refused naming the line and the date', () =>
    refused(
      writeAck(desk, 'resposta.csv', `id;situação;situação do DIP;data do DIP\r\n${fix};aplicada;Confirmado;01/01/1900\r\n`),
      /^A linha 2, coluna data do DIP, traz a data do DIP 01\/01\/1900, anterior a 01\/01\/2000: .*Nada foi alterado/,
    ));

  it('in JSON is refused naming the item', () =>
    refused(json([{ id: fix, status: 'applied', dipStatus: 'issued', dipStatusDate: '1900-01-01' }]), /^O item 1 \(.+\) traz a data do DIP 01\/01\/1900, anterior a 01\/01\/2000/));

  it('a DIP date before the lote (the card already in manufacture) is taken', async () => {
    const path = writeAck(desk, 'resposta.csv', `id;situação;situação do DIP;data do DIP\r\n${fix};aplicada no cadastro, DIP não corrigido;Em confecção;09/03/2026\r\n`);
    expect(await importAck(desk, path)).toMatchObject({ applied: 1, registryOnly: 1, dipUpdated: 1 });
  });
});
