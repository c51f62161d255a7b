// An answer file the desk cannot read is refused saying what is wrong with the file itself: not a
// spreadsheet, a cell with a formula error, a column twice — never "no answer below the header".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readAck } from '../../db/batches/ackRead';
import { formatCpf } from '../../shared/rules/cpf';
import { buildZip } from '../fixtures/imports/zipWriter';
import { ACK_IDS, ackFileWriter } from './ackFiles';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

const ids = ACK_IDS;
const file = ackFileWriter('cress-desk-ack-refusals-');

describe('a file that is not what its name says', () => {
  it('text named .xlsx is told it is not a spreadsheet', async () => {
    const path = file('resposta.xlsx', 'Segue a resposta do lote, conforme combinado.\r\nAtenciosamente\r\n');
    await expect(readAck(path, 'resposta.xlsx')).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/^O arquivo resposta\.xlsx não é uma planilha: parece ser texto/) });
  });

  it('a PDF named .csv, with no NUL byte near its start, is told it is no CSV', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), Buffer.alloc(5000, 0x41), Buffer.from([0])]);
    await expect(readAck(file('resposta.csv', pdf), 'resposta.csv')).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/não é uma planilha, um CSV nem um JSON/) });
    const plain = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n', 'latin1');
    await expect(readAck(file('resposta2.csv', plain), 'resposta2.csv')).rejects.toMatchObject({ message: expect.stringMatching(/não é uma planilha, um CSV nem um JSON/) });
  });
});

describe('one of the desk\'s own zips chosen for the answer', () => {
  let desk: BatchDesk;
  beforeEach(() => {
    desk = openBatchDesk();
  });
  afterEach(() => desk.cleanup());

  it('a lote\'s package or a backup is told for what it is, not as a damaged spreadsheet', async () => {
    correct(desk, addProfessional(desk.store), { email: 'nova@exemplo.com.br' });
    const { path } = await sendBatch(desk);
    await expect(readAck(path)).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/^Este arquivo é o pacote de um lote que a mesa gerou para a Implanta, não a resposta dela/) });
    const backup = file('CRESS09-backup.zip', buildZip([{ name: 'CRESS09-backup/bagit.txt', data: 'BagIt-Version: 1.0\n' }, { name: 'CRESS09-backup/data/cress-desk.sqlite', data: 'x' }]));
    await expect(readAck(backup)).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/^Este arquivo é um backup do CRESS Desk, não a resposta da Implanta/) });
  });
});

describe('a cell with a formula error', () => {
  it('in an xlsx is named by row and column, as Excel in Portuguese shows it', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([['id', 'situação', 'mensagem'], [ids[0], 'aplicada', ''], [ids[1], '', '']]);
    sheet.B3 = { t: 'e', v: 0x2a, w: '#N/A' };
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Resposta');
    const path = file('resposta.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    await expect(readAck(path, 'resposta.xlsx')).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/^Linha 3, coluna situação \(B\): a célula mostra o erro #N\/D/) });
  });

  it('in a CSV Excel saved (the error as text) is named too', async () => {
    const path = file('resposta.csv', `id;situação\r\n#DIV/0!;aplicada\r\n`);
    await expect(readAck(path, 'resposta.csv')).rejects.toMatchObject({ message: expect.stringMatching(/^Linha 2, coluna id \(A\): a célula mostra o erro #DIV\/0!/) });
  });
});

describe('a header with the same column twice', () => {
  it('is refused naming the column and both letters', async () => {
    const path = file('resposta.csv', `id;id;situação\r\n${ids[0]};${ids[1]};aplicada\r\n`);
    await expect(readAck(path, 'resposta.csv')).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/duas colunas "id" \(A e B\)/) });
    const status = file('situacao.csv', `id;Situação;mensagem;situacao\r\n${ids[0]};aplicada;;rejeitada\r\n`);
    await expect(readAck(status, 'situacao.csv')).rejects.toMatchObject({ message: expect.stringMatching(/duas colunas "Situação" \(B e D\)/) });
  });
});

describe('a JSON answer whose item does not follow the format', () => {
  let desk: BatchDesk;
  beforeEach(() => {
    desk = openBatchDesk();
  });
  afterEach(() => desk.cleanup());

  it('says first, in words, which item of the answer (by the CPF of its record) and what is wrong', async () => {
    const p = addProfessional(desk.store, { name: 'Marta Lima' });
    const uuid = correct(desk, p, { email: 'marta.lima@exemplo.com.br' }).corrections[0]!.uuid;
    const { batch, sha256 } = await sendBatch(desk);
    const lote = (desk.store.db.prepare('SELECT uuid FROM batches WHERE id = ?').get(batch.id) as { uuid: string }).uuid;
    const answer = writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: lote, packageSha256: sha256, items: [{ id: uuid, status: 'aplicada' }] });
    const error = (await importAck(desk, answer).catch((e: unknown) => e)) as Error & { details: { message: string }[] };
    const first = error.message.split('\n')[0] as string;
    expect(first).toMatch(new RegExp(`^Item 1 da resposta \\(CPF ${formatCpf(p.cpf).replace(/\./g, '\\.')}\\): a situação \\(status\\) deve ser`));
    expect(first).not.toMatch(/\/items|campo \//);
    expect(error.details[0]?.message).toMatch(/^Item 1 da resposta \(CPF /);
  });

  it('names an item of no record of this desk by its position and id', async () => {
    const answer = writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: ids[0], packageSha256: 'a'.repeat(64), items: [{ id: ids[1] }] });
    await expect(importAck(desk, answer)).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(new RegExp(`^Item 1 da resposta \\(id ${ids[1]}\\): falta a situação \\(status\\)`)) });
  });
});
