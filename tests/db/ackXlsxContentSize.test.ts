// Implanta's answer in .xlsx is parsed whole in memory by SheetJS, several times the size of its
// XML. A 45 MB answer holding 480 MB of sheet (a forged file, or a wrong one) took minutes and
// 4 GB of memory before being refused for its first row. The sheet's content is now bounded before
// it is parsed — as the file on disk was (64 MB) — and the refusal says so.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readAck } from '../../db/batches/ackRead';
import { buildXlsx } from '../fixtures/imports/zipWriter';
import { ACK_IDS, ackFileWriter } from './ackFiles';

const file = ackFileWriter('cress-ack-content-');

describe('an xlsx answer with more content than an answer holds', () => {
  it('is refused before it is parsed, in little time, saying the limit', async () => {
    // Random text compresses about 2:1 — no ratio alarm, just a sheet of 70 MB.
    const filler = randomBytes(35 * 1024 * 1024).toString('hex');
    const rows: string[][] = [['id', 'situação', 'mensagem'], [ACK_IDS[0] as string, 'aplicada', '']];
    for (let at = 0; at < filler.length; at += 60_000) rows.push([ACK_IDS[1] as string, 'rejeitada', filler.slice(at, at + 60_000)]);
    const path = file('resposta.xlsx', buildXlsx(rows, { inlineStrings: true }));
    const started = performance.now();
    const refusal = await readAck(path, 'resposta.xlsx').then(
      () => null,
      (error: unknown) => error as { code: string; message: string },
    );
    expect(refusal?.code).toBe('ACK_INVALID');
    expect(refusal?.message).toMatch(/64 MB/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('reads an ordinary answer as before', async () => {
    const path = file('resposta.xlsx', buildXlsx([['id', 'situação', 'mensagem'], [ACK_IDS[0] as string, 'rejeitada', 'CPF já cadastrado']]));
    expect((await readAck(path, 'resposta.xlsx')).answers).toEqual([expect.objectContaining({ id: ACK_IDS[0], status: 'rejected', message: 'CPF já cadastrado' })]);
  });
});
