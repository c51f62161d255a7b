// .ods and old .xls through SheetJS (small files in practice; it reads them whole). The zip of an
// .ods was already checked (bomb, DTD, encryption) before SheetJS sees it; .xls has no XML.
import type * as XLSX from 'xlsx';
import { shownSpreadsheetError } from '../../../shared/spreadsheetErrors';
import { sheetjs } from '../../sheetjs';
import { booleanText, numberText, serialDateText } from './cells';
import { FILE_MESSAGES, unreadable } from './limits';
import { spanAt, type HiddenParts } from './odsVisibility';
import type { ColumnSpan, RawRow, SheetMeta, SpreadsheetSource } from './source';

type Cell = { t?: string; v?: unknown; w?: string; z?: unknown };
type Sheet = { '!data'?: (Cell[] | null | undefined)[]; '!ref'?: string; '!cols'?: ({ hidden?: boolean } | null | undefined)[] };

const READ_OPTIONS: XLSX.ParsingOptions = {
  type: 'buffer',
  dense: true,
  cellFormula: false,
  cellHTML: false,
  cellNF: true,
  cellStyles: false,
  cellDates: false,
  bookVBA: false,
  WTF: false,
};

function cellText(cell: Cell | null | undefined, date1904: boolean): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'n': {
      const value = Number(cell.v);
      return typeof cell.z === 'string' && sheetjs().SSF.is_date(cell.z) ? serialDateText(value, date1904) : numberText(value);
    }
    case 'b':
      return booleanText(cell.v === true);
    case 'e':
      return shownSpreadsheetError(cell.w ?? '');
    case 'd': {
      const date = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      if (Number.isNaN(date.getTime())) return '';
      const two = (n: number) => String(n).padStart(2, '0');
      return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()}`;
    }
    default:
      return '';
  }
}

function readFailure(error: unknown, format: 'ods' | 'xls'): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/password|encrypt/i.test(message)) return unreadable(FILE_MESSAGES.encrypted);
  // Out of memory or past the longest text V8 holds: a sheet too large for this format, not a damaged one.
  if (error instanceof RangeError) return unreadable(FILE_MESSAGES.wholeSheetTooLarge(format, null, 0));
  return unreadable(FILE_MESSAGES.damaged('o leitor de planilhas não reconheceu o conteúdo'));
}

export class SheetJsSource implements SpreadsheetSource {
  readonly sheets: SheetMeta[];
  readonly progress = { done: 0, total: 1 };
  private readonly workbook: XLSX.WorkBook;
  private readonly date1904: boolean;

  /**
   * `bytes`: the whole file (SheetJS reads these formats whole). `odsHidden`: what each sheet of an
   * .ods hides, read beside it (odsVisibility.ts); an .xls tells its hidden columns itself.
   */
  constructor(
    bytes: Buffer,
    readonly format: 'ods' | 'xls',
    private readonly odsHidden: ReadonlyMap<string, HiddenParts> = new Map(),
  ) {
    try {
      // An .xls tells its hidden columns only with the styles read; SheetJS reads none of an .ods (odsHidden does).
      this.workbook = sheetjs().read(bytes, { ...READ_OPTIONS, cellStyles: format === 'xls' });
    } catch (error) {
      throw readFailure(error, format);
    }
    const hidden = this.workbook.Workbook?.Sheets ?? [];
    this.sheets = this.workbook.SheetNames.map((name, index) => ({ name, hidden: Boolean(hidden[index]?.Hidden) }));
    if (this.sheets.length === 0) throw unreadable(FILE_MESSAGES.noSheets);
    this.date1904 = Boolean(this.workbook.Workbook?.WBProps?.date1904);
  }

  /**
   * The sheet object of a name. SheetJS keeps sheets in a plain object, so a sheet named
   * "__proto__" ends up as that object's prototype (harmless: nothing global is touched);
   * it is found there, and no other inherited property is ever taken for a sheet.
   */
  private sheet(name: string): Sheet | undefined {
    const sheets = this.workbook.Sheets as Record<string, unknown>;
    if (Object.hasOwn(sheets, name)) return sheets[name] as Sheet;
    if (name === '__proto__') {
      const proto = Object.getPrototypeOf(sheets) as Sheet | null;
      if (proto && proto !== Object.prototype && Object.hasOwn(proto, '!data')) return proto;
    }
    return undefined;
  }

  rowEstimate(sheet: string): number | null {
    const ref = this.sheet(sheet)?.['!ref'];
    return ref ? sheetjs().utils.decode_range(ref).e.r + 1 : null;
  }

  hiddenColumns(sheet: string): readonly ColumnSpan[] {
    if (this.format === 'ods') return this.odsHidden.get(sheet)?.columns ?? [];
    const spans: ColumnSpan[] = [];
    (this.sheet(sheet)?.['!cols'] ?? []).forEach((col, index) => {
      if (col?.hidden === true) spans.push({ first: index, last: index });
    });
    return spans;
  }

  *rows(name: string): Generator<RawRow> {
    const sheet = this.sheet(name);
    if (!sheet) throw unreadable(`A aba “${name}” não existe nesta planilha.`);
    const data = sheet['!data'] ?? [];
    const hiddenRows = this.odsHidden.get(name)?.rows ?? [];
    let span = 0;
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      const cells: string[] = [];
      for (let c = 0; c < row.length; c++) cells.push(cellText(row[c], this.date1904));
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      this.progress.done = (r + 1) / data.length;
      if (cells.length === 0) continue;
      const hidden = spanAt(hiddenRows, r, span);
      span = hidden.at;
      yield hidden.inside ? { row: r + 1, cells, hidden: true } : { row: r + 1, cells };
    }
    this.progress.done = 1;
  }

  close(): void {
    // Nothing held open: SheetJS read the file into memory.
  }
}
