// Rows hidden in a workbook answer (a filter, or hidden by hand) are read like the others, as an
// import reads them: a hidden "rejeitada" is a rejection. The result says so — how many, and the
// first rows, by sheet — so the clerk is told of answers she did not see on the screen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { buildZip } from '../fixtures/imports/zipWriter';
import { importAck, openBatchDesk, queueEmailCorrections, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let ids: [string, string, string];

beforeEach(async () => {
  desk = openBatchDesk();
  ids = queueEmailCorrections(desk, 3) as [string, string, string];
  await sendBatch(desk);
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

/** A workbook whose sheets hide these rows (1-based, as the clerk sees them). */
function workbook(sheets: { name: string; rows: string[][]; hiddenRows?: number[] }[], bookType: XLSX.BookType = 'xlsx'): Buffer {
  const book = XLSX.utils.book_new();
  for (const { name, rows, hiddenRows = [] } of sheets) {
    const sheet = XLSX.utils.aoa_to_sheet(rows);
    sheet['!rows'] = rows.map((_, index) => (hiddenRows.includes(index + 1) ? { hidden: true } : {}));
    XLSX.utils.book_append_sheet(book, sheet, name);
  }
  return XLSX.write(book, { type: 'buffer', bookType, cellStyles: true }) as Buffer;
}

const HEADER = ['id', 'situação', 'mensagem'];

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const row = (cells: string[], attributes = '') =>
  `<table:table-row${attributes}>${cells.map((text) => (text === '' ? '<table:table-cell/>' : `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`)).join('')}</table:table-row>`;

/** An .ods as LibreOffice writes one (SheetJS writes no row's visibility): rows with `table:visibility` when hidden. */
function ods(name: string, rows: string[]): Buffer {
  return buildZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
    {
      name: 'META-INF/manifest.xml',
      data: '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    },
    { name: 'styles.xml', data: '<?xml version="1.0"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' },
    {
      name: 'content.xml',
      data: `<?xml version="1.0"?><office:document-content ${NS}><office:body><office:spreadsheet><table:table table:name="${name}"><table:table-column table:number-columns-repeated="3"/>${rows.join('')}</table:table></office:spreadsheet></office:body></office:document-content>`,
    },
  ]);
}

describe('a hidden row of a workbook answer', () => {
  it('is applied like the others, and the result names it', async () => {
    const path = writeAck(desk, 'resposta.xlsx', workbook([{ name: 'Resposta', rows: [HEADER, [ids[0], 'aplicada', ''], [ids[1], 'rejeitada', 'linha oculta'], [ids[2], 'aplicada', '']], hiddenRows: [3] }]));
    const result = await importAck(desk, path);
    expect(result).toMatchObject({ applied: 2, rejected: 1 });
    expect(result.hiddenRows).toEqual([{ sheet: 'Resposta', count: 1, first: [3] }]);
  });

  it('is counted by sheet in an answer of two sheets', async () => {
    const path = writeAck(
      desk,
      'resposta.xlsx',
      workbook([
        { name: 'Aplicadas', rows: [HEADER, [ids[0], 'aplicada', ''], [ids[1], 'aplicada', '']], hiddenRows: [2, 3] },
        { name: 'Rejeitadas', rows: [HEADER, [ids[2], 'rejeitada', 'E-mail já usado']] },
      ]),
    );
    const result = await importAck(desk, path);
    expect(result.hiddenRows).toEqual([{ sheet: 'Aplicadas', count: 2, first: [2, 3] }]);
  });

  it('is found in an .ods too, hidden by a filter', async () => {
    const path = writeAck(desk, 'resposta.ods', ods('Resposta', [row(HEADER), row([ids[0], 'aplicada', '']), row([ids[1], 'rejeitada', 'linha oculta'], ' table:visibility="filter"')]));
    const result = await importAck(desk, path);
    expect(result).toMatchObject({ applied: 1, rejected: 1 });
    expect(result.hiddenRows).toEqual([{ sheet: 'Resposta', count: 1, first: [3] }]);
  });

  it('none hidden: none named', async () => {
    const path = writeAck(desk, 'resposta.xlsx', workbook([{ name: 'Resposta', rows: [HEADER, [ids[0], 'aplicada', '']] }]));
    expect((await importAck(desk, path)).hiddenRows).toEqual([]);
  });
});
