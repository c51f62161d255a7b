// The sheet an import reads and its header row: the first row that is not blank.
import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { ImportKind } from '../../shared/contract/imports';
import { AppError } from '../../shared/errors';
import { checkMapping, suggestMapping, targetOfHeader } from './headers';
import { isBlankRow, type RawRow, type SpreadsheetSource } from './readers/source';

export interface HeaderRow {
  headers: string[];
  /** Its number in the sheet; null for a sheet with no rows at all. */
  row: number | null;
}

/** A header cell as its name is compared: spaces and line breaks collapsed, trimmed. */
function headerText(cell: string): string {
  return cell.replace(/\s+/g, ' ').trim();
}

function headerOf(raw: RawRow): HeaderRow {
  const headers = raw.cells.map(headerText);
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return { headers, row: raw.row };
}

export function readHeader(source: SpreadsheetSource, sheet: string): HeaderRow {
  for (const raw of source.rows(sheet)) {
    if (!isBlankRow(raw.cells)) return headerOf(raw);
  }
  return { headers: [], row: null };
}

/** Rows below the header looked at for the real one, when the header names no column the desk knows. */
const TITLE_ROWS_LOOKED_AT = 10;

/**
 * A title above the table ("Correções de março") is the first row that is not blank, so it is read
 * as the header, and the file seems to lack every column. The row a few lines below whose cells
 * name at least two columns the desk knows, when the header names none: what the refusal points to.
 */
function headerBelow(source: SpreadsheetSource, sheet: string, header: HeaderRow): HeaderRow | null {
  if (header.row === null || header.headers.some((h) => targetOfHeader(h) !== null)) return null;
  let looked = 0;
  for (const raw of source.rows(sheet)) {
    if (raw.row <= header.row || isBlankRow(raw.cells)) continue;
    const headers = raw.cells.map(headerText);
    if (headers.filter((h) => targetOfHeader(h) !== null).length >= 2) return { headers: headers.filter((h) => h !== ''), row: raw.row };
    if (++looked >= TITLE_ROWS_LOOKED_AT) break;
  }
  return null;
}

/** The refusal naming the title read as the header and the row below that looks like the header; null when none does. */
export function titleAboveHeader(source: SpreadsheetSource, sheet: string, header: HeaderRow): AppError | null {
  const below = headerBelow(source, sheet, header);
  if (below === null) return null;
  const names = below.headers.slice(0, 3).map((h) => `“${h}”`).join(', ');
  return new AppError(
    'MAPPING_INVALID',
    `A linha ${header.row} (“${header.headers.find((h) => h !== '') ?? ''}”) foi lida como o cabeçalho, por ser a primeira preenchida, e não nomeia nenhuma coluna conhecida; os nomes das colunas parecem estar na linha ${below.row} (${names}${below.headers.length > 3 ? '…' : ''}). Apague as linhas acima do cabeçalho e importe de novo. Nada foi importado.`,
  );
}

/** Rows looked at for the sample values the columns step shows under each header. */
const SAMPLE_ROWS_READ = 20;

/** Up to `count` different values of each column, from the first data rows: what the clerk recognises a column by. */
export function readSamples(source: SpreadsheetSource, sheet: string, header: HeaderRow, count = 3): { samples: string[][]; headerOnly: boolean } {
  const samples: string[][] = header.headers.map(() => []);
  if (header.row === null) return { samples, headerOnly: false };
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
  // No row but blank ones after the header: the import would refuse it, so the clerk is told at once.
  return { samples, headerOnly: read === 0 };
}

function headerFits(kind: ImportKind, headers: string[]): boolean {
  try {
    checkMapping(kind, headers, suggestMapping(kind, headers));
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a sheet's header fits the kind, and whether a row follows it. Read no further than the
 * first data row (or the header, when it does not fit): choosing costs a few rows per sheet.
 */
function sheetFit(source: SpreadsheetSource, sheet: string, kind: ImportKind): 'none' | 'headerOnly' | 'rows' {
  let fits = false;
  for (const raw of source.rows(sheet)) {
    if (isBlankRow(raw.cells)) continue;
    if (fits) return 'rows';
    if (!headerFits(kind, headerOf(raw).headers)) return 'none';
    fits = true;
  }
  return fits ? 'headerOnly' : 'none';
}

/**
 * The sheet named, or (when none is) the first visible one whose headers fit the kind and that has
 * rows: a sheet with only the header (a template kept before the data) is passed over. When none
 * has rows, the first that fits, which the import refuses saying it has only the header.
 */
export function chooseSheet(source: SpreadsheetSource, requested: string, kind: ImportKind): string {
  if (requested !== '') {
    if (source.sheets.some((s) => s.name === requested)) return requested;
    throw new AppError('SHEET_NOT_FOUND', `A aba “${requested}” não existe nesta planilha. Abas: ${source.sheets.map((s) => `“${s.name}”`).join(', ')}.`);
  }
  const visible = source.sheets.filter((s) => !s.hidden);
  let headerOnly: string | null = null;
  for (const sheet of visible) {
    const fit = sheetFit(source, sheet.name, kind);
    if (fit === 'rows') return sheet.name;
    if (fit === 'headerOnly') headerOnly ??= sheet.name;
  }
  return headerOnly ?? (visible[0] ?? source.sheets[0])?.name ?? '';
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
