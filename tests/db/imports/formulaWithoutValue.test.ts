// A formula is read as the value the spreadsheet program saved with it, never evaluated. A file
// written by a script (openpyxl, a report generator) can hold formulas that were never calculated,
// with no saved value: read as empty they would make a row "unchanged" while the clerk sees a name
// in Excel. Such a file is refused, naming the cell and what to do.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { openSpreadsheet } from '../../../db/imports/readers/open';
import { tempDir } from '../fixtures';

const dir = tempDir();
afterAll(() => dir.cleanup());

function book(cells: Record<string, XLSX.CellObject>): string {
  const ws = XLSX.utils.aoa_to_sheet([['Registro', 'Nome da mãe', 'Motivo']]);
  Object.assign(ws, cells);
  ws['!ref'] = 'A1:C3';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Correções');
  const path = dir.file(`formulas-${Object.keys(cells).join('')}.xlsx`);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return path;
}

function rowsOf(path: string): string[][] {
  const source = openSpreadsheet(path, 'correcoes.xlsx');
  try {
    return [...source.rows('Correções')].map((r) => r.cells);
  } finally {
    source.close();
  }
}

describe('formula cells without a saved value', () => {
  it('refuses the file, naming the cell, instead of reading the name as empty', () => {
    const path = book({ A2: { t: 's', v: '1045' }, B2: { t: 's', f: 'UPPER("maria da silva")' } as XLSX.CellObject, C2: { t: 's', v: 'Certidão apresentada' } });
    let refusal: { code?: string; message: string } | null = null;
    try {
      rowsOf(path);
    } catch (error) {
      refusal = error as { code?: string; message: string };
    }
    expect(refusal?.code).toBe('FILE_UNREADABLE');
    expect(refusal?.message).toMatch(/célula B2 .*fórmula/);
    expect(refusal?.message).toMatch(/Excel ou no LibreOffice/);
  });

  it('reads a formula with its saved value, and one whose saved value is empty, as saved', () => {
    const path = book({
      A2: { t: 's', v: '1045' },
      B2: { t: 's', v: 'Maria da Silva', f: 'UPPER("maria da silva")' },
      A3: { t: 's', v: '1046' },
      B3: { t: 's', v: '', f: 'IF(1,"","x")' },
    });
    expect(rowsOf(path).slice(1)).toEqual([['1045', 'Maria da Silva'], ['1046']]);
  });
});
