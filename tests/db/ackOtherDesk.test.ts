// The head office and a seccional of one CRESS each send their lotes, numbered alike, and Implanta
// answers each desk. An answer reaching the other desk changes nothing, and the refusal says it may
// be the other desk's — which desk this is — before it speaks of a restored backup.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAck, openBatchDesk, queueEmailCorrections, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let seat: BatchDesk;
let campinas: BatchDesk;
let seatIds: string[];
let seatLote: Awaited<ReturnType<typeof sendBatch>>;
beforeEach(async () => {
  seat = openBatchDesk();
  campinas = openBatchDesk();
  campinas.handlers['settings:update']({ seccional: 'Campinas' });
  seatIds = queueEmailCorrections(seat, 2);
  queueEmailCorrections(campinas, 2);
  seatLote = await sendBatch(seat);
  await sendBatch(campinas);
});
afterEach(() => {
  seat.cleanup();
  campinas.cleanup();
});

const PICTURE = { corrections: 'SELECT uuid, status FROM corrections ORDER BY id', batches: 'SELECT number, state FROM batches ORDER BY id' };

describe('the head office’s answer imported at the seccional', () => {
  it('in JSON, naming a lote 2026-0001 as the seccional has one too: refused, saying this is the seccional Campinas', async () => {
    const before = storePicture(campinas, PICTURE);
    const answer = { schemaVersion: 1, batch: seatLote.batch.uuid, number: '2026-0001', packageSha256: seatLote.sha256, items: seatIds.map((id) => ({ id, status: 'applied' })) };
    const error = (await importAck(campinas, writeAck(campinas, 'resposta.json', answer)).catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe('ACK_UNKNOWN_BATCH');
    expect(error.message).toMatch(/o lote 2026-0001 deste computador é outro/);
    expect(error.message).toMatch(/desta mesa \(a sede e cada seccional têm lotes próprios, numerados da mesma forma; esta é a seccional Campinas\)/);
    expect(storePicture(campinas, PICTURE)).toEqual(before);
  });

  it('as a spreadsheet of ids: refused as ids of no lote here, saying the same', async () => {
    const csv = `id;situação\r\n${seatIds.map((id) => `${id};aplicada`).join('\r\n')}\r\n`;
    await expect(importAck(campinas, writeAck(campinas, 'resposta.csv', csv))).rejects.toMatchObject({
      code: 'ACK_UNKNOWN_IDS',
      message: expect.stringMatching(/esta é a seccional Campinas\) e deste CRESS; se for/),
    });
  });

  it('and the seccional’s answer at the head office says this is the head office', async () => {
    const ids = campinas.store.db.prepare('SELECT uuid FROM corrections ORDER BY id').pluck().all() as string[];
    const csv = `id;situação\r\n${ids.map((id) => `${id};aplicada`).join('\r\n')}\r\n`;
    await expect(importAck(seat, writeAck(seat, 'resposta.csv', csv))).rejects.toMatchObject({ code: 'ACK_UNKNOWN_IDS', message: expect.stringMatching(/esta é a sede\)/) });
  });
});
