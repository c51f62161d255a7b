// An .ods is read whole into memory by SheetJS, and past a point (a council's whole registry saved
// from LibreOffice, about 600 MB of XML) it cannot be: the clerk was told the file was damaged and
// to save it again, which changes nothing. It is refused by its size, before it is loaded, saying
// how to import it (as .xlsx, which is read in pieces).
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { DEFAULT_LIMITS } from '../../../db/imports/readers/limits';
import { openSpreadsheet } from '../../../db/imports/readers/open';
import { tempDir } from '../fixtures';

const dir = tempDir();
afterAll(() => dir.cleanup());

function ods(rows: number): string {
  const table = [['Registro', 'Nome'], ...Array.from({ length: rows }, (_, i) => [String(10_000 + i), `Profissional ${i}`])];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(table), 'Cadastro');
  const path = dir.file(`cadastro-${rows}.ods`);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'ods' }) as Buffer);
  return path;
}

describe('an .ods too large to read whole', () => {
  it('is refused by the size of its content, saying to save it as .xlsx, not called damaged', () => {
    const path = ods(2000);
    let refusal: { code?: string; message: string } | null = null;
    try {
      openSpreadsheet(path, 'cadastro.ods', { ...DEFAULT_LIMITS, maxWholeSheetBytes: 10_000 }).close();
    } catch (error) {
      refusal = error as { code?: string; message: string };
    }
    expect(refusal?.code).toBe('FILE_UNREADABLE');
    expect(refusal?.message).toMatch(/\.ods/);
    expect(refusal?.message).toMatch(/\.xlsx/);
    expect(refusal?.message).toMatch(/grande demais/);
    expect(refusal?.message).not.toMatch(/danificad/);
  });

  it('reads one within the limit', () => {
    const source = openSpreadsheet(ods(50), 'cadastro.ods');
    try {
      expect([...source.rows('Cadastro')]).toHaveLength(51);
    } finally {
      source.close();
    }
  });

  it('has a limit that keeps the content under what one text in memory can hold', () => {
    expect(DEFAULT_LIMITS.maxWholeSheetBytes).toBeLessThanOrEqual(256 * 1024 * 1024);
  });
});
