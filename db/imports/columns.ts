// The header row and its mapping, seen from a data row: the cell of a target, the column an error
// belongs to, and how a row's problems are reported.
import { spreadsheetError, spreadsheetErrorMessage } from '../../shared/spreadsheetErrors';
import { unguardedCell } from '../../shared/spreadsheetSafety';
import type { ImportError, ImportMapping, ImportTarget } from '../../shared/contract/imports';
import type { ErrorCode } from '../../shared/errors';
import { swappedDateIssues, type MonthFirstProof } from './monthFirstDates';
import { filledBeyondHeader, shiftedRowMessage } from './readers/shiftedRow';

const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);

/** A problem of one row; `column` indexes the header (null: the row as a whole). */
export interface RowIssue {
  column: number | null;
  code: ErrorCode;
  message: string;
}

export class ColumnMap {
  private readonly index = new Map<ImportTarget, number>();

  constructor(
    readonly headers: readonly string[],
    readonly mapping: ImportMapping,
    /** The mapping was read from the header: no step to associate columns (the command line). */
    readonly fromHeaders = false,
  ) {
    mapping.forEach((target, column) => {
      if (target !== null && !this.index.has(target)) this.index.set(target, column);
    });
  }

  has(target: ImportTarget): boolean {
    return this.index.has(target);
  }

  columnOf(target: ImportTarget): number | null {
    return this.index.get(target) ?? null;
  }

  /** The targets the mapping uses, in column order. */
  targets(): ImportTarget[] {
    return [...this.index.keys()];
  }

  /** The cell of `target`, trimmed and without a guard that only says "text" (`'`, `="…"`; '' when not mapped or empty). */
  cell(cells: readonly string[], target: ImportTarget): string {
    const column = this.index.get(target);
    if (column === undefined) return '';
    const value = cells[column];
    return value === undefined ? '' : unguardedCell(value.trim());
  }

  /**
   * The cells the import reads that show a failed formula (#DIV/0!, #N/D): they hold no value, so
   * the row is refused on each such column, before any rule judges "#DIV/0!" as a name or a CEP.
   * Columns the mapping leaves out are not looked at.
   */
  formulaErrors(cells: readonly string[]): readonly RowIssue[] {
    let issues: RowIssue[] | null = null;
    for (const column of this.index.values()) {
      const raw = cells[column];
      if (raw === undefined || raw === '') continue;
      // Every cell of every row passes here: trimmed (a new string) only when it has spaces to lose.
      const cell = raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32 ? raw.trim() : raw;
      if (spreadsheetError(cell)) (issues ??= []).push({ column, code: 'VALUE_INVALID', message: spreadsheetErrorMessage(cell) });
    }
    return issues ?? NO_ISSUES;
  }

  /** Date columns written month first, each with the cell that showed it (monthFirstDates.ts). */
  monthFirst: ReadonlyMap<number, MonthFirstProof> = new Map();

  /**
   * A text file (CSV): a value beyond the header's last column means the row's cells moved — a
   * separator inside a value without quotes — and every cell after it is another column's.
   */
  widthIsTheHeaders = false;

  /** The row's cells, shifted past the header's columns: refused whole, every field would be wrong. */
  private shifted(cells: readonly string[]): RowIssue | null {
    const filled = this.widthIsTheHeaders ? filledBeyondHeader(cells, this.headers.length) : null;
    return filled === null ? null : { column: null, code: 'VALUE_INVALID', message: shiftedRowMessage(filled, this.headers.length) };
  }

  /**
   * The cells that refuse their row whatever its kind: cells shifted past the header, a failed
   * formula, and a day and month a month-first column may hold swapped.
   */
  refusedCells(cells: readonly string[]): readonly RowIssue[] {
    const shifted = this.shifted(cells);
    if (shifted) return [shifted];
    const formulas = this.formulaErrors(cells);
    if (this.monthFirst.size === 0) return formulas;
    const swapped = swappedDateIssues(cells, this.monthFirst, (column) => this.header(column));
    return swapped.length === 0 ? formulas : [...formulas, ...swapped];
  }

  /** Where an error about a field is shown: its column; the mother rule's, on either of its two. */
  columnFor(field: string | undefined): number | null {
    if (field === undefined) return null;
    if (field === 'motherName' || field === 'motherNotListed') {
      return this.columnOf(field) ?? this.columnOf(field === 'motherName' ? 'motherNotListed' : 'motherName');
    }
    return this.columnOf(field as ImportTarget);
  }

  header(column: number | null): string {
    if (column === null) return '';
    return this.headers[column]?.trim() || `Coluna ${column + 1}`;
  }

  toError(row: number, issue: RowIssue): ImportError {
    return { row, column: this.header(issue.column), code: issue.code, message: issue.message };
  }
}
