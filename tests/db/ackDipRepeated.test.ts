// An answer of Implanta imported again — the same spreadsheet twice, or an older lote's answer found
// in the e-mail after a newer one — brings no news: a DIP status it gives without a date is as old as
// the answer, so it never takes the place of a status a later answer reported.
import { beforeEach, describe, expect, it } from 'vitest';
import { correct, importAck, sendBatch, storePicture, writeAck } from './batchFixtures';
import { sentLoteForEachTest } from './ackSentLote';

// Two lotes of Joana's: the one sent first, and a second of another correction.
const lote = sentLoteForEachTest();
let second: string;

beforeEach(async () => {
  second = correct(lote.desk, lote.people[0]!, { phone: '11987654321' }).corrections[0]!.uuid;
  await sendBatch(lote.desk);
});

const desk = () => lote.desk;
const first = () => lote.fix;

const dip = () => desk().store.db.prepare('SELECT dip_status AS status, row_version AS version FROM professionals WHERE id = ?').get(lote.people[0]!.id) as { status: string; version: number };
const csv = (id: string, status: string) => writeAck(desk(), 'resposta.csv', `id;situação;situação do DIP\r\n${id};aplicada;${status}\r\n`);
const picture = () =>
  storePicture(desk(), {
    professionals: 'SELECT dip_status, dip_status_at, row_version FROM professionals',
    history: 'SELECT count(*) AS n FROM record_history',
    corrections: 'SELECT uuid, status, status_changed_at FROM corrections ORDER BY id',
  });

describe('a DIP status without a date in an answer imported again', () => {
  it('the same spreadsheet twice: the second time leaves the status a later answer reported', async () => {
    const older = csv(first(), 'Solicitado');
    desk().setNow('2026-03-11T10:00:00.000Z');
    expect(await importAck(desk(), older)).toMatchObject({ applied: 1, dipUpdated: 1 });
    desk().setNow('2026-03-12T10:00:00.000Z');
    expect(await importAck(desk(), csv(second, 'Confirmado'))).toMatchObject({ applied: 1, dipUpdated: 1 });
    expect(dip().status).toBe('confirmed');

    desk().setNow('2026-03-13T10:00:00.000Z');
    const before = picture();
    expect(await importAck(desk(), older)).toMatchObject({ applied: 0, unchanged: 1, dipUpdated: 0, dipStale: 1 });
    expect(dip().status).toBe('confirmed');
    expect(picture()).toEqual(before);
  });

  it('a first answer still dates an undated status by its import, and a new status of a later answer is taken', async () => {
    desk().setNow('2026-03-11T10:00:00.000Z');
    await importAck(desk(), csv(first(), 'Solicitado'));
    desk().setNow('2026-03-12T10:00:00.000Z');
    await importAck(desk(), csv(second, 'Em confecção'));
    expect(dip().status).toBe('in_manufacture');
  });
});
