// The worksheet XML, scanned as it is inflated: only `<row>` and `<c>` inside `<sheetData>` are
// read; formulas are skipped (their saved value is used, never evaluated). A hand-written scanner
// over indexOf is several times faster than a general XML parser on a 250 000-row sheet.
import { columnLetter } from '../../../shared/display/columnLetter';
import { shownSpreadsheetError } from '../../../shared/spreadsheetErrors';
import { booleanText, isoDateText, numberCellText, serialDateText } from './cells';
import { FILE_MESSAGES, unreadable, type ReaderLimits } from './limits';
import type { RawRow } from './source';
import type { PackedTexts } from './packedTexts';
import { stringItemText, unescapeOoxml } from './xlsxParts';
import { attribute, DeclarationGuard, endsTagName, selfClosing, unescapeXml } from './xml';

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
export function dimensionRows(prolog: string): number | null {
  const match = /<dimension\s+ref="[A-Za-z]*\d*:?[A-Za-z]*(\d+)"/.exec(prolog);
  return match ? Number(match[1]) : null;
}

export class SheetScanner {
  private pending = '';
  private started = false;
  private finished = false;
  private lastRow = 0;
  private readonly guard = new DeclarationGuard();
  private readonly decoder = new TextDecoder('utf-8');
  /** Rows the dimension element announces (known once the prolog is read). */
  rowsAnnounced: number | null = null;

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
      const data = this.pending.indexOf('<sheetData');
      if (data === -1) {
        if (this.pending.length > this.context.limits.maxRowChars) throw unreadable(FILE_MESSAGES.damaged('aba sem dados reconhecíveis'));
        return rows;
      }
      const dataTagEnd = this.pending.indexOf('>', data);
      if (dataTagEnd === -1) return rows;
      this.rowsAnnounced = dimensionRows(this.pending.slice(0, data));
      this.started = true;
      if (selfClosing(this.pending, dataTagEnd)) {
        this.finished = true;
        this.pending = '';
        return rows;
      }
      at = dataTagEnd + 1;
    }
    const s = this.pending;
    for (;;) {
      const rowStart = s.indexOf('<row', at);
      const gapEnd = rowStart === -1 ? s.length : rowStart;
      if (gapEnd > at && s.slice(at, gapEnd).includes('</sheetData>')) {
        this.finished = true;
        this.pending = '';
        return rows;
      }
      if (rowStart === -1) {
        at = Math.max(at, s.length - 12);
        break;
      }
      const tagEnd = s.indexOf('>', rowStart);
      if (tagEnd === -1) {
        at = rowStart;
        break;
      }
      if (!endsTagName(s.charCodeAt(rowStart + 4))) {
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
      const rowEnd = s.indexOf('</row>', tagEnd);
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
      at = rowEnd + 6;
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
    let next = 0;
    let at = from;
    for (;;) {
      const c = s.indexOf('<c', at);
      if (c === -1 || c >= to) break;
      const tagEnd = s.indexOf('>', c);
      if (!endsTagName(s.charCodeAt(c + 2))) {
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
      const close = s.indexOf('</c>', tagEnd);
      if (close === -1 || close > to) throw unreadable(FILE_MESSAGES.damaged(`célula sem fechamento na linha ${rowNumber}`));
      at = close + 4;
      const type = tagAttribute(tag, 't') ?? 'n';
      let text: string;
      if (type === 'inlineStr') {
        const is = s.indexOf('<is>', tagEnd);
        const isEnd = is === -1 || is > close ? -1 : s.indexOf('</is>', is);
        text = isEnd === -1 ? '' : stringItemText(s, is + 4, isEnd);
      } else {
        const v = s.indexOf('<v', tagEnd);
        if (v === -1 || v > close) {
          // A formula never calculated (a file written by a script): its value is unknown, not empty.
          const f = s.indexOf('<f', tagEnd);
          if (f !== -1 && f < close) throw unreadable(FILE_MESSAGES.formulaWithoutValue(reference ?? cellName(column, rowNumber)));
          continue;
        }
        const vTagEnd = s.indexOf('>', v);
        if (selfClosing(s, vTagEnd)) continue;
        const vClose = s.indexOf('</v>', vTagEnd);
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
