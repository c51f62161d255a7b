// An answer of Implanta for a lote this computer no longer knows: a backup older than the lote was
// restored, so its corrections are back in the queue (or in a new lote that took the same number).
// The refusal says what the desk sees, never that the lote is of another CRESS when its
// corrections are this computer's, nor that a lote number does not exist when it does.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../shared/contract';
import { importAck, openBatchDesk, queueEmailCorrections, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let sent: BatchSummary;
let sentSha: string;
let queued: string[];

beforeEach(async () => {
  desk = openBatchDesk();
  queueEmailCorrections(desk, 1);
  ({ batch: sent, sha256: sentSha } = await sendBatch(desk));
  // What a restore leaves: corrections saved before the lote that carried them, back in the queue.
  queued = queueEmailCorrections(desk, 2);
});
afterEach(() => desk.cleanup());

const picture = () =>
  storePicture(desk, {
    corrections: 'SELECT uuid, status, batch_id FROM corrections ORDER BY id',
    batches: 'SELECT * FROM batches ORDER BY id',
    audit: 'SELECT count(*) AS n FROM audit_log',
  });

/** The answer to a lote this desk does not have (its identifier is unknown here). */
function forgottenAnswer(number: string, ids: string[]): string {
  return writeAck(desk, 'confirmacao.json', {
    schemaVersion: 2,
    batch: randomUUID(),
    number,
    packageSha256: 'd'.repeat(64),
    items: ids.map((id) => ({ id, status: 'applied' })),
  });
}

async function refusal(path: string): Promise<{ code: string; message: string }> {
  const before = picture();
  const error = (await importAck(desk, path).then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; message: string } | null;
  expect(error).not.toBeNull();
  expect(picture()).toEqual(before);
  return error as { code: string; message: string };
}

describe('an answer for a lote this computer forgot', () => {
  it('whose corrections are back in the queue says they are this computer’s, not that the answer is of another CRESS', async () => {
    const error = await refusal(forgottenAnswer('2026-0002', queued));
    expect(error.code).toBe('ACK_UNKNOWN_BATCH');
    expect(error.message).not.toMatch(/deste CRESS/);
    expect(error.message).toMatch(/2026-0002/);
    expect(error.message).toMatch(/2 correções a que ele responde são deste computador/);
    expect(error.message).toMatch(/cópia de segurança/);
    expect(error.message).toMatch(/Nada foi alterado: confira com a Implanta o que ela já aplicou antes de enviar essas correções de novo\.$/);
  });

  it('whose number a newer lote of this computer took says that lote is another one, not that the number does not exist', async () => {
    await sendBatch(desk);
    const error = await refusal(forgottenAnswer('2026-0002', queued));
    expect(error.code).toBe('ACK_UNKNOWN_BATCH');
    expect(error.message).not.toMatch(/não existe/);
    expect(error.message).toMatch(/o lote 2026-0002 deste computador é outro/);
    expect(error.message).toMatch(/2 correções a que ele responde são deste computador/);
    expect(error.message).toMatch(/elas estão no lote 2026-0002 deste computador; confira com a Implanta o que ela já aplicou e peça a confirmação desse lote\.$/);
  });

  it('naming the identifier of one lote and the number of another says so', async () => {
    const error = await refusal(
      writeAck(desk, 'trocado.json', { schemaVersion: 1, batch: sent.uuid, number: '2026-0007', packageSha256: sentSha, items: [{ id: queued[0], status: 'applied' }] }),
    );
    expect(error.code).toBe('ACK_UNKNOWN_BATCH');
    expect(error.message).not.toMatch(/não existe/);
    expect(error.message).toMatch(new RegExp(`identificador do lote ${sent.number}`));
  });

  it('of nothing this computer knows still asks whether the answer is of this CRESS', async () => {
    const error = await refusal(forgottenAnswer('2026-0009', [randomUUID()]));
    expect(error.code).toBe('ACK_UNKNOWN_BATCH');
    expect(error.message).toMatch(/2026-0009, que não existe neste computador.*deste CRESS; se for, uma cópia de segurança anterior a essas correções pode ter sido restaurada/);
    const ids = await refusal(writeAck(desk, 'desconhecidos.csv', `id;situação\n${randomUUID()};aplicada\n`));
    expect(ids).toMatchObject({ code: 'ACK_UNKNOWN_IDS', message: expect.stringMatching(/deste CRESS; se for, uma cópia de segurança anterior a essas correções pode ter sido restaurada/) });
  });

  it('answered as a spreadsheet, names a restored backup among the reasons its corrections are in no lote', async () => {
    const error = await refusal(writeAck(desk, 'resposta.csv', `id;situação\n${queued[0]};aplicada\n`));
    expect(error.code).toBe('ACK_NOT_SENT');
    expect(error.message).toMatch(/em nenhum lote \(o lote foi cancelado.*cópia de segurança anterior ao lote foi restaurada/);
  });

  it('whose package this computer no longer knows it exported says to export it again as it was sent', async () => {
    const own = await refusal(
      writeAck(desk, 'exportacao-esquecida.json', {
        schemaVersion: 1,
        batch: sent.uuid,
        packageSha256: 'e'.repeat(64),
        items: [{ id: (desk.store.db.prepare('SELECT uuid FROM corrections WHERE batch_id = ?').get(sent.id) as { uuid: string }).uuid, status: 'applied' }],
      }),
    );
    expect(own.code).toBe('ACK_CHECKSUM');
    expect(own.message).toMatch(/exporte o lote de novo como foi enviado \(com a mesma senha, se tinha\): o pacote sai igual/);
  });
});
