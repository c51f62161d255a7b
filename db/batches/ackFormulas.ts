// A formula whose result was never saved: an xlsx written by a program that does not calculate (a
// script, a report tool) holds the formula and no value. SheetJS drops such a cell unless asked for
// empty cells too, which costs memory for every formatted empty cell; so the sheets are looked
// through first, and only a file holding one is read with them. The cell is then named where the
// answer is read from it, not taken for an empty cell or a row not yet answered.
import type * as XLSX from 'xlsx';
import type { RawRow } from '../imports/readers/source';
import type { ZipReader } from '../packaging';

export interface AckRow extends RawRow {
  /** The cells (indexes in `cells`) holding a formula whose result was not saved. */
  unsaved?: number[];
}

/** A worksheet's cell (not one Excel marks as text) with a formula and no value, or an empty one. */
const CELL_WITHOUT_RESULT =
  /<(?:\w+:)?c\b(?![^>]*\bt="str")[^>]*>\s*<(?:\w+:)?f\b[^>]*(?:\/>|>[^<]*<\/(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*\/>|<(?:\w+:)?v>\s*<\/(?:\w+:)?v>)?\s*<\/(?:\w+:)?c>/;
/** What a chunk keeps of the one before: a cell cut in two between chunks is whole again. */
const CARRY = 16 * 1024;

/** Whether a worksheet of the xlsx has a cell with a formula and no saved result. */
export async function hasUnsavedFormula(zip: ZipReader): Promise<boolean> {
  for (const { name } of zip.entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) continue;
    let carried = '';
    for await (const chunk of zip.stream(name)) {
      // Latin-1: a character cut between chunks cannot throw, and the tags are ASCII.
      const text = carried + chunk.toString('latin1');
      if (CELL_WITHOUT_RESULT.test(text)) return true;
      carried = text.slice(-CARRY);
    }
  }
  return false;
}

/** No cell of an xlsx holds a NUL (XML cannot): it marks a formula without a result through SheetJS. */
const UNSAVED = '\u0000';

/** A formula without a result marked for the rows; the other empty cells read with it dropped, as by default. */
export function markUnsavedFormulas(sheet: XLSX.WorkSheet): void {
  for (const [address, cell] of Object.entries(sheet)) {
    if (address.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    if (c.t !== 'z') continue;
    if (typeof c.f === 'string') Object.assign(c, { t: 's', v: UNSAVED, w: UNSAVED });
    else delete sheet[address];
  }
}

/** A row of the sheet, its marked cells emptied and listed. */
export function ackRow(row: number, cells: string[]): AckRow {
  const unsaved = cells.flatMap((cell, index) => (cell === UNSAVED ? [index] : []));
  return unsaved.length === 0 ? { row, cells } : { row, cells: cells.map((cell) => (cell === UNSAVED ? '' : cell)), unsaved };
}

/** The refusal of a cell read for the answer that holds a formula whose result was not saved. */
export function unsavedFormulaMessage(line: number, column: string, letter: string): string {
  return `Linha ${line}, coluna ${column} (${letter}): a célula tem uma fórmula cujo resultado não foi salvo no arquivo (um programa que não calcula fórmulas o gerou), e não uma resposta. Abra o arquivo no Excel ou no LibreOffice, salve-o e importe de novo, ou peça à Implanta a resposta com os valores. Nada foi alterado.`;
}
