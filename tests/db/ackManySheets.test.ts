// A workbook answer with more than one sheet: Implanta may put the applied corrections on one sheet
// and the rejected on another, or a cover sheet before the answers. Every visible sheet whose first
// row has the answer's columns is read and their answers taken together (an id answered on two
// sheets is refused as twice on one); the others are passed over, and the result says which sheets
// were read. Each refusal about a row names its sheet when more than one sheet holds answers. A
// hidden sheet is not read (the clerk does not see what it says), and the result names it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { BatchSummary } from '../../shared/contract';
import { readAck } from '../../db/batches/ackRead';
import { importAck, openBatchDesk, queueEmailCorrections, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let batch: BatchSummary;
let ids: [string, string, string];

beforeEach(async () => {
  desk = openBatchDesk();
  ids = queueEmailCorrections(desk, 3) as [string, string, string];
  ({ batch } = await sendBatch(desk));
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

interface SheetSpec {
  name: string;
  rows: string[][];
  hidden?: boolean;
}

/** An .xlsx (or `bookType`) of these sheets, in this order, written by SheetJS as Excel would lay it out. */
function workbook(sheets: SheetSpec[], bookType: XLSX.BookType = 'xlsx'): Buffer {
  const book = XLSX.utils.book_new();
  for (const sheet of sheets) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sheet.rows), sheet.name);
  book.Workbook = { Sheets: sheets.map((sheet) => ({ name: sheet.name, Hidden: sheet.hidden ? 1 : 0 })) };
  return XLSX.write(book, { type: 'buffer', bookType }) as Buffer;
}

const HEADER = ['id', 'situação', 'mensagem'];
const statuses = () => storePicture(desk, { corrections: 'SELECT uuid, status, status_message FROM corrections ORDER BY id' }).corrections as { status: string }[];
const picture = () => storePicture(desk, { corrections: 'SELECT uuid, status, status_message FROM corrections ORDER BY id', batches: 'SELECT state, acknowledged_at FROM batches', audit: 'SELECT count(*) AS n FROM audit_log' });

async function refusal(path: string, code = 'ACK_INVALID'): Promise<string> {
  const before = picture();
  const error = (await importAck(desk, path).then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; message: string } | null;
  expect(error?.code).toBe(code);
  expect(picture()).toEqual(before);
  return error?.message ?? '';
}

describe('an answer with the applied on one sheet and the rejected on another', () => {
  it('reads both sheets: every answer is applied, and the result names the sheets read', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Aplicadas', rows: [HEADER, [ids[0], 'aplicada', '']] },
        { name: 'Rejeitadas', rows: [HEADER, [ids[1], 'rejeitada', 'E-mail já usado'], [ids[2], 'rejeitada', 'Domínio inválido']] },
      ]),
    );
    const result = await importAck(desk, path);
    expect(result).toMatchObject({ applied: 1, rejected: 2, unanswered: 0 });
    expect(result.sheets).toEqual({ read: ['Aplicadas', 'Rejeitadas'], withoutAnswers: [], hiddenWithAnswers: [] });
    expect(statuses().map((c) => c.status)).toEqual(['synced', 'rejected', 'rejected']);
    expect(result.batch.number).toBe(batch.number);
  });

  it('the same in an .ods and an Excel 97-2003 workbook', async () => {
    for (const [name, bookType] of [['resposta.ods', 'ods'], ['resposta.xls', 'biff8']] as const) {
      const ack = await readAck(
        writeAck(desk, name, workbook([{ name: 'Aplicadas', rows: [HEADER, [ids[0], 'aplicada', '']] }, { name: 'Rejeitadas', rows: [HEADER, [ids[1], 'rejeitada', 'E-mail já usado']] }], bookType)),
        name,
      );
      expect(ack.answers.map((a) => [a.id, a.status, a.sheet])).toEqual([
        [ids[0], 'synced', 'Aplicadas'],
        [ids[1], 'rejected', 'Rejeitadas'],
      ]);
    }
  });

  it('refuses an id answered on both sheets, naming each sheet and row, as twice on one sheet', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Aplicadas', rows: [HEADER, [ids[0], 'aplicada', ''], [ids[1], 'aplicada', '']] },
        { name: 'Rejeitadas', rows: [HEADER, [ids[2], 'rejeitada', 'Domínio inválido'], [ids[1], 'rejeitada', 'E-mail já usado']] },
      ]),
    );
    const message = await refusal(path, 'ACK_DUPLICATE_IDS');
    expect(message).toContain(`${ids[1]} (aba “Aplicadas”, linha 3 e aba “Rejeitadas”, linha 3)`);
  });

  it('names the sheet and the row of a row it refuses', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Aplicadas', rows: [HEADER, [ids[0], 'aplicada', '']] },
        { name: 'Rejeitadas', rows: [HEADER, [ids[1], 'rejeitada', 'E-mail já usado'], [], [ids[2], 'talvez', '']] },
      ]),
    );
    expect(await refusal(path)).toMatch(/^Aba “Rejeitadas”, linha 4, coluna situação: "talvez"/);
  });

  it('names the sheet of a header it refuses', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Aplicadas', rows: [HEADER, [ids[0], 'aplicada', '']] },
        { name: 'Rejeitadas', rows: [['id', 'situação', 'status'], [ids[1], 'rejeitada', 'rejeitada']] },
      ]),
    );
    expect(await refusal(path)).toMatch(/^Aba “Rejeitadas”, linha 1: a planilha de confirmação tem duas colunas lidas como a situação/);
  });

  it('takes a sheet with the header and no answer yet beside a sheet with answers', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Aplicadas', rows: [HEADER, [ids[0], 'aplicada', '']] },
        { name: 'Rejeitadas', rows: [HEADER] },
      ]),
    );
    expect(await importAck(desk, path)).toMatchObject({ applied: 1, unanswered: 2, sheets: { read: ['Aplicadas', 'Rejeitadas'] } });
  });
});

describe('an answer with a cover sheet before the answers', () => {
  it('passes over the sheet without the columns and reads the one with them, saying so', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Resumo', rows: [['Resumo'], ['Lote', batch.number]] },
        { name: 'Itens', rows: [HEADER, [ids[0], 'aplicada', ''], [ids[1], 'rejeitada', 'E-mail já usado']] },
      ]),
    );
    const result = await importAck(desk, path);
    expect(result).toMatchObject({ applied: 1, rejected: 1, unanswered: 1 });
    expect(result.sheets).toEqual({ read: ['Itens'], withoutAnswers: ['Resumo'], hiddenWithAnswers: [] });
  });

  it('names its refusals by row alone, as one sheet holds answers', async () => {
    const path = writeAck(desk, 'resposta.xlsx', workbook([{ name: 'Resumo', rows: [['Resumo']] }, { name: 'Itens', rows: [HEADER, [ids[0], 'talvez', '']] }]));
    expect(await refusal(path)).toMatch(/^Linha 2, coluna situação: "talvez"/);
  });

  it('refuses a workbook where no sheet has the columns, naming the sheets looked at', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Resumo', rows: [['Resumo'], ['Lote', batch.number]] },
        { name: 'Notas', rows: [['codigo', 'resultado'], [ids[0], 'ok']] },
      ]),
    );
    const message = await refusal(path);
    expect(message).toContain('colunas "id" e "situação"');
    expect(message).toContain('“Resumo” e “Notas”');
  });
});

describe('a hidden sheet with the answer columns', () => {
  it('is not read, and the result names it', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Itens', rows: [HEADER, [ids[0], 'aplicada', '']] },
        { name: 'Antigas', rows: [HEADER, [ids[1], 'rejeitada', 'Resposta de rascunho']], hidden: true },
      ]),
    );
    const result = await importAck(desk, path);
    expect(result).toMatchObject({ applied: 1, rejected: 0, unanswered: 2 });
    expect(result.sheets).toEqual({ read: ['Itens'], withoutAnswers: [], hiddenWithAnswers: ['Antigas'] });
  });

  it('when it is the only one with the columns, the refusal says it is hidden', async () => {
    const path = writeAck(desk, 'resposta.xlsx', workbook([{ name: 'Resumo', rows: [['Resumo']] }, { name: 'Itens', rows: [HEADER, [ids[0], 'aplicada', '']], hidden: true }]));
    expect(await refusal(path)).toMatch(/aba “Itens”.*oculta/);
  });
});

describe('an answer of one sheet', () => {
  it('is read as before, its sheet named in the result', async () => {
    const result = await importAck(desk, writeAck(desk, 'resposta.xlsx', workbook([{ name: 'Planilha1', rows: [HEADER, [ids[0], 'aplicada', '']] }])));
    expect(result.sheets).toEqual({ read: ['Planilha1'], withoutAnswers: [], hiddenWithAnswers: [] });
    const ack = await readAck(writeAck(desk, 'resposta2.xlsx', workbook([{ name: 'Planilha1', rows: [HEADER, [ids[0], 'aplicada', '']] }])), 'resposta2.xlsx');
    expect(ack.answers[0]?.sheet).toBeUndefined();
  });

  it('a CSV or a JSON names no sheet', async () => {
    const result = await importAck(desk, writeAck(desk, 'resposta.csv', `id;situação\r\n${ids[0]};aplicada\r\n`));
    expect(result.sheets).toBeNull();
  });
});

describe('empty sheets beside the answers', () => {
  it('are passed over without a word, as Excel leaves "Planilha2" and "Planilha3"', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Planilha1', rows: [HEADER, [ids[0], 'aplicada', '']] },
        { name: 'Planilha2', rows: [] },
        { name: 'Planilha3', rows: [] },
      ]),
    );
    expect((await importAck(desk, path)).sheets).toEqual({ read: ['Planilha1'], withoutAnswers: [], hiddenWithAnswers: [] });
  });

  it('a workbook of empty sheets is refused as empty', async () => {
    const path = writeAck(desk, 'resposta.xlsx', workbook([{ name: 'Planilha1', rows: [] }, { name: 'Planilha2', rows: [] }]));
    expect(await refusal(path)).toBe('A planilha de confirmação está vazia.');
  });
});
