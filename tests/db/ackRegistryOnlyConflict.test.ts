// A correction that asked Implanta to correct the DIP request too, answered as applied with it, and
// then, in another answer, as applied to the registry only (or the other way round): Implanta
// changed its answer about the DIP request. Like any other answer changed, it is refused, changing
// nothing, instead of being counted as "already answered" while the desk keeps saying the DIP
// request was corrected.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../shared/contract';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let batch: BatchSummary;
let sha: string;
let nameFix: string;
let emailFix: string;

beforeEach(async () => {
  desk = openBatchDesk();
  const joana = addProfessional(desk.store, { name: 'Joana Dias', dipStatus: 'confirmed' });
  const rita = addProfessional(desk.store, { name: 'Rita Souza' });
  nameFix = correct(desk, joana, { name: 'Joana Dias Moura' }, { dipAcknowledged: true }).corrections[0]!.uuid;
  emailFix = correct(desk, rita, { email: 'rita.souza@exemplo.com.br' }).corrections[0]!.uuid;
  ({ batch, sha256: sha } = await sendBatch(desk));
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

const answer = (items: Record<string, unknown>[]) => writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: batch.uuid, packageSha256: sha, items });
const picture = () => storePicture(desk, { corrections: 'SELECT uuid, status, dip_request_corrected FROM corrections ORDER BY id', history: 'SELECT count(*) AS n FROM record_history' });

describe('an answer about the DIP request changed', () => {
  it('applied with the DIP request, then registry only: refused, nothing changes', async () => {
    await importAck(desk, answer([{ id: nameFix, status: 'applied' }, { id: emailFix, status: 'applied' }]));
    const before = picture();
    await expect(importAck(desk, answer([{ id: nameFix, status: 'synced_registry_only', message: 'DIP já em confecção' }]))).rejects.toMatchObject({
      code: 'ACK_CONFLICT',
      message: expect.stringMatching(/agora “aplicada no cadastro, DIP não corrigido”/),
    });
    expect(picture()).toEqual(before);
  });

  it('registry only, then applied with the DIP request: refused too', async () => {
    await importAck(desk, answer([{ id: nameFix, status: 'synced_registry_only' }]));
    await expect(importAck(desk, answer([{ id: nameFix, status: 'applied' }]))).rejects.toMatchObject({ code: 'ACK_CONFLICT' });
  });

  it('the same answer again, or registry only for a correction that asked nothing of the DIP, is already answered', async () => {
    await importAck(desk, answer([{ id: nameFix, status: 'applied' }, { id: emailFix, status: 'applied' }]));
    expect(await importAck(desk, answer([{ id: nameFix, status: 'applied' }, { id: emailFix, status: 'synced_registry_only' }]))).toMatchObject({ unchanged: 2 });
  });
});
