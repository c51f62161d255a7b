// An older lote's answer imported after a newer lote's: a spreadsheet has no date, so an undated DIP
// status is dated by its import and would always look newest. When a newer lote's answer set the
// status, the older lote's undated status is left aside and counted as stale, as an answer applied
// after a newer one is for a field's value.
import { beforeEach, describe, expect, it } from 'vitest';
import { correct, importAck, sendBatch, writeAck } from './batchFixtures';
import { sentLoteForEachTest } from './ackSentLote';

// The older lote is the one sent; a newer one, of another correction of Joana's, follows it.
const lote = sentLoteForEachTest();
let newer: string;

beforeEach(async () => {
  newer = correct(lote.desk, lote.people[0]!, { phone: '11987654321' }).corrections[0]!.uuid;
  await sendBatch(lote.desk);
});

const desk = () => lote.desk;
const joana = () => lote.people[0]!;
const older = () => lote.fix;

const dip = () => (desk().store.db.prepare('SELECT dip_status FROM professionals WHERE id = ?').get(joana().id) as { dip_status: string }).dip_status;
const dipUpdates = () => desk().store.db.prepare("SELECT count(*) AS n FROM record_history WHERE kind = 'dip_update' AND professional_id = ?").pluck().get(joana().id);
const csv = (id: string, status: string, date = '') =>
  writeAck(desk(), 'resposta.csv', `id;situação;situação do DIP;data do DIP\r\n${id};aplicada;${status};${date}\r\n`);

describe('a DIP status from an older lote’s answer imported after a newer lote’s', () => {
  it('undated: the issued card stays issued, the status is counted as stale, and a new correction still needs a new card', async () => {
    desk().setNow('2026-03-11T10:00:00.000Z');
    expect(await importAck(desk(), csv(newer, 'Emitido'))).toMatchObject({ applied: 1, dipUpdated: 1, dipStale: 0 });
    desk().setNow('2026-03-12T10:00:00.000Z');
    expect(await importAck(desk(), csv(older(), 'Confirmado'))).toMatchObject({ applied: 1, dipUpdated: 0, dipStale: 1, batch: { state: 'acknowledged' } });
    expect(dip()).toBe('issued');
    expect(dipUpdates()).toBe(1);
    const next = correct(desk(), joana(), { name: 'Joana Dias Moura' }, { dipAcknowledged: true }).corrections[0]!.uuid;
    expect(desk().store.db.prepare('SELECT dip_consequence FROM corrections WHERE uuid = ?').pluck().get(next)).toBe('new_card_required');
  });

  it('the other way round, older then newer: the newer lote’s status is taken, as before', async () => {
    desk().setNow('2026-03-11T10:00:00.000Z');
    expect(await importAck(desk(), csv(older(), 'Confirmado'))).toMatchObject({ dipUpdated: 1, dipStale: 0 });
    desk().setNow('2026-03-12T10:00:00.000Z');
    expect(await importAck(desk(), csv(newer, 'Emitido'))).toMatchObject({ dipUpdated: 1, dipStale: 0 });
    expect(dip()).toBe('issued');
  });

  it('dated by Implanta: weighed by its date, as before, whichever lote it answers', async () => {
    desk().setNow('2026-03-11T10:00:00.000Z');
    await importAck(desk(), csv(newer, 'Solicitado'));
    desk().setNow('2026-03-12T10:00:00.000Z');
    expect(await importAck(desk(), csv(older(), 'Confirmado', '12/03/2026'))).toMatchObject({ dipUpdated: 1, dipStale: 0 });
    expect(dip()).toBe('confirmed');
  });
});
