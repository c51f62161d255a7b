// The error report: the rejected rows with their original columns, plus "Erros" naming each
// problem, as an .xlsx the clerk fixes and imports again (the "Erros" column is ignored then).
import { writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import type { ImportError, ReportResult } from '../../shared/contract/imports';
import { CHECKING_CACHE_KIB, openJobConnection } from '../connections';
import type { JobContext } from '../jobs/types';
import { requireImport } from './history';

export interface ReportRow {
  cells: readonly string[];
  errors: readonly ImportError[];
}

export const ERRORS_HEADER = 'Erros';

/** "[CPF_INVALID] CPF: CPF inválido: … | [EMAIL_INVALID] E-mail: …" */
export function errorsText(errors: readonly ImportError[]): string {
  return errors.map((e) => `[${e.code}] ${e.column ? `${e.column}: ` : ''}${e.message}`).join(' | ');
}

export function writeErrorReport(path: string, headers: readonly string[], rows: readonly ReportRow[]): void {
  const width = headers.length;
  const table: string[][] = [[...headers, ERRORS_HEADER]];
  for (const row of rows) {
    const cells = Array.from({ length: width }, (_, i) => row.cells[i] ?? '');
    table.push([...cells, errorsText(row.errors)]);
  }
  // Every cell is text: a CPF or CEP keeps its leading zeros, a date stays dd/mm/aaaa.
  const sheet = XLSX.utils.aoa_to_sheet(table, { cellDates: false });
  sheet['!cols'] = [...headers.map((h) => ({ wch: Math.min(40, Math.max(10, h.length + 2)) })), { wch: 80 }];
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
