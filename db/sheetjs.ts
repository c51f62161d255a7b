// SheetJS, loaded the first time a file needs it: an .xls or .ods to read, an acknowledgement in
// xlsx, a report or an export to write. Loading it costs every thread that does it about 34 MB
// (its code and its codepage tables), and most jobs — a corrections import of an xlsx or a CSV,
// read by the desk's own readers (db/imports/readers/), a backup, a lote — never use it. The
// bundle keeps it inside, started on the first call.
import type * as Sheets from 'xlsx';

let loaded: typeof Sheets | null = null;

export function sheetjs(): typeof Sheets {
  loaded ??= require('xlsx') as typeof Sheets;
  return loaded;
}

/** One sheet as xlsx bytes: its rows (the first the header), its name, its columns' widths in characters. */
export function xlsxBytes(rows: unknown[][], sheetName: string, widths: readonly number[], options?: Sheets.AOA2SheetOpts): Buffer {
  const { utils, write } = sheetjs();
  const sheet = utils.aoa_to_sheet(rows, options);
  sheet['!cols'] = widths.map((wch) => ({ wch }));
  const book = utils.book_new();
  utils.book_append_sheet(book, sheet, sheetName);
  return write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
