// Implanta's systems may write identifiers in capitals (SQL Server shows a uniqueidentifier so, and
// .NET writes a SHA-256 in hex capitals). A UUID and a hex digest are the same in either case: the
// JSON answer naming the lote, its items and the package in capitals answers the lote, as the same
// answer typed into a spreadsheet already did.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let ids: string[];
let lote: Awaited<ReturnType<typeof sendBatch>>;
beforeEach(async () => {
  desk = openBatchDesk();
  const rita = addProfessional(desk.store, { name: 'Rita Souza' });
  const lia = addProfessional(desk.store, { name: 'Lia Prado' });
  ids = [correct(desk, rita, { email: 'rita.souza@exemplo.com.br' }).corrections[0]!.uuid, correct(desk, lia, { email: 'lia.prado@exemplo.com.br' }).corrections[0]!.uuid];
  lote = await sendBatch(desk);
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

const statuses = () => desk.store.db.prepare('SELECT status FROM corrections ORDER BY id').pluck().all();

describe('a JSON answer with its identifiers in capitals', () => {
  for (const schemaVersion of [1, 2]) {
    it(`(version ${schemaVersion}) answers the lote`, async () => {
      const answer = {
        schemaVersion,
        batch: lote.batch.uuid.toUpperCase(),
        packageSha256: lote.sha256.toUpperCase(),
        items: [
          { id: ids[0]!.toUpperCase(), status: 'applied' },
          { id: ids[1]!.toUpperCase(), status: 'rejected', message: 'E-mail já usado por outra pessoa' },
        ],
      };
      expect(await importAck(desk, writeAck(desk, 'resposta.json', answer))).toMatchObject({ applied: 1, rejected: 1, unanswered: 0 });
      expect(statuses()).toEqual(['synced', 'rejected']);
    });
  }

  it('still refuses an identifier that is no UUID, saying what it should be', async () => {
    const answer = { schemaVersion: 1, batch: `${lote.batch.uuid.slice(0, -1)}G`, packageSha256: lote.sha256, items: [{ id: ids[0], status: 'applied' }] };
    await expect(importAck(desk, writeAck(desk, 'resposta.json', answer))).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/^Campo batch: deve ser o identificador do lote, um UUID/) });
    expect(statuses()).toEqual(['sent', 'sent']);
  });
});
