// A correction already answered that a new file answers otherwise (ACK_CONFLICT) is named so the
// clerk finds it both at the desk and in the file: the professional's CPF, the row (and sheet, when
// the workbook has more than one with answers) or item of the file, the correction's id, and what it
// was answered before and now.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { importAck, openBatchDesk, queueEmailCorrections, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let ids: [string, string];

beforeEach(async () => {
  desk = openBatchDesk();
  ids = queueEmailCorrections(desk, 2) as [string, string];
  await sendBatch(desk);
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

async function conflict(path: string): Promise<string> {
  const error = (await importAck(desk, path).then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; message: string } | null;
  expect(error?.code).toBe('ACK_CONFLICT');
  return error?.message ?? '';
}

describe('a different answer for a correction already answered', () => {
  it('in a CSV names the CPF, the line and the id, and both answers', async () => {
    await importAck(desk, writeAck(desk, 'primeira.csv', `id;situação\r\n${ids[0]};aplicada\r\n`));
    const message = await conflict(writeAck(desk, 'segunda.csv', `id;situação;mensagem\r\n${ids[1]};aplicada;\r\n${ids[0]};rejeitada;E-mail já usado\r\n`));
    expect(message).toMatch(new RegExp(`^Uma correção já respondida recebe outra resposta neste arquivo: CPF \\d{3}\\.\\d{3}\\.\\d{3}-\\d{2} \\(linha 3, id ${ids[0]}\\), antes “aplicada”, agora “rejeitada”\\.`));
  });

  it('in a workbook of two sheets with answers names the sheet too', async () => {
    await importAck(desk, writeAck(desk, 'primeira.csv', `id;situação\r\n${ids[0]};aplicada\r\n`));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['id', 'situação'], [ids[1], 'aplicada']]), 'Aplicadas');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['id', 'situação', 'mensagem'], [ids[0], 'rejeitada', 'E-mail já usado']]), 'Rejeitadas');
    const message = await conflict(writeAck(desk, 'segunda.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    expect(message).toContain(`(aba “Rejeitadas”, linha 2, id ${ids[0]})`);
  });

  it('several: each named with its line and id, the first one’s answers said', async () => {
    await importAck(desk, writeAck(desk, 'primeira.csv', `id;situação;mensagem\r\n${ids[0]};aplicada;\r\n${ids[1]};rejeitada;Domínio inválido\r\n`));
    const message = await conflict(writeAck(desk, 'segunda.csv', `id;situação;mensagem\r\n${ids[0]};rejeitada;E-mail já usado\r\n${ids[1]};aplicada;\r\n`));
    expect(message).toMatch(/^2 correções já respondidas recebem outra resposta neste arquivo: /);
    expect(message).toContain(`(linha 2, id ${ids[0]})`);
    expect(message).toContain(`(linha 3, id ${ids[1]})`);
    expect(message).toContain('a primeira, antes “aplicada”, agora “rejeitada”');
  });
});
