// A spreadsheet answer with two columns read as the situação ("situação" and "status") is refused
// naming both, whatever the rows say: where they disagree, or one is empty, which one Implanta meant
// is anyone's guess — as with "status" twice in a JSON item. Settled in silence, a rejection was lost
// (situação empty, status "rejeitada": the row left unanswered) or overturned (aplicada/rejeitada).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let ids: string[];

beforeEach(async () => {
  desk = openBatchDesk();
  const rita: Professional = addProfessional(desk.store, { name: 'Rita Souza' });
  const lia: Professional = addProfessional(desk.store, { name: 'Lia Prado' });
  ids = [correct(desk, rita, { email: 'rita.souza@exemplo.com.br' }).corrections[0]!.uuid, correct(desk, lia, { email: 'lia.prado@exemplo.com.br' }).corrections[0]!.uuid];
  await sendBatch(desk);
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

const PICTURE = { corrections: 'SELECT uuid, status, status_message FROM corrections ORDER BY id', professionals: 'SELECT id, email, row_version FROM professionals ORDER BY id', audit: 'SELECT count(*) AS n FROM audit_log' };

async function refused(csv: string, columns: RegExp): Promise<void> {
  const before = storePicture(desk, PICTURE);
  const error = (await importAck(desk, writeAck(desk, 'respondido.csv', csv)).catch((e: unknown) => e)) as { code: string; message: string };
  expect(error.code).toBe('ACK_INVALID');
  expect(error.message).toMatch(columns);
  expect(error.message).toContain('Nada foi alterado');
  expect(storePicture(desk, PICTURE)).toEqual(before);
}

describe('two columns read as the situação', () => {
  it('situação empty and status "rejeitada": refused naming both columns, the rejection not lost', () =>
    refused(`id;situação;status\r\n${ids[0]};;rejeitada\r\n${ids[1]};aplicada;aplicada\r\n`, /^Linha 1: .*duas colunas lidas como a situação da resposta \("situação", coluna B, e "status", coluna C\)/));

  it('situação "aplicada" and status "rejeitada", in either order: refused', async () => {
    await refused(`id;situação;status\r\n${ids[0]};aplicada;rejeitada\r\n`, /\("situação", coluna B, e "status", coluna C\)/);
    await refused(`Status;ID;Situacao\r\n rejeitada;${ids[0]};aplicada\r\n`, /\("Status", coluna A, e "Situacao", coluna C\)/);
  });

  it('even when every row agrees: one rule, said by the header', () =>
    refused(`id;status;resultado\r\n${ids[0]};aplicada;aplicada\r\n`, /\("status", coluna B, e "resultado", coluna C\)/));

  it('one situação column beside "situação do DIP" and "status do DIP" is read as before', async () => {
    const csv = `id;situação;status do DIP\r\n${ids[0]};rejeitada;\r\n${ids[1]};aplicada;\r\n`;
    expect(await importAck(desk, writeAck(desk, 'respondido.csv', csv))).toMatchObject({ applied: 1, rejected: 1 });
  });
});
