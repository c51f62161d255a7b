// A spreadsheet crafted with formulas in its cells (=HYPERLINK, +cmd, @SUM) comes back to the clerk
// in the error report of its rejected rows: every xlsx the desk writes shows such a cell as text a
// formula cannot be made of when the clerk edits it, and the desk reads its own report back as the
// value the file had.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { saveImportReport } from '../../db/imports/report';
import { openSpreadsheet } from '../../db/imports/readers/open';
import { unneutralizeCell } from '../../shared/spreadsheetSafety';

const dir = mkdtempSync(join(tmpdir(), 'cress-xlsx-formulas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = ['=HYPERLINK("http://exemplo.invalid","clique")', '+5511912345678', '@SUM(1,1)', '-2+3'];

function cellsOf(path: string): string[][] {
  const book = XLSX.read(readFileSync(path));
  const sheet = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
  return XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
}

describe('formulas in the cells of an import error report', () => {
  it('every rejected cell, header and error text starting like a formula is written guarded by an apostrophe', () => {
    const path = join(dir, 'relatorio.xlsx');
    const errors = [{ row: 2, column: '=cmd|calc', code: 'REASON_REQUIRED', message: 'Motivo curto demais.' }];
    expect(saveImportReport('corrections', path, ['Registro', '=cmd|calc', 'Nome', 'Telefone', 'Obs'], [{ row: 2, cells: ['1045', ...HOSTILE], errors }], null)).toBeNull();
    const [header, row] = cellsOf(path);
    expect(header?.[2]).toBe("'=cmd|calc");
    expect(row?.slice(2, 6)).toEqual(HOSTILE.map((h) => `'${h}`));
    expect(row?.[7]).toBe("'=cmd|calc: Motivo curto demais.");
  });

  it('the report read back gives the values the crafted file had', () => {
    const path = join(dir, 'volta.xlsx');
    const errors = [{ row: 3, column: 'Nome', code: 'NAME_INVALID', message: 'Nome inválido.' }];
    saveImportReport('corrections', path, ['Registro', 'Nome', 'Telefone', 'Obs', 'Mais'], [{ row: 3, cells: ['1045', ...HOSTILE], errors }], null);
    const source = openSpreadsheet(path, 'volta.xlsx');
    try {
      const sheet = source.sheets[0]?.name as string;
      const rows = [...source.rows(sheet)];
      expect(rows[1]?.cells.slice(2, 6).map(unneutralizeCell)).toEqual(HOSTILE);
    } finally {
      source.close();
    }
  });
});
