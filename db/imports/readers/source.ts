// What every reader offers the import: the sheets, and one sheet's rows as text cells, streamed.
import type { SpreadsheetFormat } from '../../../shared/contract/imports';

/** One row as the spreadsheet shows it: its number there and its cells (index = column). */
export interface RawRow {
  row: number;
  cells: string[];
  /** Hidden in the spreadsheet (filtered out, or hidden by hand): read like the others, and told. */
  hidden?: true;
}

/** Columns `first` to `last` (zero-based, both included). */
export interface ColumnSpan {
  first: number;
  last: number;
}

export interface SheetMeta {
  name: string;
  hidden: boolean;
}

export interface SpreadsheetSource {
  readonly format: SpreadsheetFormat;
  readonly sheets: readonly SheetMeta[];
  /** The rows of one sheet, in order; rows the file leaves out (blank) are skipped. */
  rows(sheet: string): Generator<RawRow>;
  /** How many rows the file says the sheet has (xlsx dimension), or null. */
  rowEstimate(sheet: string): number | null;
  /**
   * Columns hidden in the sheet, read like the others (the import tells the clerk which): known
   * once its rows were read; [] when none, or when the format does not say (CSV).
   */
  hiddenColumns(sheet: string): readonly ColumnSpan[];
  /** Bytes of the file consumed so far and in all, for a progress bar. */
  readonly progress: { done: number; total: number };
  close(): void;
}

/** True when no cell has anything but spaces. */
export function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== undefined && cell.trim() !== '') return false;
  return true;
}
