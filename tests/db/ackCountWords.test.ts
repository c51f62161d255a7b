// An answer of Implanta for a lote of a large import names thousands of ids: when it is refused,
// its counts are written as a clerk reads them ("1.234"), not as a run of digits.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importAck, openBatchDesk, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
});
afterEach(() => desk.cleanup());

it('refuses thousands of ids of no lote here with their count and the ids not shown written with a thousands dot', async () => {
  const ids = Array.from({ length: 1_234 }, () => randomUUID());
  const csv = `id;situação\r\n${ids.map((id) => `${id};aplicada`).join('\r\n')}\r\n`;
  await expect(importAck(desk, writeAck(desk, 'resposta.csv', csv))).rejects.toMatchObject({
    code: 'ACK_UNKNOWN_IDS',
    message: expect.stringContaining(`1.234 ids do arquivo não são de nenhum lote deste computador: ${ids.slice(0, 5).map((id, i) => `${id} (linha ${i + 2})`).join(', ')} e mais 1.229. `),
  });
});
