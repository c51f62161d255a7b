// Dates of an answer that cannot be. A DIP date that has not come yet (a year typed 2062, day and
// month swapped) is refused: taken, it would make every true status Implanta reports until that day
// look older and be left aside. Implanta cannot have answered (acknowledgedAt) before the lote was
// sealed: no package existed yet. A DIP date may come before the lote (since when the DIP stands
// so: a card already in manufacture is why Implanta answers "DIP não corrigido"), but not before
// the floor of the DIP's dates: 01/01/1900 is a system's empty date. A JSON item is named by its
// record, as every other refusal of an item names it.
import { describe, expect, it } from 'vitest';
import { formatCpf } from '../../shared/rules/cpf';
import { importAck, writeAck } from './batchFixtures';
import { jsonAnswer, refusedAnswer, sentLoteForEachTest } from './ackSentLote';

const lote = sentLoteForEachTest();

const refused = (path: string, message: RegExp) => refusedAnswer(lote, path, message);
const json = (items: Record<string, unknown>[], extra: Record<string, unknown> = {}) => jsonAnswer(lote, items, extra);
const csv = (row: string) => writeAck(lote.desk, 'resposta.csv', `id;situação;situação do DIP;data do DIP\r\n${lote.fix};${row}\r\n`);
const cpf = () => formatCpf(lote.people[0]!.cpf);

describe('a DIP date that has not come yet', () => {
  it('in a spreadsheet is refused naming the line and the date, and nothing changes', () =>
    refused(csv('aplicada;Confirmado;11/03/2062'), /^A linha 2, coluna data do DIP, traz a data do DIP 11\/03\/2062, que ainda não chegou.*Nada foi alterado/));

  it('in JSON is refused naming the item by its CPF, and so is an answer dated in the future', async () => {
    const message = await refused(json([{ id: lote.fix, status: 'applied', dipStatus: 'confirmed', dipStatusDate: '2026-11-03' }]), /^Item 1 da resposta \(CPF .+\) traz a data do DIP 03\/11\/2026, que ainda não chegou/);
    expect(message).toContain(`(CPF ${cpf()})`);
    expect(message).not.toContain(lote.fix);
    await refused(json([{ id: lote.fix, status: 'applied', dipStatus: 'confirmed' }], { acknowledgedAt: '2062-03-11T10:00:00Z' }), /acknowledgedAt\) é 11\/03\/2062/);
  });

  it('today and tomorrow (another clock, another time zone) are taken', async () => {
    expect(await importAck(lote.desk, csv('aplicada;Confirmado;12/03/2026'))).toMatchObject({ applied: 1, dipUpdated: 1 });
  });
});

describe('an answer dated before the lote was sealed', () => {
  it('is refused naming the date and the sealing, and nothing changes', async () => {
    expect(lote.batch.sealedAt?.slice(0, 10)).toBe('2026-03-10');
    await refused(
      json([{ id: lote.fix, status: 'applied', dipStatus: 'confirmed' }], { acknowledgedAt: '2020-01-01T10:00:00Z' }),
      /^A data da confirmação \(acknowledgedAt\) é 01\/01\/2020, anterior ao envio do lote 2026-0001, lacrado em 10\/03\/2026: .*Nada foi alterado/,
    );
    await refused(json([{ id: lote.fix, status: 'applied' }], { acknowledgedAt: '2026-03-09T23:59:00-03:00' }), /é 09\/03\/2026, anterior ao envio do lote/);
  });

  it('the day of the sealing itself is taken', async () => {
    expect(await importAck(lote.desk, json([{ id: lote.fix, status: 'applied' }], { acknowledgedAt: '2026-03-10T08:00:00-03:00' }))).toMatchObject({ applied: 1 });
  });
});

describe('a DIP date before any DIP date', () => {
  it('01/01/1900 in a spreadsheet is refused naming the line and the date', () =>
    refused(csv('aplicada;Confirmado;01/01/1900'), /^A linha 2, coluna data do DIP, traz a data do DIP 01\/01\/1900, anterior a 01\/01\/2000: .*Nada foi alterado/));

  it('in JSON is refused naming the item by its CPF', async () => {
    const message = await refused(json([{ id: lote.fix, status: 'applied', dipStatus: 'issued', dipStatusDate: '1900-01-01' }]), /^Item 1 da resposta \(CPF .+\) traz a data do DIP 01\/01\/1900, anterior a 01\/01\/2000/);
    expect(message).toContain(`(CPF ${cpf()})`);
  });

  it('a DIP date before the lote (the card already in manufacture) is taken', async () => {
    expect(await importAck(lote.desk, csv('aplicada no cadastro, DIP não corrigido;Em confecção;09/03/2026'))).toMatchObject({ applied: 1, registryOnly: 1, dipUpdated: 1 });
  });
});
