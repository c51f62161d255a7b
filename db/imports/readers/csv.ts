// CSV as spreadsheet programs save it: UTF-8 with or without BOM, Windows-1252 (pt-BR Excel's
// "CSV (separado por vírgulas)"), UTF-16 ("Texto Unicode"); `;`, `,` or tab, detected; CRLF or LF;
// quoted fields with separators, quotes and line breaks inside. Read in chunks, never whole.
import { isUtf8 } from 'node:buffer';
import { openPlainFile, type PositionalFile } from '../../positionalFiles';
import { FILE_MESSAGES, unreadable, type ReaderLimits } from './limits';
import type { RawRow, SheetMeta, SpreadsheetSource } from './source';

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

const CHUNK = 256 * 1024;
const QUOTE = 34;
const LF = 10;
const CR = 13;

function readChunk(file: PositionalFile, position: number, size = CHUNK): Buffer {
  return file.readAtSync(position, size);
}

/** The byte-order mark's length and encoding, if the file starts with one. */
function byteOrderMark(head: Buffer): { encoding: CsvEncoding; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Without a BOM: UTF-8 when every byte sequence of the file is valid UTF-8, else Windows-1252.
 * (A Windows-1252 "ç" or "ã" is never valid UTF-8 next to ASCII, so a single one decides.)
 */
export function detectEncoding(file: PositionalFile): { encoding: CsvEncoding; skip: number } {
  const size = file.size;
  const head = readChunk(file, 0, Math.min(4, size));
  const bom = byteOrderMark(head);
  if (bom) return { encoding: bom.encoding, skip: bom.length };
  let carry: Buffer = Buffer.alloc(0);
  for (let position = 0; position < size; position += CHUNK) {
    const chunk = carry.length > 0 ? Buffer.concat([carry, readChunk(file, position)]) : readChunk(file, position);
    // Hold back an incomplete multi-byte sequence at the end for the next chunk.
    let cut = chunk.length;
    for (let back = 1; back <= 3 && back <= chunk.length; back++) {
      const byte = chunk[chunk.length - back] as number;
      if ((byte & 0xc0) === 0x80) continue;
      if (byte >= 0xc0) cut = chunk.length - back;
      break;
    }
    if (position + CHUNK >= size) cut = chunk.length;
    if (!isUtf8(chunk.subarray(0, cut))) return { encoding: 'windows-1252', skip: 0 };
    carry = chunk.subarray(cut);
  }
  return { encoding: 'utf-8', skip: 0 };
}

/** The separator of the header line: the most frequent of `;`, tab and `,` outside quotes (`;` wins ties). */
export function detectSeparator(firstLine: string): string {
  const counts = new Map<string, number>([[';', 0], ['\t', 0], [',', 0]]);
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ';';
  for (const [separator, count] of counts) if (count > (counts.get(best) ?? 0)) best = separator;
  return best;
}

/** Splits decoded text into records; keeps an incomplete last record for the next chunk. */
export class CsvParser {
  private separator: number;
  private pending = '';
  private record = 0;

  constructor(
    separator: string,
    private readonly maxRecordChars: number,
  ) {
    this.separator = separator.charCodeAt(0);
  }

  /** Records completed by `text`; with `final`, the rest too. */
  push(text: string, final: boolean): RawRow[] {
    const s = this.pending + text;
    const rows: RawRow[] = [];
    const sep = this.separator;
    const length = s.length;
    let at = 0;
    parse: while (at < length) {
      const start = at;
      const cells: string[] = [];
      for (;;) {
        // One field starting at `at`.
        if (s.charCodeAt(at) === QUOTE) {
          let value = '';
          let from = at + 1;
          for (;;) {
            const quote = s.indexOf('"', from);
            if (quote === -1) {
              if (!final) {
                at = start;
                break parse;
              }
              throw unreadable(FILE_MESSAGES.rowTooLong(this.record + 1));
            }
            if (s.charCodeAt(quote + 1) === QUOTE) {
              value += s.slice(from, quote + 1);
              from = quote + 2;
              continue;
            }
            if (quote + 1 >= length && !final) {
              at = start;
              break parse;
            }
            value += s.slice(from, quote);
            at = quote + 1;
            break;
          }
          // Text after the closing quote up to the separator is kept, as spreadsheet programs do.
          const end = cellEnd(s, at, length, sep);
          if (end >= length && !final) {
            at = start;
            break parse;
          }
          cells.push(end > at ? value + s.slice(at, end) : value);
          at = end;
        } else {
          const end = cellEnd(s, at, length, sep);
          if (end >= length && !final) {
            at = start;
            break parse;
          }
          cells.push(s.slice(at, end));
          at = end;
        }
        const code = s.charCodeAt(at);
        if (code === sep) {
          at++;
          if (at >= length && !final) {
            at = start;
            break parse;
          }
          if (at >= length) {
            cells.push('');
            break;
          }
          continue;
        }
        // End of record: CRLF, LF, CR, or the end of the file.
        if (code === CR) {
          if (at + 1 >= length && !final) {
            at = start;
            break parse;
          }
          at += s.charCodeAt(at + 1) === LF ? 2 : 1;
        } else if (code === LF) at++;
        break;
      }
      this.record++;
      rows.push({ row: this.record, cells });
    }
    this.pending = s.slice(at);
    if (this.pending.length > this.maxRecordChars) throw unreadable(FILE_MESSAGES.rowTooLong(this.record + 1));
    return rows;
  }
}

export class CsvSource implements SpreadsheetSource {
  readonly format = 'csv' as const;
  readonly sheets: SheetMeta[];
  readonly progress = { done: 0, total: 0 };
  readonly encoding: CsvEncoding;
  private readonly file: PositionalFile;
  private readonly size: number;
  private readonly skip: number;

  /** `source`: a path, or a file already open (an encrypted private copy); closing the source closes it. */
  constructor(
    source: string | PositionalFile,
    sheetName: string,
    private readonly limits: ReaderLimits,
  ) {
    this.file = typeof source === 'string' ? openPlainFile(source) : source;
    try {
      this.size = this.file.size;
      const detected = detectEncoding(this.file);
      this.encoding = detected.encoding;
      this.skip = detected.skip;
      this.sheets = [{ name: sheetName, hidden: false }];
      this.progress.total = this.size;
    } catch (error) {
      this.file.close();
      throw error;
    }
  }

  rowEstimate(): number | null {
    return null;
  }

  *rows(): Generator<RawRow> {
    const decoder = new TextDecoder(this.encoding);
    let parser: CsvParser | null = null;
    let head = '';
    let skipSepLine = false;
    let rowOffset = 0;
    this.progress.done = 0;
    for (let position = this.skip; position < this.size; position += CHUNK) {
      const chunk = readChunk(this.file, position);
      if (chunk.length === 0) break;
      this.progress.done = position + chunk.length;
      const final = position + chunk.length >= this.size;
      let text = decoder.decode(chunk, { stream: !final });
      if (!parser) {
        // The separator comes from the first line (or Excel's `sep=;` hint line, which is not data).
        head += text;
        const lineEnd = head.search(/\r|\n/);
        if (lineEnd === -1 && !final && head.length < this.limits.maxRowChars) continue;
        const firstLine = lineEnd === -1 ? head : head.slice(0, lineEnd);
        const hint = /^sep=(.)$/i.exec(firstLine);
        parser = new CsvParser(hint ? (hint[1] as string) : detectSeparator(firstLine), this.limits.maxRowChars);
        skipSepLine = hint !== null;
        rowOffset = hint ? 1 : 0;
        text = head;
        head = '';
      }
      for (const row of parser.push(text, final)) {
        // Excel hides a `sep=;` hint line: the header below it is row 1 there, and here too.
        if (skipSepLine) {
          skipSepLine = false;
          continue;
        }
        if (row.cells.length > this.limits.maxColumns) throw unreadable(FILE_MESSAGES.damaged(`linha ${row.row} com colunas demais`));
        if (rowOffset > 0) row.row -= rowOffset;
        yield row;
      }
    }
  }

  close(): void {
    this.file.close();
  }
}

/** Where an unquoted cell (or the text after a closing quote) ends: at the separator or a line break. */
function cellEnd(s: string, from: number, length: number, sep: number): number {
  let end = from;
  while (end < length) {
    const code = s.charCodeAt(end);
    if (code === sep || code === LF || code === CR) break;
    end++;
  }
  return end;
}
