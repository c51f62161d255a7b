// The rows and columns an .ods hides (filtered out by an AutoFilter, hidden by hand, a collapsed
// group), which SheetJS does not read: the import reads them like the others and tells the clerk,
// as it does for an xlsx. Scanned from content.xml as it streams (the pass that already checks it
// for declarations, open.ts): only the tags of rows and columns are looked at, and a run of
// repeated ones (`number-rows-repeated`, how LibreOffice writes a million empty rows) is one span.
import type { ColumnSpan } from './source';
import { attribute, endsTagName, selfClosing } from './xml';

/** What one sheet hides: zero-based spans of rows and of columns. */
export interface HiddenParts {
  rows: ColumnSpan[];
  columns: ColumnSpan[];
}

const TABLE = '<table:table';
const TABLE_END = '</table:table>';
const ROW = 'table:table-row';
const COLUMN = 'table:table-column';

/** `collapse` (hidden, or in a collapsed group) and `filter` (left out by a filter) both hide. */
function hides(visibility: string | null): boolean {
  return visibility !== null && visibility !== 'visible';
}

function repeated(value: string | null): number {
  const n = value === null ? 1 : Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function addSpan(spans: ColumnSpan[], first: number, count: number): void {
  const last = first + count - 1;
  const previous = spans[spans.length - 1];
  if (previous && previous.last + 1 === first) previous.last = last;
  else spans.push({ first, last });
}

export class OdsVisibilityScanner {
  /** By sheet name (a sheet named twice keeps its first). */
  readonly sheets = new Map<string, HiddenParts>();
  private pending = '';
  /** Tables open: rows of a table inside a cell are not the sheet's. */
  private depth = 0;
  private current: HiddenParts | null = null;
  private nextRow = 0;
  private nextColumn = 0;

  /** Takes the next piece of content.xml's text. */
  feed(chunk: string): void {
    const text = this.pending + chunk;
    let at = 0;
    for (;;) {
      const open = text.indexOf('<', at);
      if (open === -1) {
        this.pending = '';
        return;
      }
      const end = text.indexOf('>', open);
      if (end === -1) {
        // The tag goes on in the next chunk.
        this.pending = text.slice(open);
        return;
      }
      this.tag(text, open, end);
      at = end + 1;
    }
  }

  private tag(text: string, open: number, end: number): void {
    if (text.startsWith(TABLE_END, open)) {
      this.depth = Math.max(0, this.depth - 1);
      return;
    }
    if (!text.startsWith(TABLE, open)) return;
    const nameEnd = open + TABLE.length;
    const code = text.charCodeAt(nameEnd);
    if (endsTagName(code)) {
      this.depth++;
      if (this.depth === 1) this.beginSheet(attribute(text, open, end, 'table:name') ?? '');
      if (selfClosing(text, end)) this.depth--;
      return;
    }
    if (this.depth !== 1 || !this.current || code !== 45 /* - */) return;
    if (this.isTag(text, open, ROW)) {
      const count = repeated(attribute(text, open, end, 'table:number-rows-repeated'));
      if (hides(attribute(text, open, end, 'table:visibility'))) addSpan(this.current.rows, this.nextRow, count);
      this.nextRow += count;
    } else if (this.isTag(text, open, COLUMN)) {
      const count = repeated(attribute(text, open, end, 'table:number-columns-repeated'));
      if (hides(attribute(text, open, end, 'table:visibility'))) addSpan(this.current.columns, this.nextColumn, count);
      this.nextColumn += count;
    }
  }

  /** `<table:table-row` itself, not `<table:table-row-group` or `<table:table-rows`. */
  private isTag(text: string, open: number, name: string): boolean {
    return text.startsWith(name, open + 1) && endsTagName(text.charCodeAt(open + 1 + name.length));
  }

  private beginSheet(name: string): void {
    this.nextRow = 0;
    this.nextColumn = 0;
    if (this.sheets.has(name)) {
      this.current = null;
      return;
    }
    this.current = { rows: [], columns: [] };
    this.sheets.set(name, this.current);
  }
}

/** Whether zero-based `row` is in one of `spans` (sorted); `from` is where the last look ended, for a forward walk. */
export function spanAt(spans: readonly ColumnSpan[], row: number, from: number): { inside: boolean; at: number } {
  let at = from;
  while (at < spans.length && (spans[at] as ColumnSpan).last < row) at++;
  const span = spans[at];
  return { inside: span !== undefined && span.first <= row, at };
}
