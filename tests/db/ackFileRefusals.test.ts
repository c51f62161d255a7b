// An answer file the desk cannot read is refused saying what is wrong with the file itself: not a
// spreadsheet, a cell with a formula error, a column twice — never "no answer below the header".
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readAck } from '../../db/batches/ackRead';
import { ACK_IDS, ackFileWriter } from './ackFiles';

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
