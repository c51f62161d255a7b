// The worksheet XML, scanned as it is inflated: only `<row>` and `<c>` inside `<sheetData>` are
// read; formulas are skipped (their saved value is used, never evaluated). A hand-written scanner
// over indexOf is several times faster than a general XML parser on a 250 000-row sheet.
import { columnLetter } from '../../../shared/display/columnLetter';
import { shownSpreadsheetError } from '../../../shared/spreadsheetErrors';
import { booleanText, isoDateText, numberCellText, serialDateText } from './cells';
import { FILE_MESSAGES, unreadable, type ReaderLimits } from './limits';
import type { ColumnSpan, RawRow } from './source';
import type { PackedTexts } from './packedTexts';
import { stringItemText, unescapeOoxml } from './xlsxParts';
import { attribute, DeclarationGuard, endsTagName, rootPrefix, selfClosing, unescapeXml } from './xml';

export interface SheetContext {
  sharedStrings: PackedTexts;
  dateStyles: readonly boolean[];
  date1904: boolean;
  limits: ReaderLimits;
}

/**
 * The value of attribute `name` of one start tag cut out of the sheet, or null. Looked for in the
 * tag alone: an attribute most tags lack (`hidden`, `t`, `s`), looked for in the whole chunk, would
 * be searched up to the chunk's end once for every row and cell.
 */
function tagAttribute(tag: string, name: string): string | null {
  return attribute(tag, 0, tag.length, name);
}

/** "AB12" → 27 (zero-based column), or -1 when the reference has no letters. */
function columnOf(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
  }
  return i === 0 ? -1 : column - 1;
}

/** 27, 5 → "AB5": the cell's name as a spreadsheet shows it. */
function cellName(column: number, row: number): string {
  return `${columnLetter(column)}${row}`;
}

/** Last row of the `<dimension ref="A1:L250001"/>`, when the writer gave one. */
export function dimensionRows(prolog: string, p = ''): number | null {
  const match = /^[A-Za-z]*\d*:?[A-Za-z]*(\d+)$/.exec(elementAttribute(prolog, `${p}dimension`, 'ref') ?? '');
  return match ? Number(match[1]) : null;
}

/** Attribute `name` of the first `<tag …>` of `xml`, or null. */
function elementAttribute(xml: string, tag: string, name: string): string | null {
  const open = `<${tag}`;
  for (let at = xml.indexOf(open); at !== -1; at = xml.indexOf(open, at + 1)) {
    if (!endsTagName(xml.charCodeAt(at + open.length))) continue;
    const end = xml.indexOf('>', at);
    return end === -1 ? null : attribute(xml, at, end, name);
  }
  return null;
}

/** The columns `<cols>` hides (`hidden="1"`), zero-based: `<col>` comes before the sheet's data. */
export function hiddenColumnSpans(prolog: string, p = ''): ColumnSpan[] {
  const spans: ColumnSpan[] = [];
  const open = `<${p}col`;
  for (let at = prolog.indexOf(open); at !== -1; at = prolog.indexOf(open, at + 1)) {
    // `<cols>` itself ends its name with an "s".
    if (!endsTagName(prolog.charCodeAt(at + open.length))) continue;
    const end = prolog.indexOf('>', at);
    if (end === -1) break;
    const hidden = attribute(prolog, at, end, 'hidden');
    if (hidden !== '1' && hidden !== 'true') continue;
    const min = Number(attribute(prolog, at, end, 'min'));
    const max = Number(attribute(prolog, at, end, 'max'));
    if (Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min) spans.push({ first: min - 1, last: max - 1 });
  }
  return spans;
}

/** The element names the scanner looks for, with the prefix the sheet writes them with. */
function sheetNames(p: string) {
  return {
    sheetData: `<${p}sheetData`,
    sheetDataEnd: `</${p}sheetData>`,
    row: `<${p}row`,
    rowEnd: `</${p}row>`,
    c: `<${p}c`,
    cEnd: `</${p}c>`,
    v: `<${p}v`,
    vEnd: `</${p}v>`,
    f: `<${p}f`,
    is: `<${p}is>`,
    isEnd: `</${p}is>`,
  };
}

export class SheetScanner {
  private pending = '';
  private started = false;
  private finished = false;
  private lastRow = 0;
  private readonly guard = new DeclarationGuard();
  private readonly decoder = new TextDecoder('utf-8');
  /** The root's prefix (rootPrefix), known from the first bytes; its element names. */
  private p: string | null = null;
  private names = sheetNames('');
  /** Rows the dimension element announces (known once the prolog is read). */
  rowsAnnounced: number | null = null;
  /** Columns hidden in the sheet (known once the prolog is read). */
  hiddenColumns: ColumnSpan[] | null = null;

  constructor(private readonly context: SheetContext) {}

  get done(): boolean {
    return this.finished;
  }

  /** Feeds inflated bytes; returns the rows completed by them. */
  push(chunk: Uint8Array): RawRow[] {
    const text = this.decoder.decode(chunk, { stream: true });
    this.guard.check(text);
    if (this.finished) return [];
    this.pending += text;
    const rows: RawRow[] = [];
    let at = 0;
    if (!this.started) {
      if (this.p === null) {
        this.p = rootPrefix(this.pending);
        if (this.p !== null) this.names = sheetNames(this.p);
      }
      const data = this.p === null ? -1 : this.pending.indexOf(this.names.sheetData);
      if (data === -1) {
        if (this.pending.length > this.context.limits.maxRowChars) throw unreadable(FILE_MESSAGES.damaged('aba sem dados reconhecíveis'));
        return rows;
      }
      const dataTagEnd = this.pending.indexOf('>', data);
      if (dataTagEnd === -1) return rows;
      const prolog = this.pending.slice(0, data);
      this.rowsAnnounced = dimensionRows(prolog, this.p ?? '');
      this.hiddenColumns = hiddenColumnSpans(prolog, this.p ?? '');
      this.started = true;
      if (selfClosing(this.pending, dataTagEnd)) {
        this.finished = true;
        this.pending = '';
        return rows;
      }
      at = dataTagEnd + 1;
    }
    const s = this.pending;
    const names = this.names;
    for (;;) {
      const rowStart = s.indexOf(names.row, at);
      const gapEnd = rowStart === -1 ? s.length : rowStart;
      if (gapEnd > at && s.slice(at, gapEnd).includes(names.sheetDataEnd)) {
        this.finished = true;
        this.pending = '';
        return rows;
      }
      if (rowStart === -1) {
        at = Math.max(at, s.length - names.sheetDataEnd.length);
        break;
      }
      const tagEnd = s.indexOf('>', rowStart);
      if (tagEnd === -1) {
        at = rowStart;
        break;
      }
      if (!endsTagName(s.charCodeAt(rowStart + names.row.length))) {
        at = tagEnd + 1;
        continue;
      }
      const rowTag = s.slice(rowStart, tagEnd);
      const rowAttr = tagAttribute(rowTag, 'r');
      const rowNumber = rowAttr === null ? this.lastRow + 1 : Number(rowAttr);
      if (selfClosing(s, tagEnd)) {
        this.lastRow = rowNumber;
        at = tagEnd + 1;
        continue;
      }
      const rowEnd = s.indexOf(names.rowEnd, tagEnd);
      if (rowEnd === -1) {
        at = rowStart;
        break;
      }
      if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > this.context.limits.maxRows || rowNumber <= this.lastRow) {
        throw unreadable(FILE_MESSAGES.damaged(`numeração de linhas inválida perto da linha ${this.lastRow + 1}`));
      }
      this.lastRow = rowNumber;
      const cells = this.cells(s, tagEnd + 1, rowEnd, rowNumber);
      const hidden = tagAttribute(rowTag, 'hidden');
      if (cells.length > 0) rows.push(hidden === '1' || hidden === 'true' ? { row: rowNumber, cells, hidden: true } : { row: rowNumber, cells });
      at = rowEnd + names.rowEnd.length;
    }
    this.pending = s.slice(at);
    if (this.pending.length > this.context.limits.maxRowChars) throw unreadable(FILE_MESSAGES.rowTooLong(this.lastRow + 1));
    return rows;
  }

  /** Call after the last chunk: a sheet that never closed its data was cut short. */
  end(): void {
    if (!this.finished) throw unreadable(FILE_MESSAGES.truncated);
  }

  private cells(s: string, from: number, to: number, rowNumber: number): string[] {
    const cells: string[] = [];
    const { sharedStrings, dateStyles, date1904, limits } = this.context;
    const names = this.names;
    let next = 0;
    let at = from;
    for (;;) {
      const c = s.indexOf(names.c, at);
      if (c === -1 || c >= to) break;
      const tagEnd = s.indexOf('>', c);
      if (!endsTagName(s.charCodeAt(c + names.c.length))) {
        at = tagEnd + 1;
        continue;
      }
      const tag = s.slice(c, tagEnd);
      const reference = tagAttribute(tag, 'r');
      const column = reference === null ? next : columnOf(reference);
      if (column < 0 || column >= limits.maxColumns) throw unreadable(FILE_MESSAGES.damaged(`coluna inválida na linha ${rowNumber}`));
      next = column + 1;
      if (selfClosing(s, tagEnd)) {
        at = tagEnd + 1;
        continue;
      }
      const close = s.indexOf(names.cEnd, tagEnd);
      if (close === -1 || close > to) throw unreadable(FILE_MESSAGES.damaged(`célula sem fechamento na linha ${rowNumber}`));
      at = close + names.cEnd.length;
      const type = tagAttribute(tag, 't') ?? 'n';
      let text: string;
      if (type === 'inlineStr') {
        const is = s.indexOf(names.is, tagEnd);
        const isEnd = is === -1 || is > close ? -1 : s.indexOf(names.isEnd, is);
        text = isEnd === -1 ? '' : stringItemText(s, is + names.is.length, isEnd, this.p ?? '');
      } else {
        const v = s.indexOf(names.v, tagEnd);
        if (v === -1 || v > close) {
          // A formula never calculated (a file written by a script): its value is unknown, not empty.
          const f = s.indexOf(names.f, tagEnd);
          if (f !== -1 && f < close) throw unreadable(FILE_MESSAGES.formulaWithoutValue(reference ?? cellName(column, rowNumber)));
          continue;
        }
        const vTagEnd = s.indexOf('>', v);
        if (selfClosing(s, vTagEnd)) continue;
        const vClose = s.indexOf(names.vEnd, vTagEnd);
        if (vClose === -1 || vClose > close) continue;
        const raw = s.slice(vTagEnd + 1, vClose);
        switch (type) {
          case 's': {
            const index = Number(raw);
            const shared = sharedStrings.at(index);
            if (shared === undefined) throw unreadable(FILE_MESSAGES.damaged(`texto compartilhado ${raw} ausente`));
            text = shared;
            break;
          }
          case 'str':
            text = unescapeOoxml(unescapeXml(raw));
            break;
          case 'e':
            // A failed formula, stored in English (#N/A): read as the clerk sees it (#N/D).
            text = shownSpreadsheetError(unescapeXml(raw));
            break;
          case 'b':
            text = booleanText(raw.trim() === '1' || raw.trim() === 'true');
            break;
          case 'd':
            text = isoDateText(raw);
            break;
          default: {
            const style = tagAttribute(tag, 's');
            text = style !== null && dateStyles[Number(style)] === true ? serialDateText(Number(raw), date1904) : numberCellText(raw);
          }
        }
      }
      if (text === '') continue;
      while (cells.length < column) cells.push('');
      cells[column] = text;
    }
    return cells;
  }
}
