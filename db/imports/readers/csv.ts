// CSV as spreadsheet programs save it: UTF-8 with or without BOM, Windows-1252 (pt-BR Excel's
// "CSV (separado por vírgulas)"), UTF-16 ("Texto Unicode"); `;`, `,` or tab, detected; CRLF or LF;
// quoted fields with separators, quotes and line breaks inside. Read in chunks, never whole. A file
// mixing UTF-8 and Windows-1252 rows is refused: no single reading keeps every row's accents.
import { isUtf8 } from 'node:buffer';
import type { AppError } from '../../../shared/errors';
import { openPlainFile, type PositionalFile } from '../../positionalFiles';
import { FILE_MESSAGES, unreadable, type ReaderLimits } from './limits';
import type { ColumnSpan, RawRow, SheetMeta, SpreadsheetSource } from './source';

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
 * Second bytes that, after 0xC3 (or 0xC2), make in UTF-8 a letter or sign of Portuguese text (ç, ã, é,
 * Ç, Ã, É…; º, ª, °, §). Read as Windows-1252 the pair is "Ã§", "Ã£", "Ã©", "Âº": never Portuguese,
 * so in a file that is not all UTF-8 it is a UTF-8 row beside Windows-1252 ones (ALWAYS). Three
 * more count only inside a word, followed by a letter (IN_WORD): Windows-1252 reads them as a capital
 * "Ã" and a quote (Ó "Ã“", Ô "Ã”"), which may close a quoted word ("IRMÃ”") but is never followed
 * by a letter as in "ANTÃ”NIO" — the all-capitals text a main system writes. À ("Ã€") counts also
 * as a word of its own, after a space ("FRENTE À IGREJA"), as no Windows-1252 word is "Ã€"
 * (AS_WORD). Left out: à and í, read as "Ã" and a no-break space or a soft hyphen, which may follow
 * "MANHÃ" in real text.
 */
const ALWAYS = 1;
const IN_WORD = 2;
const AS_WORD = 3;
const UTF8_PAIRS: [lead: number, seconds: Uint8Array][] = [
  [0xc3, secondBytes([0x81, 0x82, 0x83, 0x87, 0x89, 0x8a, 0x8d, 0x95, 0x9a, 0x9c, 0xa1, 0xa2, 0xa3, 0xa7, 0xa9, 0xaa, 0xb3, 0xb4, 0xb5, 0xba, 0xbc], [0x93, 0x94], [0x80])],
  [0xc2, secondBytes([0xa7, 0xaa, 0xb0, 0xba], [], [])],
];

function secondBytes(always: number[], inWord: number[], asWord: number[]): Uint8Array {
  const table = new Uint8Array(256);
  for (const byte of always) table[byte] = ALWAYS;
  for (const byte of inWord) table[byte] = IN_WORD;
  for (const byte of asWord) table[byte] = AS_WORD;
  return table;
}

function isAsciiLetter(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
}

/** Where the first UTF-8 letter pair of UTF8_PAIRS starts in `bytes` before `end` (a pair and its next byte may lie past `end`), or -1. */
function utf8LetterAt(bytes: Buffer, end = bytes.length): number {
  let first = -1;
  for (const [lead, seconds] of UTF8_PAIRS) {
    const limit = first === -1 ? end : first;
    for (let at = bytes.indexOf(lead); at !== -1 && at < limit; at = bytes.indexOf(lead, at + 1)) {
      const kind = seconds[bytes[at + 1] ?? 0] ?? 0;
      const inWord = kind >= IN_WORD && isAsciiLetter(bytes[at + 2]);
      if (kind === ALWAYS || inWord || (kind === AS_WORD && !isAsciiLetter(bytes[at - 1]))) {
        first = at;
        break;
      }
    }
  }
  return first;
}

/** The first UTF-8 letter pair of the file at or after `from`, or -1: read in chunks that overlap by two bytes. */
function utf8LetterFrom(file: PositionalFile, from: number): number {
  for (let position = from; position < file.size; position += CHUNK) {
    const at = utf8LetterAt(readChunk(file, position, CHUNK + 2), CHUNK);
    if (at !== -1) return position + at;
  }
  return -1;
}

/** The offset of the first byte of `bytes` that does not start a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let at = 0; at < bytes.length; ) {
    const lead = bytes[at] as number;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || !isUtf8(bytes.subarray(at, at + length))) return at;
    at += length;
  }
  return -1;
}

/**
 * Without a BOM: UTF-8 when every byte sequence of the file is valid UTF-8, else Windows-1252.
 * (A Windows-1252 "ç" or "ã" is never valid UTF-8 next to ASCII, so a single one decides.)
 * A file that is not all UTF-8 yet holds UTF-8 letters anywhere mixes the two (rows pasted from
 * another program): it is refused, since either reading would store one kind of row's accents wrong.
 * A UTF-8 BOM is believed only as far as the bytes bear it out: rows appended from an ANSI file
 * after it would otherwise be stored with "�" for their accents.
 */
export function detectEncoding(file: PositionalFile, maxRowChars: number): { encoding: CsvEncoding; skip: number } {
  const bom = byteOrderMark(readChunk(file, 0, Math.min(4, file.size)));
  if (bom && bom.encoding !== 'utf-8') return { encoding: bom.encoding, skip: bom.length };
  const skip = bom?.length ?? 0;
  // The first UTF-8 letter of the valid part, looked for only until one is found.
  let utf8Letter = -1;
  const invalid = firstInvalidUtf8From(file, skip, (valid, start) => {
    if (utf8Letter !== -1) return;
    const at = utf8LetterAt(valid);
    if (at !== -1) utf8Letter = start + at;
  });
  if (invalid === null) return { encoding: 'utf-8', skip };
  if (bom) throw unreadable(FILE_MESSAGES.bomButWindows1252(rowsAt(file, [invalid.at], maxRowChars)[0] as number));
  if (utf8Letter === -1) utf8Letter = utf8LetterFrom(file, invalid.chunkStart);
  if (utf8Letter !== -1) throw mixedEncodings(file, utf8Letter, invalid.at, maxRowChars);
  return { encoding: 'windows-1252', skip: 0 };
}

/**
 * The first byte at or after `from` that does not start a valid UTF-8 sequence (and where the chunk
 * holding it starts), or null; `onValid` sees each chunk found valid. Read in chunks, an incomplete
 * sequence at a chunk's end carried over to the next.
 */
function firstInvalidUtf8From(file: PositionalFile, from: number, onValid: (valid: Buffer, start: number) => void): { at: number; chunkStart: number } | null {
  let carry: Buffer = Buffer.alloc(0);
  for (let position = from; position < file.size; position += CHUNK) {
    const start = position - carry.length;
    const chunk = carry.length > 0 ? Buffer.concat([carry, readChunk(file, position)]) : readChunk(file, position);
    // Hold back an incomplete multi-byte sequence at the end for the next chunk.
    let cut = chunk.length;
    for (let back = 1; back <= 3 && back <= chunk.length; back++) {
      const byte = chunk[chunk.length - back] as number;
      if ((byte & 0xc0) === 0x80) continue;
      if (byte >= 0xc0) cut = chunk.length - back;
      break;
    }
    if (position + CHUNK >= file.size) cut = chunk.length;
    const valid = chunk.subarray(0, cut);
    if (!isUtf8(valid)) return { at: start + Math.max(0, firstInvalidUtf8(valid)), chunkStart: start };
    onValid(valid, start);
    carry = chunk.subarray(cut);
  }
  return null;
}

/** The refusal of a file in two encodings, naming the rows of its first UTF-8 letter and first Windows-1252 byte. */
function mixedEncodings(file: PositionalFile, utf8At: number, cp1252At: number, maxRowChars: number): AppError {
  const [utf8Row, cp1252Row] = rowsAt(file, [utf8At, cp1252At], maxRowChars) as [number, number];
  return unreadable(FILE_MESSAGES.mixedEncodings(utf8Row, cp1252Row));
}

/**
 * The rows holding the bytes at these offsets, numbered as `CsvSource.rows` numbers them. The file is
 * parsed as Windows-1252, one character a byte: rows end at the same bytes in either reading.
 */
function rowsAt(file: PositionalFile, offsets: number[], maxRowChars: number): number[] {
  const { separator, hinted } = headerOf(firstLine(new TextDecoder('windows-1252').decode(readChunk(file, 0))));
  const parser = new CsvParser(separator, maxRowChars);
  const decoder = new TextDecoder('windows-1252');
  const rows = new Map<number, number>();
  let records = 0;
  let position = 0;
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    // Up to and with the byte at `offset`: it is not a line break, so its record stays open.
    for (let end = offset + 1; position < end; ) {
      const chunk = readChunk(file, position, Math.min(CHUNK, end - position));
      if (chunk.length === 0) break;
      records += parser.push(decoder.decode(chunk, { stream: true }), false).length;
      position += chunk.length;
    }
    rows.set(offset, records + 1 - (hinted ? 1 : 0));
  }
  return offsets.map((offset) => rows.get(offset) as number);
}

/** The text before the first line break. */
function firstLine(text: string): string {
  const lineEnd = text.search(/\r|\n/);
  return lineEnd === -1 ? text : text.slice(0, lineEnd);
}

/** The separator a header line gives, and whether the line is Excel's `sep=` hint (not data). */
function headerOf(line: string): { separator: string; hinted: boolean } {
  const hint = /^sep=(.)$/i.exec(line);
  return hint ? { separator: hint[1] as string, hinted: true } : { separator: detectSeparator(line), hinted: false };
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
      const detected = detectEncoding(this.file, limits.maxRowChars);
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

  hiddenColumns(): readonly ColumnSpan[] {
    return [];
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
        if (head.search(/\r|\n/) === -1 && !final && head.length < this.limits.maxRowChars) continue;
        const { separator, hinted } = headerOf(firstLine(head));
        parser = new CsvParser(separator, this.limits.maxRowChars);
        skipSepLine = hinted;
        rowOffset = hinted ? 1 : 0;
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
