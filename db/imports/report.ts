// The error report: the rejected rows with their original columns, the row each came from, the
// problems in plain Portuguese and their codes apart, as an .xlsx the clerk fixes and imports again
// (the report's own columns are ignored then). Saved whole or not at all; one an import could not
// save after writing its rows is a warning in the import's answer, never a failure of the import.
import { xlsxBytes } from '../sheetjs';
import { isImportWarning, REPORT_COLUMNS, type ImportError, type ReportResult } from '../../shared/contract/imports';
import { CHECKING_CACHE_KIB, openJobConnection } from '../connections';
import { writeExportFile, writeFileWhole } from '../exportFile';
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

/** Whether the row of an import of `kind` went in (or would) with a warning: all its problems are warnings. */
export function onlyWarned(kind: string, errors: readonly ImportError[]): boolean {
  return errors.length > 0 && errors.every((e) => isImportWarning(kind, e.code));
}

/** A row's situation: refused, or with a warning — imported, or not when the import wrote nothing. */
function situationOf(kind: string, errors: readonly ImportError[], written: boolean): string {
  if (!onlyWarned(kind, errors)) return 'recusada';
  return written ? 'importada com aviso' : 'com aviso (não gravada)';
}

function reportBytes(kind: string, headers: readonly string[], rows: readonly ReportRow[], written: boolean): Buffer {
  // A report imported again: its old report columns are not carried into the new one.
  const kept = headers.map((h, i) => ({ h, i })).filter(({ h }) => !REPORT_KEYS.has(headerKey(h)));
  const table: string[][] = [[REPORT_COLUMNS.row, ...kept.map(({ h }) => h), REPORT_COLUMNS.situation, REPORT_COLUMNS.errors, REPORT_COLUMNS.codes]];
  for (const row of rows) {
    table.push([String(row.row), ...kept.map(({ i }) => row.cells[i] ?? ''), situationOf(kind, row.errors, written), errorsText(row.errors), errorCodes(row.errors)]);
  }
  // Every cell is text: a CPF or CEP keeps its leading zeros, a date stays dd/mm/aaaa.
  const widths = [14, ...kept.map(({ h }) => Math.min(40, Math.max(10, h.length + 2))), 24, 80, 24];
  return xlsxBytes(table, 'Linhas com erro ou aviso', widths, { cellDates: false });
}

// The place was checked before the job started (db/fileGrants.ts): a file there is one the clerk confirmed replacing.
const CHECKED = { replace: true };

/** Writes the report at `path`; a failure is said in Portuguese with the path. */
export function writeErrorReport(kind: string, path: string, headers: readonly string[], rows: readonly ReportRow[], written: boolean): void {
  writeExportFile(path, reportBytes(kind, headers, rows, written), CHECKED);
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'disco cheio',
  EDQUOT: 'cota de disco esgotada',
  ENOENT: 'a pasta não existe mais',
  ENOTDIR: 'a pasta não existe mais',
  EACCES: 'sem permissão de gravação',
  EPERM: 'sem permissão de gravação',
  EROFS: 'disco somente para leitura',
  EISDIR: 'há uma pasta com esse nome',
  ENAMETOOLONG: 'nome de arquivo longo demais',
};

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error instanceof Error ? error.message : String(error);
  const words = REASONS[code];
  return words ? `${words}, ${code}` : code;
}

/**
 * Saves the report of the rows an import just checked. Answers null, or — when it cannot be saved —
 * the warning the import's answer carries: the import (`importId`, null when it wrote nothing) stands.
 */
export function saveImportReport(kind: string, path: string, headers: readonly string[], rows: readonly ReportRow[], importId: number | null): string | null {
  try {
    writeFileWhole(path, reportBytes(kind, headers, rows, importId !== null), CHECKED);
    return null;
  } catch (error) {
    const notSaved = `O relatório de erros não pôde ser salvo em ${path} (${reasonOf(error)}).`;
    return importId === null
      ? `${notSaved} Nada foi gravado pela importação: escolha outra pasta e gere o relatório de novo.`
      : `${notSaved} A importação nº ${importId} foi gravada assim mesmo: gere o relatório de novo pelo histórico de importações, em outra pasta.`;
  }
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
    writeErrorReport(record.kind, input.path, JSON.parse(record.headers) as string[], rows, true);
    return { path: input.path, rows: rows.length };
  } finally {
    db.close();
  }
}
