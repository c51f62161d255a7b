// The sheet an import reads and its header row: the first row that is not blank.
import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { ImportKind } from '../../shared/contract/imports';
import { AppError } from '../../shared/errors';
import { checkMapping, suggestMapping } from './headers';
import { isBlankRow, type SpreadsheetSource } from './readers/source';

export interface HeaderRow {
  headers: string[];
  /** Its number in the sheet; null for a sheet with no rows at all. */
  row: number | null;
}

export function readHeader(source: SpreadsheetSource, sheet: string): HeaderRow {
  for (const raw of source.rows(sheet)) {
    if (isBlankRow(raw.cells)) continue;
    const headers = raw.cells.map((cell) => cell.replace(/\s+/g, ' ').trim());
    while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
    return { headers, row: raw.row };
  }
  return { headers: [], row: null };
}

/** Rows looked at for the sample values the columns step shows under each header. */
const SAMPLE_ROWS_READ = 20;

/** Up to `count` different values of each column, from the first data rows: what the clerk recognises a column by. */
export function readSamples(source: SpreadsheetSource, sheet: string, header: HeaderRow, count = 3): string[][] {
  const samples: string[][] = header.headers.map(() => []);
  if (header.row === null) return samples;
  let read = 0;
  for (const raw of source.rows(sheet)) {
    if (raw.row <= header.row || isBlankRow(raw.cells)) continue;
    raw.cells.slice(0, samples.length).forEach((cell, column) => {
      const value = cell.replace(/\s+/g, ' ').trim().slice(0, 60);
      const list = samples[column];
      if (value !== '' && list && list.length < count && !list.includes(value)) list.push(value);
    });
    if (++read >= SAMPLE_ROWS_READ) break;
  }
  return samples;
}

/** The sheet named, or (when none is) the first visible one whose headers fit the kind. */
export function chooseSheet(source: SpreadsheetSource, requested: string, kind: ImportKind): string {
  if (requested !== '') {
    if (source.sheets.some((s) => s.name === requested)) return requested;
    throw new AppError('SHEET_NOT_FOUND', `A aba “${requested}” não existe nesta planilha. Abas: ${source.sheets.map((s) => `“${s.name}”`).join(', ')}.`);
  }
  const visible = source.sheets.filter((s) => !s.hidden);
  for (const sheet of visible) {
    const { headers } = readHeader(source, sheet.name);
    try {
      checkMapping(kind, headers, suggestMapping(kind, headers));
      return sheet.name;
    } catch {
      // Not this one: try the next sheet.
    }
  }
  return (visible[0] ?? source.sheets[0])?.name ?? '';
}

/** SHA-256 of the file, read in chunks: the same file imported twice is recognised by it. */
export function fileSha256(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
