// Implanta's staff answer in a spreadsheet that also names each professional by CPF — the lote's own
// corrections.csv filled in, or a sheet of their own. When a row's id is a correction of someone else
// than the CPF beside it (a column sorted on its own, an id copied from another row), the answer
// would land on the wrong person: it is refused naming the line, both people, and nothing changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, correct, importAck, openBatchDesk, packageFile, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let lines: string[];
let ids: string[];
let rita: Professional;
let lia: Professional;

beforeEach(async () => {
  desk = openBatchDesk();
  rita = addProfessional(desk.store, { name: 'Rita Souza' });
  lia = addProfessional(desk.store, { name: 'Lia Prado' });
  ids = [correct(desk, rita, { email: 'rita.souza@exemplo.com.br' }).corrections[0]!.uuid, correct(desk, lia, { email: 'lia.prado@exemplo.com.br' }).corrections[0]!.uuid];
  const { batch, path } = await sendBatch(desk);
  lines = packageFile(path, batch.fileName.replace(/\.zip$/, ''), 'corrections.csv').split('\r\n').filter(Boolean);
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

const PICTURE = { corrections: 'SELECT uuid, status, status_message FROM corrections ORDER BY id', professionals: 'SELECT id, email, row_version FROM professionals ORDER BY id' };

describe('a spreadsheet answer whose CPF column does not match its ids', () => {
  it('the lote’s corrections.csv with the id column sorted on its own: refused, naming the line and both CPFs', async () => {
    const [header, first, second] = lines as [string, string, string];
    const swap = (line: string, id: string) => line.replace(/^[^;]+/, id);
    const csv = [`${header};Situação;Mensagem`, `${swap(first, ids[1]!)};aplicada;`, `${swap(second, ids[0]!)};rejeitada;E-mail já usado`].join('\r\n');
    const before = storePicture(desk, PICTURE);
    const error = (await importAck(desk, writeAck(desk, 'respondido.csv', `${csv}\r\n`)).catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe('ACK_INVALID');
    expect(error.message).toContain('Linha 2');
    expect(error.message).toContain(`CPF ${formatCpf(rita.cpf)}`);
    expect(error.message).toContain(`Lia Prado (CPF ${formatCpf(lia.cpf)})`);
    expect(error.message).toMatch(/Nada foi alterado/);
    expect(storePicture(desk, PICTURE)).toEqual(before);
  });

  it('a sheet of Implanta’s own with CPFs as Excel leaves them (a number, leading zeros gone) is read when they match', async () => {
    const cpfCell = (p: Professional) => String(Number(p.cpf));
    const csv = `CPF;id;situação\r\n${cpfCell(rita)};${ids[0]};aplicada\r\n${formatCpf(lia.cpf)};${ids[1]};aplicada\r\n`;
    expect(await importAck(desk, writeAck(desk, 'respondido.csv', csv))).toMatchObject({ applied: 2 });
  });

  it('a CPF cell that is no CPF (masked, empty) is not compared', async () => {
    const csv = `CPF;id;situação\r\n***.456.789-**;${ids[0]};aplicada\r\n;${ids[1]};aplicada\r\n`;
    expect(await importAck(desk, writeAck(desk, 'respondido.csv', csv))).toMatchObject({ applied: 2 });
  });
});
