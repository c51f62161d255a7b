// A refusal of an answer names the row the clerk finds in Excel or LibreOffice. A spreadsheet's
// blank rows (between answers, or above the table) were dropped before the rows were numbered, so
// every row below the first blank one was named by a number that was not its own; a table that
// does not begin in column A was named by the wrong column letters too. CSV rows were already
// numbered as a spreadsheet program shows them, blank lines included.
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readAck } from '../../db/batches/ackRead';
import { buildXlsx } from '../fixtures/imports/zipWriter';
import { ACK_IDS, ackFileWriter } from './ackFiles';

const file = ackFileWriter('cress-ack-row-numbers-');
const [first, second] = ACK_IDS as [string, string];

/** Header on row 1, answers on rows 2 and 6, rows 3 to 5 blank, and on row 7 an id that is none. */
const ROWS: string[][] = [['id', 'situação', 'mensagem'], [first, 'aplicada', ''], [], ['', '', ''], [], [second, 'rejeitada', 'CPF divergente'], ['não-é-um-id', 'aplicada', '']];

async function refusal(path: string, name: string): Promise<string> {
  const error = (await readAck(path, name).then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; message: string } | null;
  expect(error?.code).toBe('ACK_INVALID');
  return error?.message ?? '';
}

/** A workbook SheetJS writes in `bookType`, the rows put from `origin` (Excel writes the used range as the sheet's dimension). */
function workbook(rows: string[][], bookType: XLSX.BookType, origin = 'A1'): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([]);
  XLSX.utils.sheet_add_aoa(sheet, rows.map((row) => row.map((cell) => (cell === '' ? null : cell))), { origin });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Resposta');
  return XLSX.write(book, { type: 'buffer', bookType }) as Buffer;
}

describe('an answer with blank rows in the middle names the row as the sheet shows it', () => {
  it('in an .xlsx', async () => {
    const message = await refusal(file('resposta.xlsx', buildXlsx(ROWS)), 'resposta.xlsx');
    expect(message).toMatch(/^Linha 7, coluna id: "não-é-um-id" não é o id de uma correção/);
  });

  it('in an .xlsx whose blank rows are not written at all, as Excel saves them', async () => {
    const message = await refusal(file('resposta.xlsx', workbook(ROWS, 'xlsx')), 'resposta.xlsx');
    expect(message).toMatch(/^Linha 7, coluna id:/);
  });

  it('in an .ods', async () => {
    const message = await refusal(file('resposta.ods', workbook(ROWS, 'ods')), 'resposta.ods');
    expect(message).toMatch(/^Linha 7, coluna id:/);
  });

  it('in an Excel 97-2003 workbook (.xls)', async () => {
    const message = await refusal(file('resposta.xls', workbook(ROWS, 'biff8')), 'resposta.xls');
    expect(message).toMatch(/^Linha 7, coluna id:/);
  });

  it('in a CSV with blank lines', async () => {
    const text = ROWS.map((row) => row.join(';')).join('\r\n');
    const message = await refusal(file('resposta.csv', Buffer.from(text, 'utf8')), 'resposta.csv');
    expect(message).toMatch(/^Linha 7, coluna id:/);
  });

  it('and the answers read keep the rows they are on', async () => {
    const ack = await readAck(file('resposta.xlsx', buildXlsx(ROWS.slice(0, 6))), 'resposta.xlsx');
    expect(ack.answers.map((answer) => answer.line)).toEqual([2, 6]);
  });
});

describe('an answer whose table does not begin at A1 names its rows and columns as the sheet shows them', () => {
  it('a table put from C4 in an .xlsx and an .ods', async () => {
    const rows = [['id', 'situação', 'CPF'], [first, 'aplicada', '#N/D']];
    for (const [name, bookType] of [['resposta.xlsx', 'xlsx'], ['resposta.ods', 'ods']] as const) {
      const message = await refusal(file(name, workbook(rows, bookType, 'C4')), name);
      expect(message).toMatch(/^Linha 5, coluna E \("CPF"\): a célula mostra o erro #N\/D/);
    }
  });
});
