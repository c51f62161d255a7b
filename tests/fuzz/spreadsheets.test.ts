// Hostile spreadsheets for the import readers: generated and mutated CSV (UTF-8 and Windows-1252),
// xlsx and ods, then the classics (bombs, entities, prototype names, formulas, huge cells and
// rows, duplicated parts). Every case ends in rows or a clear error, fast, within bounded memory;
// an import that ends in an error leaves the store exactly as it was.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { inspectImport } from '../../db/imports/inspect';
import { openSpreadsheet } from '../../db/imports/readers/open';
import { addPeople } from '../fixtures/imports/people';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';
import { buildXlsx, buildZip } from '../fixtures/imports/zipWriter';
import { openTestDesk, tempDir, type TestDesk } from '../db/fixtures';
import { byteMutationsArb, cellArb, csvBytes, csvShapeArb, fc, mutateBytes, mutateZip, nestedBomb, prototypeKeys, rawZip, rssMb, RSS_GROWTH_LIMIT_MB, runCase, storeDigest, tableArb, unzipEntries, xmlSafe, zeroBombDeflate, zipMutationsArb, zipWithBombAt } from './generators';
import { hostileRun } from './hostileRun';

const run = hostileRun('planilhas');
const tally = run.tally;
const dir = tempDir();
const protoBefore = prototypeKeys();
let desk: TestDesk;

beforeAll(() => {
  desk = openTestDesk();
  addPeople(desk.store);
});
afterAll(() => {
  desk.cleanup();
  dir.cleanup();
});

function file(name: string, bytes: Buffer | string): string {
  const path = dir.file(name);
  writeFileSync(path, bytes);
  return path;
}

/** Every row of every sheet, as the import reads them. */
function readAll(path: string, name: string): number {
  const source = openSpreadsheet(path, name);
  let rows = 0;
  try {
    for (const sheet of source.sheets) {
      for (const row of source.rows(sheet.name)) {
        rows++;
        if (!row.cells.every((c) => typeof c === 'string')) throw new Error(`row ${row.row}: a cell is not text`);
      }
    }
  } finally {
    source.close();
  }
  return rows;
}

function readRows(path: string): string[][] {
  const source = openSpreadsheet(path, path.replace(/^.*[\\/]/, ''));
  try {
    return source.sheets.flatMap((sheet) => [...source.rows(sheet.name)].map((r) => r.cells));
  } finally {
    source.close();
  }
}

const describeBytes = (bytes: Buffer) => `${bytes.length} bytes: ${bytes.subarray(0, 120).toString('hex')}…`;

/** A name SheetJS accepts for a sheet (no []:*?/\, up to 31 characters, unique). */
function sheetNames(raw: string[]): string[] {
  const names: string[] = [];
  for (const name of raw) {
    let clean = xmlSafe(name).replace(/[[\]:*?/\\]/g, '').slice(0, 31).trim().replace(/^'+|'+$/g, '') || 'Planilha';
    while (names.includes(clean)) clean = `${clean.slice(0, 28)}${names.length}`;
    names.push(clean);
  }
  return names;
}

const workbookArb = fc.record({
  sheets: fc.array(fc.record({ name: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'Correções'), fc.string({ maxLength: 40 })), rows: tableArb }), { minLength: 1, maxLength: 3 }),
  formula: fc.boolean(),
});

interface Book {
  sheets: { name: string; rows: string[][] }[];
  formula: boolean;
}

function workbookBytes(book: Book, type: 'xlsx' | 'ods'): Buffer {
  const wb = XLSX.utils.book_new();
  const names = sheetNames(book.sheets.map((s) => s.name));
  book.sheets.forEach((sheet, i) => {
    // Cells SheetJS cannot write (lone surrogates, control characters) are written as XML would hold them.
    const rows = sheet.rows.map((row) => row.map(xmlSafe));
    const ws = XLSX.utils.aoa_to_sheet(rows);
    if (book.formula) ws.A1 = { t: 'n', v: 7, f: 'SUM(1,1)' };
    XLSX.utils.book_append_sheet(wb, ws, names[i]);
  });
  return XLSX.write(wb, { type: 'buffer', bookType: type }) as Buffer;
}

describe('generated and mutated files', () => {
  it('CSV in UTF-8 and Windows-1252: quotes, separators, line breaks, BOMs, invalid bytes', () => {
    fc.assert(
      fc.property(tableArb, csvShapeArb, fc.option(byteMutationsArb, { freq: 2 }), (rows, shape, mutations) => {
        const clean = csvBytes(rows, shape);
        const bytes = mutations ? mutateBytes(clean, mutations) : clean;
        const path = file('caso.csv', bytes);
        runCase(tally, shape.encoding === 'utf-8' ? 'CSV UTF-8' : 'CSV Windows-1252', describeBytes(bytes), () => readAll(path, 'caso.csv'));
      }),
      { seed: 60101, numRuns: 1500 },
    );
  });

  it('xlsx written by SheetJS, then bytes flipped, cut, inserted, deleted', () => {
    fc.assert(
      fc.property(workbookArb, byteMutationsArb, (book, mutations) => {
        const bytes = mutateBytes(workbookBytes(book, 'xlsx'), mutations);
        const path = file('caso.xlsx', bytes);
        runCase(tally, 'xlsx', JSON.stringify(mutations), () => readAll(path, 'caso.xlsx'));
      }),
      { seed: 60102, numRuns: 700 },
    );
  });

  it('xlsx with its parts shuffled, duplicated, dropped, renamed and their XML filled with junk', () => {
    fc.assert(
      fc.property(workbookArb, zipMutationsArb, (book, mutations) => {
        const bytes = mutateZip(unzipEntries(workbookBytes(book, 'xlsx')), mutations);
        const path = file('caso.xlsx', bytes);
        runCase(tally, 'xlsx', JSON.stringify(mutations), () => readAll(path, 'caso.xlsx'));
      }),
      { seed: 60103, numRuns: 700 },
    );
  });

  it('ods written by SheetJS, then mutated in its bytes and in its structure', () => {
    fc.assert(
      fc.property(workbookArb, fc.oneof(byteMutationsArb.map((m) => ({ bytes: m })), zipMutationsArb.map((m) => ({ zip: m }))), (book, mutation) => {
        const clean = workbookBytes(book, 'ods');
        const bytes = 'bytes' in mutation ? mutateBytes(clean, mutation.bytes) : mutateZip(unzipEntries(clean), mutation.zip);
        const path = file('caso.ods', bytes);
        runCase(tally, 'ods', JSON.stringify(mutation), () => readAll(path, 'caso.ods'));
      }),
      { seed: 60104, numRuns: 400 },
    );
  });

  it('whole imports of hostile files: a result, or a clear error and the store untouched', () => {
    const header = ['CPF', 'E-mail', 'Nome da mãe'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(cellArb, fc.constantFrom('01234567890', '52998224725', 'nova@exemplo.com.br')), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        csvShapeArb,
        fc.constantFrom('csv', 'xlsx'),
        fc.option(byteMutationsArb, { freq: 2 }),
        fc.boolean(),
        (rows, shape, format, mutations, dryRun) => {
          const clean = format === 'csv' ? csvBytes([header, ...rows], { ...shape, quoting: 'needed' }) : buildXlsx([header, ...rows.map((r) => r.map(xmlSafe))]);
          const bytes = mutations ? mutateBytes(clean, mutations) : clean;
          const path = file(`importacao.${format}`, bytes);
          const before = storeDigest(desk.store.db);
          const verdict = runCase(tally, `importação (${format})`, describeBytes(bytes), () => {
            runImport(importInput(path, { kind: 'corrections', dryRun, force: true }), jobContext(desk.store.path));
          });
          if (verdict === 'error') expect(storeDigest(desk.store.db)).toBe(before);
        },
      ),
      { seed: 60105, numRuns: 300 },
    );
  });
});

/** The refusal of a file: its code and message, how long it took, how much memory it added. */
function refusal(name: string, bytes: Buffer): { code: string; message: string; ms: number; rssGrowthMb: number } {
  const path = file(name, bytes);
  const rss = rssMb();
  const started = performance.now();
  try {
    readAll(path, name);
  } catch (error) {
    const e = error as { code?: string; message: string };
    tally.add('clássicos', 'error', performance.now() - started);
    return { code: e.code ?? 'none', message: e.message, ms: performance.now() - started, rssGrowthMb: rssMb() - rss };
  }
  throw new Error(`${name} was read without complaint`);
}

/** The parts of a small valid xlsx, to put hostile ones among. */
function xlsxParts(): { name: string; data: Buffer }[] {
  return unzipEntries(buildXlsx([['CPF', 'E-mail'], ['01234567890', 'a@exemplo.com.br']]));
}

describe('the classics', () => {
  it('a zip bomb: a 2 MB file whose sheet expands to 2 GiB is refused from its directory, at once', () => {
    const deflated = zeroBombDeflate(2048);
    expect(deflated.length).toBeLessThan(4 * 1024 * 1024);
    const honest = zipWithBombAt(xlsxParts(), 'xl/worksheets/sheet1.xml', 2 ** 31);
    const result = refusal('bomba.xlsx', honest);
    expect(result).toMatchObject({ code: 'FILE_UNSAFE', message: expect.stringMatching(/bomba zip/) });
    expect(result.ms).toBeLessThan(1000);
    expect(result.rssGrowthMb).toBeLessThan(100);
  });

  it('a zip bomb that lies about its size (declares 1 KB, expands to 2 GiB) is stopped as soon as it overflows', () => {
    const liar = zipWithBombAt(xlsxParts(), 'xl/worksheets/sheet1.xml', 1024);
    const result = refusal('mentirosa.xlsx', liar);
    expect(['FILE_UNSAFE', 'FILE_UNREADABLE']).toContain(result.code);
    expect(result.ms).toBeLessThan(1000);
    expect(result.rssGrowthMb).toBeLessThan(100);
  });

  it('a 42.zip-like nest of zips is never unpacked: refused as a zip without a spreadsheet, or as damaged', () => {
    const inner = rawZip([{ name: 'bomba.bin', compressed: zeroBombDeflate(64), size: 64 * 1024 * 1024, crc: 0 }]);
    const nest = nestedBomb(3, 3, inner);
    expect(refusal('42.xlsx', nest)).toMatchObject({ code: 'FILE_UNREADABLE', ms: expect.any(Number) });
    const asSheet = buildZip([...xlsxParts().filter((p) => p.name !== 'xl/worksheets/sheet1.xml'), { name: 'xl/worksheets/sheet1.xml', data: nest, method: 0 }]);
    const result = refusal('42-aba.xlsx', asSheet);
    expect(['FILE_UNSAFE', 'FILE_UNREADABLE']).toContain(result.code);
    expect(result.ms).toBeLessThan(1000);
  });

  it('XML entity expansion ("billion laughs") and external entities, in every part of an xlsx and in an ods', () => {
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    const external = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
    for (const prolog of [laughs, external]) {
      for (const target of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']) {
        const parts = xlsxParts().map((p) => (p.name === target ? { name: p.name, data: p.data.toString().replace(/(<\?xml[^>]*\?>\s*)/, `$1${prolog}`).replace('CPF', '&lol9;&xxe;') } : p));
        const path = file('entidades.xlsx', buildZip(parts));
        if (target === '[Content_Types].xml') {
          // The one part the reader never parses (it only checks that it exists): the file reads as if it were clean.
          expect(readRows(path)).toEqual([['CPF', 'E-mail'], ['01234567890', 'a@exemplo.com.br']]);
          continue;
        }
        const result = refusal('entidades.xlsx', readFileSync(path));
        expect(result.code, target).toBe('FILE_UNSAFE');
        expect(result.message).toMatch(/DOCTYPE\/ENTITY/);
      }
      const ods = unzipEntries(workbookBytes({ sheets: [{ name: 'A', rows: [['CPF']] }], formula: false }, 'ods')).map((p) =>
        p.name === 'content.xml' ? { name: p.name, data: p.data.toString().replace(/(<\?xml[^>]*\?>\s*)/, `$1${prolog}`) } : p,
      );
      expect(refusal('entidades.ods', buildZip(ods)).code).toBe('FILE_UNSAFE');
    }
    expect(readdirSync(dir.dir).some((f) => f.includes('passwd'))).toBe(false);
  });

  it('__proto__, constructor and prototype as headers and as sheet names stay plain data; Object.prototype is untouched', () => {
    const hostile = ['__proto__', 'constructor', 'prototype'];
    const rows = [[...hostile, 'CPF', 'E-mail'], ['{"polluted":1}', 'x', 'y', '01234567890', 'a@exemplo.com.br']];
    const book = { sheets: hostile.map((name) => ({ name, rows })), formula: false };
    const files = [file('proto.xlsx', workbookBytes(book, 'xlsx')), file('proto.ods', workbookBytes(book, 'ods')), file('proto.csv', rows.map((r) => r.join(';')).join('\r\n'))];
    for (const path of files) {
      const name = path.replace(/^.*[\\/]/, '');
      const result = inspectImport({ path, name }, jobContext(desk.store.path));
      tally.add('clássicos', 'result', 0);
      if (!name.endsWith('.csv')) expect(result.sheets.map((s) => s.name)).toEqual(hostile);
      for (const sheet of result.sheets) expect(sheet.headers).toEqual([...hostile, 'CPF', 'E-mail']);
      const summary = runImport(importInput(path, { kind: 'corrections', dryRun: true, force: true }), jobContext(desk.store.path));
      expect(summary.headers.slice(0, 3)).toEqual(hostile);
    }
    expect(prototypeKeys()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
  });

  it('formula cells are read as their saved values, never evaluated', () => {
    const ws = XLSX.utils.aoa_to_sheet([['CPF', 'Total']]);
    ws.A2 = { t: 'n', v: 5, f: '1+1' };
    ws.B2 = { t: 's', v: 'salvo', f: 'WEBSERVICE("http://exemplo.invalid/")' };
    ws.C2 = { t: 's', v: '=1+1' };
    ws['!ref'] = 'A1:C2';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Fórmulas');
    for (const type of ['xlsx', 'ods'] as const) {
      const path = file(`formulas.${type}`, XLSX.write(wb, { type: 'buffer', bookType: type }) as Buffer);
      const source = openSpreadsheet(path, `formulas.${type}`);
      try {
        const rows = [...source.rows('Fórmulas')];
        expect(rows[1]?.cells.slice(0, 3)).toEqual(['5', 'salvo', '=1+1']);
      } finally {
        source.close();
      }
      tally.add('clássicos', 'result', 0);
    }
    const csv = file('formulas.csv', 'CPF;Total\r\n=1+1;=cmd|\' /C calc\'!A0\r\n');
    const source = openSpreadsheet(csv, 'formulas.csv');
    try {
      expect([...source.rows('formulas')][1]?.cells).toEqual(['=1+1', "=cmd|' /C calc'!A0"]);
    } finally {
      source.close();
    }
  });

  it('a 1 MB cell is read whole (CSV, xlsx), or refused clearly — never cut silently', () => {
    // Text that compresses like real text, not like a bomb: 1 MiB of varied words with accents.
    let seed = 7;
    const words = ['maçã', 'coração', 'José', 'São', 'Paulo', 'rua', 'nº', '123', 'e-mail', 'órgão'];
    let big = '';
    while (big.length < 1024 * 1024) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      big += `${words[seed % words.length]}${seed % 97} `;
    }
    for (const [name, bytes] of [
      ['grande.csv', Buffer.from(`CPF;Observação\r\n01234567890;"${big}"\r\n`, 'utf8')],
      ['grande.xlsx', buildXlsx([['CPF', 'Observação'], ['01234567890', big]])],
    ] as const) {
      const path = file(name, bytes);
      const source = openSpreadsheet(path, name);
      try {
        const rows = [...source.rows(source.sheets[0]!.name)];
        expect(rows[1]?.cells[1]?.length).toBe(big.length);
        expect(rows[1]?.cells[1] === big).toBe(true);
      } finally {
        source.close();
      }
      tally.add('clássicos', 'result', 0);
    }
  });

  it('100 000 columns are refused with a clear message (CSV, xlsx)', () => {
    const wide = Array.from({ length: 100_000 }, (_, i) => `C${i}`);
    const csv = refusal('larga.csv', Buffer.from(`${wide.join(';')}\r\n${wide.join(';')}\r\n`));
    expect(csv.code).toBe('FILE_UNREADABLE');
    expect(csv.message).toMatch(/colunas demais/);
    const xlsx = refusal('larga.xlsx', buildXlsx([wide, wide]));
    expect(['FILE_UNREADABLE', 'FILE_UNSAFE']).toContain(xlsx.code);
    expect(xlsx.ms).toBeLessThan(5000);
  });

  it('duplicated zip entries (also differing only in case) are refused, never one of them picked silently', () => {
    const parts = xlsxParts();
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const other = { name: sheet.name, data: Buffer.from(sheet.data.toString().replace('<v>0</v>', '<v>1</v>')) };
    for (const extra of [other, { name: 'xl/workbook.xml', data: parts.find((p) => p.name === 'xl/workbook.xml')!.data }]) {
      for (const order of [[...parts, extra], [extra, ...parts]]) {
        const result = refusal('duplicada.xlsx', buildZip(order));
        expect(result.code).toBe('FILE_UNSAFE');
        expect(result.message).toMatch(/aparece duas vezes/);
      }
    }
    // A part differing only in case is not the sheet the workbook names: it is never read.
    expect(readRows(file('caixa.xlsx', buildZip([...parts, { ...other, name: 'XL/Worksheets/Sheet1.xml' }])))).toEqual([['CPF', 'E-mail'], ['01234567890', 'a@exemplo.com.br']]);
  });
});

describe('the whole run', () => {
  it('left memory bounded and Object.prototype untouched', () => {
    expect(tally.total()).toBeGreaterThan(2000);
    expect(rssMb() - run.rssBefore).toBeLessThan(RSS_GROWTH_LIMIT_MB);
    expect(prototypeKeys()).toEqual(protoBefore);
  });
});
