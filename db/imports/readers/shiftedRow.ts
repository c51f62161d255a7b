// A text file (CSV) row with values beyond its header's last column: a separator inside a value
// written without quotes ("Rua A; Bloco B") split it, and every cell after it moved into the next
// column. Spreadsheets are not read so: a cell right of the table is the clerk's note, not a shift.

/** How many columns `cells` fills, when that is more than the `headerWidth` the header names; else null. */
export function filledBeyondHeader(cells: readonly string[], headerWidth: number): number | null {
  if (cells.length <= headerWidth) return null;
  const filled = cells.reduce((last, cell, column) => (cell.trim() !== '' ? column : last), -1) + 1;
  return filled > headerWidth ? filled : null;
}

/** Why such a row is refused, and what to do (pt-BR); naming the `line` when the message stands alone. */
export function shiftedRowMessage(filled: number, headerWidth: number, line?: number): string {
  return `${line === undefined ? 'A linha' : `Linha ${line}: a linha`} tem valores em ${filled} colunas, e o cabeçalho nomeia ${headerWidth}: um separador dentro de um valor sem aspas (como “Rua A; Bloco B”) desloca as colunas seguintes. Ponha esse valor entre aspas ou tire o separador dele.`;
}
