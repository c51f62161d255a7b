// The readers on files made by LibreOffice (committed, see tests/fixtures/imports/make-fixtures.sh)
// and on files nobody should trust, built here: each is refused quickly with a clear message.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { DEFAULT_LIMITS } from '../../../db/imports/readers/limits';
import { openSpreadsheet } from '../../../db/imports/readers/open';
import { isBlankRow, type RawRow } from '../../../db/imports/readers/source';
import { fixture } from '../../fixtures/imports/jobs';
import { buildXlsx, buildZip } from '../../fixtures/imports/zipWriter';
import { tempDir } from '../fixtures';

const dir = tempDir();
afterAll(() => dir.cleanup());

function read(path: string, name = path): { format: string; sheets: { name: string; hidden: boolean }[]; rows: Record<string, RawRow[]> } {
  const source = openSpreadsheet(path, name);
  try {
    const rows: Record<string, RawRow[]> = {};
    for (const sheet of source.sheets) rows[sheet.name] = [...source.rows(sheet.name)];
    return { format: source.format, sheets: source.sheets.map((s) => ({ ...s })), rows };
  } finally {
    source.close();
  }
}

function file(name: string, bytes: Buffer | string): string {
  const path = dir.file(name);
  writeFileSync(path, bytes);
  return path;
}

/** What the refusal of a file says, and how long it took. */
function refusal(path: string, name = path): { code: string; message: string; ms: number } {
  const started = performance.now();
  try {
    read(path, name);
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { code: e.code ?? 'none', message: e.message, ms: performance.now() - started };
  }
  throw new Error(`${name} was read without complaint`);
}

describe('files written by LibreOffice', () => {
  // A CSV keeps its blank line as a record; spreadsheet files leave blank rows out. Both are skipped.
  const expected = (read(fixture('corrections.csv')).rows.corrections as RawRow[]).filter((r) => !isBlankRow(r.cells));

  it.each(['corrections.xlsx', 'corrections.ods', 'corrections.xls', 'corrections-1252.csv'])('%s gives the same rows as the CSV they came from', (name) => {
    const { rows } = read(fixture(name));
    const sheet = (Object.values(rows)[0] as RawRow[]).filter((r) => !isBlankRow(r.cells));
    expect(sheet.map((r) => r.row)).toEqual(expected.map((r) => r.row));
    // Spreadsheet programs turn "01310100" typed in a CSV into the number 1310100, and CRLF inside a
    // cell into LF; the import's rules undo both. Everything else is the same text.
    const normalise = (cells: string[]) => cells.map((c) => c.replace(/\r\n/g, '\n')).join('|').replace('01310100', '1310100');
    expect(sheet.map((r) => normalise(r.cells))).toEqual(expected.map((r) => normalise(r.cells)));
  });

  it('reads an xlsx sheet again after reading it to its end (its shared strings were let go meanwhile)', () => {
    const source = openSpreadsheet(fixture('corrections.xlsx'), 'corrections.xlsx');
    try {
      const sheet = source.sheets[0]?.name as string;
      const first = [...source.rows(sheet)];
      expect([...source.rows(sheet)]).toEqual(first);
      expect(first.some((r) => r.cells.some((c) => /[a-z]/i.test(c)))).toBe(true);
    } finally {
      source.close();
    }
  });

  it.each(['workbook.xlsx', 'workbook.ods', 'workbook.xls'])('%s: every sheet, a formula as its saved value, a date cell, a skipped blank row', (name) => {
    const { sheets, rows } = read(fixture(name));
    expect(sheets.map((s) => s.name)).toEqual(['Instruções', 'Correções', 'Oculta']);
    if (name !== 'workbook.ods') expect(sheets.find((s) => s.name === 'Oculta')?.hidden).toBe(true);
    const data = rows['Correções'] as RawRow[];
    expect(data.map((r) => r.row)).toEqual([1, 2, 3, 5]);
    expect(data[0]?.cells).toEqual(['Registro', 'CPF', 'Nome da mãe', 'Não consta mãe', 'Data de nascimento', 'E-mail']);
    expect(data[1]?.cells[1]).toBe('1234567890');
    expect(data[2]?.cells[0]).toBe('10002'); // =10000+2, read as saved, never evaluated
    expect(data[3]?.cells[4]).toBe('17/05/1981');
  });

  it('reads inline strings, as some exporters write them instead of shared strings', () => {
    const rows = [
      ['CPF', 'Nome da mãe'],
      ['01234567890', 'Maria & Filhos <Ltda>'],
    ];
    const { rows: read1 } = read(file('inline.xlsx', buildXlsx(rows, { inlineStrings: true, numbers: false })));
    expect(read1.Planilha1?.map((r) => r.cells)).toEqual(rows);
  });

  it('reads attributes however a writer quotes and spaces them: a shared string is never taken for a number', () => {
    const rows = [
      ['CPF', 'Nome da mãe', 'Oculta'],
      ['01234567890', 'Maria da Silva', 'x'],
      ['12345678909', 'Ana Souza', 'y'],
    ];
    // Single quotes, a line break or a tab between attributes, and a hidden row: XML allows each.
    const rewrite = (xml: string) =>
      xml
        .replace(/(\w+)="([^"]*)"/g, "$1='$2'")
        .replace(/ s='/g, '\n\ts=\'')
        .replace("<row r='3'", "<row r='3'\thidden='1'");
    const { rows: got } = read(file('quotes.xlsx', buildXlsx(rows, { numbers: false, rewriteRows: rewrite })));
    expect(got.Planilha1?.map((r) => r.cells)).toEqual(rows);
    expect(got.Planilha1?.map((r) => r.hidden ?? false)).toEqual([false, false, true]);
  });

  it('reads .xlsm as data only: the macro project is never opened', () => {
    // A "macro project" that is not even valid: reading the data never looks at it.
    const vba = { name: 'xl/vbaProject.bin', data: Buffer.from('Attribute VB_Name = "Auto_Open"\nShell "calc.exe"') };
    const path = file('macros.xlsm', buildXlsx([['CPF'], ['123']], { extraParts: [vba] }));
    const { format, rows } = read(path);
    expect(format).toBe('xlsm');
    expect(rows.Planilha1?.map((r) => r.cells)).toEqual([['CPF'], ['123']]);
  });
});

describe('files nobody should trust', () => {
  it('refuses a zip bomb from its directory alone, in well under a second', () => {
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200 * 1024 * 1024, 32) },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const result = refusal(file('bomb.xlsx', bomb));
    expect(result.code).toBe('FILE_UNSAFE');
    expect(result.message).toMatch(/bomba zip/);
    expect(result.ms).toBeLessThan(1000);
  });

  it('refuses a bomb that lies about its size as soon as it produces more than it declared', () => {
    const liar = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: '_rels/.rels', data: `<Relationships>${' '.repeat(100_000)}</Relationships>`, declaredSize: 40 },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
    ]);
    expect(refusal(file('liar.xlsx', liar)).code).toBe('FILE_UNSAFE');
  });

  it('refuses a zip with too many parts', () => {
    const parts = Array.from({ length: DEFAULT_LIMITS.maxZipEntries + 1 }, (_, i) => ({ name: `x/${i}.xml`, data: '', method: 0 as const }));
    expect(refusal(file('many.xlsx', buildZip(parts))).message).toMatch(/partes internas/);
  });

  it('refuses XML with DOCTYPE or ENTITY declarations, in the sheet or in the workbook', () => {
    const billionLaughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>';
    const sheet = refusal(file('dtd-sheet.xlsx', buildXlsx([['CPF', '&lol2;'], ['1', '2']], { sheetProlog: billionLaughs })));
    expect(sheet).toMatchObject({ code: 'FILE_UNSAFE' });
    expect(sheet.message).toMatch(/DOCTYPE\/ENTITY/);
    const workbook = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><workbook/>' },
    ]);
    expect(refusal(file('dtd-book.xlsx', workbook)).code).toBe('FILE_UNSAFE');
    const ods = buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
      { name: 'content.xml', data: `<?xml version="1.0"?>${billionLaughs}<office:document-content/>` },
    ]);
    expect(refusal(file('dtd.ods', ods)).code).toBe('FILE_UNSAFE');
  });

  it('reads an .ods whose number style holds text SheetJS would print, and prints nothing of it on the console', () => {
    const ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
    const style = '<number:number-style style:name="N1"><number:number/><style:map style:condition="value()&lt;Zuleica Marcadora 12345678909" style:apply-style-name="N0"/></number:number-style>';
    const cell = (text: string) => `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
    const ods = buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
      { name: 'META-INF/manifest.xml', data: '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"/></manifest:manifest>' },
      { name: 'styles.xml', data: `<?xml version="1.0"?><office:document-styles ${ns}><office:styles>${style}</office:styles></office:document-styles>` },
      {
        name: 'content.xml',
        data: `<?xml version="1.0"?><office:document-content ${ns}><office:automatic-styles>${style}</office:automatic-styles><office:body><office:spreadsheet><table:table table:name="Planilha1"><table:table-row>${cell('CPF')}</table:table-row><table:table-row>${cell('52998224725')}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`,
      },
    ]);
    const printed: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))));
    try {
      expect(read(file('estilos.ods', ods)).rows.Planilha1).toHaveLength(2);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(printed.join('\n')).not.toMatch(/Zuleica|12345678909/);
  });

  it('says a password-protected file is protected (Office encryption, ODF encryption, encrypted zip entries)', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
    const office = refusal(file('secret.xlsx', XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer));
    expect(office.code).toBe('FILE_UNREADABLE');
    expect(office.message).toMatch(/protegida por senha/);
    const ods = buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
      { name: 'META-INF/manifest.xml', data: '<manifest:manifest><manifest:file-entry><manifest:encryption-data/></manifest:file-entry></manifest:manifest>' },
      { name: 'content.xml', data: 'x' },
    ]);
    expect(refusal(file('secret.ods', ods)).message).toMatch(/protegida por senha/);
    const flagged = buildXlsx([['CPF'], ['1']]);
    // Mark the sheet entry encrypted in its directory record (general purpose flag, bit 0).
    const marked = Buffer.from(flagged);
    for (let at = marked.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; at = marked.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      marked[at + 8] = (marked[at + 8] as number) | 1;
    }
    expect(refusal(file('flagged.xlsx', marked)).message).toMatch(/protegida por senha/);
  });

  it('says a file cut short is incomplete', () => {
    const whole = buildXlsx([['CPF', 'E-mail'], ...Array.from({ length: 2000 }, (_, i) => [String(i), `p${i}@exemplo.com.br`])]);
    for (const keep of [0.3, 0.9, 0.999]) {
      const cut = refusal(file(`cut-${keep}.xlsx`, whole.subarray(0, Math.floor(whole.length * keep))));
      expect(cut.code).toBe('FILE_UNREADABLE');
      expect(cut.message).toMatch(/incompleto ou danificado/);
    }
  });

  it('says what is wrong with an empty file, an HTML "xls", a PDF, a picture, an unknown zip or binary', () => {
    expect(refusal(file('vazio.xlsx', ''))).toMatchObject({ code: 'FILE_UNREADABLE', message: expect.stringMatching(/vazio/) });
    expect(refusal(file('export.xls', '<html><body><table><tr><td>CPF</td></tr></table></body></html>')).message).toMatch(/página HTML/);
    expect(refusal(file('doc.pdf', '%PDF-1.7\n1 0 obj')).message).toMatch(/não é uma planilha/);
    expect(refusal(file('foto.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).message).toMatch(/não é uma planilha/);
    expect(refusal(file('fotos.zip', buildZip([{ name: 'a.jpg', data: 'x' }]))).message).toMatch(/compactado \(zip\), mas não contém uma planilha/);
    expect(refusal(file('lixo.csv', Buffer.from([1, 2, 0, 3, 0, 0, 9]))).message).toMatch(/não é uma planilha/);
  });

  it('says a text file named as a spreadsheet is text, not a spreadsheet, whatever its columns', () => {
    const csv = 'CPF;Nome;E-mail\r\n52998224725;Maria da Silva;maria@exemplo.com.br\r\n';
    for (const name of ['correcoes.xlsx', 'correcoes.ods', 'correcoes.xls', 'correcoes.xlsm']) {
      expect(refusal(file(name, csv), name)).toMatchObject({
        code: 'FILE_UNREADABLE',
        message: `O arquivo ${name} não é uma planilha: parece ser texto. Salve-o como .xlsx ou .csv e tente de novo.`,
      });
    }
    // The name shown is the file's own, not the folder it sits in.
    expect(refusal(file('pasta.xlsx', csv)).message).toMatch(/^O arquivo pasta\.xlsx não é uma planilha/);
    // The same text named .csv or .txt is read as the CSV it is.
    for (const name of ['correcoes.csv', 'correcoes.txt']) {
      expect(read(file(name, csv), name).rows.correcoes?.[1]?.cells).toEqual(['52998224725', 'Maria da Silva', 'maria@exemplo.com.br']);
    }
  });

  it('says random bytes named .xlsx are not a spreadsheet, and a real .xlsx under that name is still read', () => {
    let seed = 7;
    const noise = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 256));
    const noisy = refusal(file('aleatorio.xlsx', noise), 'aleatorio.xlsx');
    expect(noisy).toMatchObject({ code: 'FILE_UNREADABLE', message: 'O arquivo aleatorio.xlsx não é uma planilha. Use .xlsx, .xlsm, .ods, .xls ou .csv.' });
    const real = read(file('real.xlsx', buildXlsx([['CPF', 'E-mail'], ['52998224725', 'maria@exemplo.com.br']])), 'real.xlsx');
    expect(real.format).toBe('xlsx');
    expect(Object.values(real.rows)[0]?.map((r) => r.cells)).toEqual([['CPF', 'E-mail'], ['52998224725', 'maria@exemplo.com.br']]);
  });

  it('refuses a file over the size limit before reading it', () => {
    const path = file('grande.csv', 'CPF\n'.repeat(1000));
    expect(() => openSpreadsheet(path, 'grande.csv', { ...DEFAULT_LIMITS, maxFileBytes: 1000 })).toThrow(/limite para importação/);
  });

  it('keeps sheet and header names like __proto__ as plain data, in every format', () => {
    for (const name of ['hostile-names.xlsx', 'hostile-names.ods', 'hostile-names.xls']) {
      const { sheets, rows } = read(fixture(name));
      expect(sheets.map((s) => s.name)).toEqual(['__proto__', 'constructor']);
      expect(rows.__proto__?.[0]?.cells).toEqual(['__proto__', 'constructor', 'CPF', 'E-mail', 'prototype']);
      expect(rows.__proto__?.[1]?.cells[2]).toBe('1234567890');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
