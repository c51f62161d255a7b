// A dates column written month first (4/22/1955): a sheet exported by an Excel set to English. One
// cell whose second number is over 12 proves the column's order; then each of its cells whose day
// and month are both 12 or under (7/10/1975: 7 October here, 10 July there) may hold them swapped,
// and the import does not guess: such a cell refuses its row, naming the cell that showed the order.
// The cells that show it (isMonthFirstOnly) are refused by the date rule itself (shared/rules/dates.ts).
import { FIELDS, isFieldName } from '../../shared/fields';
import { isMonthFirstOnly } from '../../shared/rules/dates';
import type { ColumnMap, RowIssue } from './columns';
import { isBlankRow, type SpreadsheetSource } from './readers/source';

const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** The cell of a column that showed its month-first order. */
export interface MonthFirstProof {
  row: number;
  value: string;
}

function dayAndMonth(cell: string): [number, number] | null {
  const match = SLASHED.exec(cell.trim());
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** 7/10/1975: a day either way round, and another day each way. */
function eitherWayRound(cell: string): boolean {
  const parts = dayAndMonth(cell);
  return parts !== null && parts[0] >= 1 && parts[0] <= 12 && parts[1] >= 1 && parts[1] <= 12 && parts[0] !== parts[1];
}

/**
 * The date columns of the mapping written month first, each with the first cell that shows it.
 * Reads the sheet once more, and only when the mapping reads a date column.
 */
export function monthFirstColumns(source: SpreadsheetSource, sheet: string, headerRow: number, columns: ColumnMap): Map<number, MonthFirstProof> {
  const found = new Map<number, MonthFirstProof>();
  const dates = columns
    .targets()
    .filter((target) => isFieldName(target) && FIELDS[target].rule === 'date')
    .map((target) => columns.columnOf(target) as number);
  if (dates.length === 0) return found;
  for (const raw of source.rows(sheet)) {
    if (raw.row <= headerRow || isBlankRow(raw.cells)) continue;
    for (const column of dates) {
      const cell = raw.cells[column] ?? '';
      if (!found.has(column) && isMonthFirstOnly(cell)) found.set(column, { row: raw.row, value: cell.trim() });
    }
    if (found.size === dates.length) break;
  }
  return found;
}

/** The cells of a row, in month-first columns, that may hold day and month swapped. */
export function swappedDateIssues(cells: readonly string[], monthFirst: ReadonlyMap<number, MonthFirstProof>, header: (column: number) => string): RowIssue[] {
  const issues: RowIssue[] = [];
  for (const [column, proof] of monthFirst) {
    const cell = (cells[column] ?? '').trim();
    if (!eitherWayRound(cell)) continue;
    issues.push({
      column,
      code: 'DATE_INVALID',
      message: `Data ambígua: a coluna “${header(column)}” está na ordem mês/dia/ano (linha ${proof.row}: ${proof.value}), e ${cell} pode ter dia e mês trocados. Escreva as datas da coluna em dd/mm/aaaa (ou formate-a como data) e importe de novo.`,
    });
  }
  return issues;
}
