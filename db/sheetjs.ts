// SheetJS, loaded the first time a file needs it: an .xls or .ods to read, an acknowledgement in
// xlsx, a report or an export to write. Loading it costs every thread that does it about 34 MB
// (its code and its codepage tables), and most jobs — a corrections import of an xlsx or a CSV,
// read by the desk's own readers (db/imports/readers/), a backup, a lote — never use it. The
// bundle keeps it inside, started on the first call.
import type * as Sheets from 'xlsx';
import { formatCount } from '../shared/display/numbers';
import { neutralizeCell } from '../shared/spreadsheetSafety';

let loaded: typeof Sheets | null = null;

export function sheetjs(): typeof Sheets {
  loaded ??= quietSheets(require('xlsx') as typeof Sheets);
  return loaded;
}

const CONSOLE_LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * `fn` with the console silent while it runs. SheetJS prints some of what a file holds as it reads it
 * (an .ods style's condition, a defined name, a range): on the host's or the app's console that would
 * be a value of the clerk's spreadsheet. Its calls are synchronous, so nothing else prints meanwhile.
 */
function quiet<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    const saved = CONSOLE_LEVELS.map((level) => [level, console[level]] as const);
    for (const level of CONSOLE_LEVELS) console[level] = () => undefined;
    try {
      return fn(...args);
    } finally {
      for (const [level, print] of saved) console[level] = print;
    }
  };
}

/** SheetJS with its reading and writing of whole files quiet (what it parses or writes comes from the clerk's files). */
function quietSheets(sheets: typeof Sheets): typeof Sheets {
  return { ...sheets, read: quiet(sheets.read), write: quiet(sheets.write) };
}

/** The most characters (UTF-16 units) Excel keeps in a cell; SheetJS refuses to write a longer text. */
export const EXCEL_CELL_MAX = 32_767;

/**
 * A text that fits in a cell: a longer one (a CSV cell imported as it was) keeps its start, cut on
 * a whole character, and says it was cut and how long it was — the file is still written.
 */
export function fitCell(text: string): string {
  if (text.length <= EXCEL_CELL_MAX) return text;
  const note = ` … [cortado: o texto tinha ${formatCount(text.length)} caracteres, mais do que cabe numa célula]`;
  let end = EXCEL_CELL_MAX - note.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // never half of a character outside the BMP
  return text.slice(0, end) + note;
}

/**
 * One sheet as xlsx bytes: its rows (the first the header), its name, its columns' widths in characters.
 * Every text cell is guarded against formulas here, once for every file: rows often carry what a
 * crafted spreadsheet or answer file brought in, and a clerk editing such a cell would run it.
 */
export function xlsxBytes(rows: unknown[][], sheetName: string, widths: readonly number[], options?: Sheets.AOA2SheetOpts): Buffer {
  const { utils, write } = sheetjs();
  const sheet = utils.aoa_to_sheet(
    rows.map((row) => row.map((cell) => (typeof cell === 'string' ? fitCell(neutralizeCell(cell)) : cell))),
    options,
  );
  sheet['!cols'] = widths.map((wch) => ({ wch }));
  const book = utils.book_new();
  utils.book_append_sheet(book, sheet, sheetName);
  return write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
