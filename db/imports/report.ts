// The error report: the rejected rows with their original columns, the row each came from, the
// problems in plain Portuguese and their codes apart, as an .xlsx the clerk fixes and imports again
// (the report's own columns are ignored then).
import { writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { REPORT_COLUMNS, type ImportError, type ReportResult } from '../../shared/contract/imports';
import { CHECKING_CACHE_KIB, openJobConnection } from '../connections';
import type { JobContext } from '../jobs/types';
import { headerKey } from './headers';
import { requireImport } from './history';

export interface ReportRow {
  /** The row's number in the file imported. */
  row: number;
  cells: readonly string[];
  errors: readonly ImportError[];
}

export const ERRORS_HEADER = REPORT_COLUMNS.errors;

/** "CPF inválido: … | E-mail: E-mail inválido" — the column named only when the message does not start with it. */
export function errorsText(errors: readonly ImportError[]): string {
  return errors
    .map((e) => (e.column && !headerKey(e.message).startsWith(headerKey(e.column)) ? `${e.column}: ${e.message}` : e.message))
    .join(' | ');
}

/** "EMAIL_INVALID, CPF_INVALID": for support, apart from the words. */
export function errorCodes(errors: readonly ImportError[]): string {
  return [...new Set(errors.map((e) => e.code))].join(', ');
}

const REPORT_KEYS = new Set(Object.values(REPORT_COLUMNS).map(headerKey));

export function writeErrorReport(path: string, headers: readonly string[], rows: readonly ReportRow[]): void {
  // A report imported again: its old report columns are not carried into the new one.
  const kept = headers.map((h, i) => ({ h, i })).filter(({ h }) => !REPORT_KEYS.has(headerKey(h)));
  const table: string[][] = [[REPORT_COLUMNS.row, ...kept.map(({ h }) => h), REPORT_COLUMNS.errors, REPORT_COLUMNS.codes]];
  for (const row of rows) {
    table.push([String(row.row), ...kept.map(({ i }) => row.cells[i] ?? ''), errorsText(row.errors), errorCodes(row.errors)]);
  }
  // Every cell is text: a CPF or CEP keeps its leading zeros, a date stays dd/mm/aaaa.
  const sheet = XLSX.utils.aoa_to_sheet(table, { cellDates: false });
  sheet['!cols'] = [{ wch: 14 }, ...kept.map(({ h }) => ({ wch: Math.min(40, Math.max(10, h.length + 2)) })), { wch: 80 }, { wch: 24 }];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Linhas com erro');
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}

/** The error report of a finished import, rebuilt from its recorded errors (a job). */
export function importReport(input: { id: number; path: string }, context: JobContext): ReportResult {
  const db = openJobConnection(context.storePath, CHECKING_CACHE_KIB);
  try {
    const record = requireImport(db, input.id);
    context.progress({ phase: 'report', label: 'Gerando o relatório de erros…', done: 0, total: null });
    const errors = db
      .prepare('SELECT row, "column", code, message, raw_row AS raw FROM import_errors WHERE import_id = ? ORDER BY row, id')
      .all(input.id) as (ImportError & { raw: string | null })[];
    const rows: ReportRow[] = [];
    let last: { row: number; cells: string[]; errors: ImportError[] } | null = null;
    for (const { raw, ...error } of errors) {
      if (!last || last.row !== error.row) {
        last = { row: error.row, cells: raw ? (JSON.parse(raw) as string[]) : [], errors: [] };
        rows.push(last);
      }
      last.errors.push(error);
    }
    writeErrorReport(input.path, JSON.parse(record.headers) as string[], rows);
    return { path: input.path, rows: rows.length };
  } finally {
    db.close();
  }
}
