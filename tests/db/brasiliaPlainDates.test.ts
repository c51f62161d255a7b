// A plain date (YYYY-MM-DD) given to the desk's Brasília clock means that day in Brasília, not
// midnight in London (21:00 of the day before in Brasília); a date-time without a zone is Brasília
// time, whatever this computer's zone.
import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brasilia } from '../../db/batches/clock';
import { openBatchDesk, queueEmailCorrections, type BatchDesk } from './batchFixtures';

describe('the Brasília clock given a plain date', () => {
  it('keeps the day and the year, also on 1 January', () => {
    expect(brasilia('2027-01-01')).toMatchObject({ year: 2027, date: '2027-01-01', time: '00:00' });
    expect(brasilia('2026-03-10').date).toBe('2026-03-10');
    expect(brasilia('2026-03-10T10:00:00')).toMatchObject({ date: '2026-03-10', time: '10:00' });
    // A time that names its zone stays that instant.
    expect(brasilia('2027-01-01T02:00:00Z')).toMatchObject({ year: 2026, date: '2026-12-31', time: '23:00' });
  });
});

describe('a lote marked sent on a plain date', () => {
  let desk: BatchDesk;
  beforeEach(() => {
    desk = openBatchDesk();
  });
  afterEach(() => desk.cleanup());

  async function sealedOn(iso: string): Promise<number> {
    desk.setNow(iso);
    queueEmailCorrections(desk, 2);
    const batch = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: batch.id });
    const folder = desk.dir.file('lotes');
    mkdirSync(folder);
    await desk.job(desk.handlers['batches:export']({ id: batch.id, path: `${folder}/lote.zip`, passphrase: null, replace: false }));
    return batch.id;
  }

  it('is sent that day in Brasília: its date and the dashboard count it on the day given', async () => {
    const id = await sealedOn('2026-03-07T13:00:00.000Z');
    desk.setNow('2026-03-10T13:00:00.000Z');
    const sent = await desk.handlers['batches:markSent']({ id, sentAt: '2026-03-09' });
    expect(sent.sentAt).toBe('2026-03-09T03:00:00.000Z');
    const { timeline } = await desk.handlers['batches:dashboard']({ days: 7 });
    const on = (day: string) => ({ batched: timeline.series.batched[timeline.days.indexOf(day)], sent: timeline.series.sent[timeline.days.indexOf(day)] });
    expect(on('2026-03-08')).toEqual({ batched: 2, sent: 0 });
    expect(on('2026-03-09')).toEqual({ batched: 0, sent: 2 });
  });

  it('at a time without a zone is sent at that time in Brasília', async () => {
    const id = await sealedOn('2026-03-07T13:00:00.000Z');
    desk.setNow('2026-03-10T13:00:00.000Z');
    expect((await desk.handlers['batches:markSent']({ id, sentAt: '2026-03-09T10:00' })).sentAt).toBe('2026-03-09T13:00:00.000Z');
  });
});
