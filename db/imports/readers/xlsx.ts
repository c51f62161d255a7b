// .xlsx and .xlsm (read as data only: macros are never looked at) as Excel and LibreOffice write
// them: shared or inline strings, several sheets, cached formula values, date cells by style.
import type { SpreadsheetFormat } from '../../../shared/contract/imports';
import type { ZipReader } from '../../zip';
import { FILE_MESSAGES, unreadable, type ReaderLimits } from './limits';
import type { ColumnSpan, RawRow, SheetMeta, SpreadsheetSource } from './source';
import { readDateStyles, readSharedStrings, readWorkbook, type XlsxWorkbook } from './xlsxParts';
import { SheetScanner, type SheetContext } from './xlsxSheet';

export class XlsxSource implements SpreadsheetSource {
  readonly sheets: SheetMeta[];
  readonly progress = { done: 0, total: 0 };
  private readonly workbook: XlsxWorkbook;
  private context: SheetContext | null = null;
  private readonly announced = new Map<string, number | null>();
  private readonly hidden = new Map<string, readonly ColumnSpan[]>();

  constructor(
    private readonly zip: ZipReader,
    readonly format: SpreadsheetFormat,
    private readonly limits: ReaderLimits,
  ) {
    this.workbook = readWorkbook(zip);
    this.sheets = this.workbook.sheets.map((s) => ({ name: s.name, hidden: s.hidden }));
    if (this.sheets.length === 0) throw unreadable(FILE_MESSAGES.noSheets);
  }

  /** Shared strings and styles, read the first time a sheet is read, kept until one is read to its end. */
  private sheetContext(): SheetContext {
    this.context ??= {
      sharedStrings: readSharedStrings(this.zip, this.workbook.sharedStringsPath, this.limits),
      dateStyles: readDateStyles(this.zip, this.workbook.stylesPath),
      date1904: this.workbook.date1904,
      limits: this.limits,
    };
    return this.context;
  }

  rowEstimate(sheet: string): number | null {
    return this.announced.get(sheet) ?? null;
  }

  hiddenColumns(sheet: string): readonly ColumnSpan[] {
    return this.hidden.get(sheet) ?? [];
  }

  *rows(sheet: string): Generator<RawRow> {
    const ref = this.workbook.sheets.find((s) => s.name === sheet);
    if (!ref) throw unreadable(`A aba “${sheet}” não existe nesta planilha.`);
    const scanner = new SheetScanner(this.sheetContext());
    const entry = this.zip.entry(ref.path);
    this.progress.done = 0;
    this.progress.total = entry?.compressedSize ?? 0;
    for (const chunk of this.zip.chunks(ref.path, (bytes) => (this.progress.done += bytes))) {
      // Past the data the rest of the part is only inflated: the CRC is checked at its end.
      if (scanner.done) continue;
      const rows = scanner.push(chunk);
      if (scanner.rowsAnnounced !== null) this.announced.set(sheet, scanner.rowsAnnounced);
      if (scanner.hiddenColumns !== null) this.hidden.set(sheet, scanner.hiddenColumns);
      yield* rows;
    }
    if (!scanner.done) scanner.end();
    // A whole sheet was read: its shared strings are let go (an import holds its rows meanwhile).
    this.context = null;
  }

  close(): void {
    this.zip.closeSync();
  }
}
