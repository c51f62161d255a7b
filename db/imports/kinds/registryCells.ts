// The cells of a registry row as the desk reads them: without the characters that take no room on
// screen (shared/text.ts). The main system's file is loaded as it is, so an invisible character
// kept there would make a name that looks right fail every search and every comparison.
import { withoutInvisibles } from '../../../shared/text';
import type { ColumnMap } from '../columns';
import type { RawRow } from '../readers/source';

/** The row with its mapped cells cleaned (the same row when none needed it), and how many were. */
export function cleanRegistryRow(columns: ColumnMap, raw: RawRow): { row: RawRow; cleaned: number } {
  let cells: string[] | null = null;
  let cleaned = 0;
  for (const target of columns.targets()) {
    const column = columns.columnOf(target);
    const value = column === null ? undefined : raw.cells[column];
    if (column === null || value === undefined) continue;
    const clean = withoutInvisibles(value);
    if (clean === value) continue;
    cells ??= [...raw.cells];
    cells[column] = clean;
    cleaned++;
  }
  return { row: cells ? { row: raw.row, cells } : raw, cleaned };
}
