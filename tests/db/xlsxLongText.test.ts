// Excel holds at most 32 767 characters in a cell, and the library that writes the desk's xlsx
// files refuses a longer text outright. A CSV imported with a longer cell (a pasted text, a broken
// export) must still get its error report, and no xlsx the desk writes may fail on one long value.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { saveImportReport, writeErrorReport } from '../../db/imports/report';
import { EXCEL_CELL_MAX, xlsxBytes } from '../../db/sheetjs';

const dir = mkdtempSync(join(tmpdir(), 'cress-xlsx-long-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errors = [{ row: 2, column: 'Motivo', code: 'REASON_REQUIRED', message: 'Motivo curto demais: escreva pelo menos 5 caracteres.' }];

function cellsOf(path: string): string[][] {
  const book = XLSX.read(readFileSync(path));
  const sheet = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
  return XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
}

describe('texts longer than an Excel cell', () => {
  it('an import error report with a 40 000-character cell is saved, the cell cut to fit and saying so, the rest intact', () => {
    const long = 'a'.repeat(40_000);
    const path = join(dir, 'relatorio.xlsx');
    expect(saveImportReport('corrections', path, ['Registro', 'Motivo', 'Observações'], [{ row: 2, cells: ['1045', 'x', long], errors }], null)).toBeNull();
    const [header, row] = cellsOf(path);
    expect(header).toEqual(['Linha original', 'Registro', 'Motivo', 'Observações', 'Situação da linha', 'Erros', 'Código do erro']);
    expect(row?.slice(0, 3)).toEqual(['2', '1045', 'x']);
    const cut = row?.[3] as string;
    expect(cut.length).toBeLessThanOrEqual(EXCEL_CELL_MAX);
    expect(cut.startsWith('a'.repeat(30_000))).toBe(true);
    expect(cut).toMatch(/cortado.*40\.000 caracteres/);
    expect(row?.[4]).toBe('recusada');
    expect(row?.[5]).toContain('Motivo curto demais');
  });

  it('the report of a finished import is written too, not refused as an internal error', () => {
    const path = join(dir, 'historico.xlsx');
    expect(() => writeErrorReport('corrections', path, ['Registro', 'Observações'], [{ row: 5, cells: ['1045', 'b'.repeat(100_000)], errors }], true)).not.toThrow();
    expect((cellsOf(path)[1]?.[2] as string).length).toBeLessThanOrEqual(EXCEL_CELL_MAX);
  });

  it('never cuts a character in half, and leaves a text that fits as it is', () => {
    const emoji = 'a'.repeat(EXCEL_CELL_MAX - 40) + '😀'.repeat(100);
    const fits = 'c'.repeat(EXCEL_CELL_MAX);
    const path = join(dir, 'emoji.xlsx');
    writeFileSync(path, xlsxBytes([['A', 'B'], [emoji, fits]], 'Planilha', [10, 10]));
    const [, row] = cellsOf(path);
    expect(row?.[1]).toBe(fits);
    const cut = row?.[0] as string;
    expect(cut.length).toBeLessThanOrEqual(EXCEL_CELL_MAX);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
