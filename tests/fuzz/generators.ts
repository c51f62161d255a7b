// Generators of hostile input: spreadsheet cells, CSV text in both encodings, byte mutations of any
// file, structural mutations of zip files; and the verdict every case must end in.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { AppError, ERROR_CODES } from '../../shared/errors';
import { buildZip, rawZip, type ZipInput } from '../fixtures/imports/zipWriter';

/** Zips written as given (sizes and CRC as stated): built by the fixtures' zip builder. */
export { rawZip };

// ---------------------------------------------------------------------------------------------
// Cells and tables

/** Pieces that break naive parsers: quotes, separators, line breaks, BOMs, formulas, accents, prototype names. */
const PIECES = ['"', '""', ';', ',', '\t', '\r\n', '\n', '\r', '\uFEFF', 'ç', 'ã', 'É', '€', '“', '=1+1', '=HYPERLINK("x")', '@SUM(A1)', '__proto__', 'constructor', 'prototype', ' ', 'CPF', 'E-mail', '01234567890', '<b>', '&amp;', '\u0000', '\uD800', '😀', 'sep=;'];

export const cellArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 6 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

export const tableArb = fc.array(fc.array(cellArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 10 });

/** Text a spreadsheet writer can put in XML: control characters and lone surrogates become "?". */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot hold
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/g, '?');
}

// ---------------------------------------------------------------------------------------------
// CSV

export interface CsvShape {
  separator: ';' | ',' | '\t';
  lineEnd: '\r\n' | '\n' | '\r';
  /** Quote every cell, only those that need it, or none (broken on purpose). */
  quoting: 'all' | 'needed' | 'none';
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  sepHint: boolean;
}

export const csvShapeArb: fc.Arbitrary<CsvShape> = fc.record({
  separator: fc.constantFrom(';', ',', '\t'),
  lineEnd: fc.constantFrom('\r\n', '\n', '\r'),
  quoting: fc.constantFrom('all', 'needed', 'none'),
  encoding: fc.constantFrom('utf-8', 'windows-1252'),
  bom: fc.boolean(),
  sepHint: fc.boolean(),
});

const CP1252_HIGH: Record<string, number> = { '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c };

/** Windows-1252 as Excel writes it; what it cannot hold becomes "?" (as Excel does). */
export function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else bytes.push(CP1252_HIGH[char] ?? 0x3f);
  }
  return Buffer.from(bytes);
}

export function csvText(rows: readonly (readonly string[])[], shape: CsvShape): string {
  const quote = (cell: string) => {
    if (shape.quoting === 'none') return cell;
    if (shape.quoting === 'needed' && !/["\r\n;,\t]/.test(cell)) return cell;
    return `"${cell.replace(/"/g, '""')}"`;
  };
  const lines = rows.map((row) => row.map(quote).join(shape.separator));
  return (shape.sepHint ? `sep=${shape.separator}${shape.lineEnd}` : '') + lines.join(shape.lineEnd);
}

export function csvBytes(rows: readonly (readonly string[])[], shape: CsvShape): Buffer {
  const text = csvText(rows, shape);
  if (shape.encoding === 'windows-1252') return encodeWindows1252(text);
  return Buffer.concat([shape.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

// ---------------------------------------------------------------------------------------------
// Byte mutations (any file)

export type ByteMutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'truncate'; keep: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number };

/** Positions are drawn as fractions of the file, so one mutation fits files of any size. */
const where = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: where, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: where, value: fc.constantFrom(0x00, 0xff, 0x80, 0x22, 0x0a, 0x3c, 0xc3) }),
  fc.record({ kind: fc.constant('truncate' as const), keep: where }),
  fc.record({ kind: fc.constant('insert' as const), at: where, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: where, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: where, length: fc.integer({ min: 1, max: 512 }) }),
);

export const byteMutationsArb = fc.array(byteMutationArb, { minLength: 1, maxLength: 4 });

export function mutateBytes(input: Buffer, mutations: readonly ByteMutation[]): Buffer {
  let bytes = Buffer.from(input);
  for (const m of mutations) {
    const at = m.kind === 'truncate' ? 0 : Math.floor(m.at * bytes.length);
    switch (m.kind) {
      case 'flip':
        if (bytes.length > 0) bytes[at] = (bytes[at] as number) ^ (1 << m.bit);
        break;
      case 'set':
        if (bytes.length > 0) bytes[at] = m.value;
        break;
      case 'truncate':
        bytes = bytes.subarray(0, Math.floor(m.keep * bytes.length));
        break;
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
        break;
      case 'duplicate':
        bytes = Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at, at + m.length), bytes.subarray(at + m.length)]);
        break;
    }
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Zip structure mutations

export interface Entry {
  name: string;
  data: Buffer;
}

/** The entries of a zip, read with SheetJS's own container reader (a file we made ourselves). */
export function unzipEntries(zip: Buffer): Entry[] {
  const container = XLSX.CFB.read(zip, { type: 'buffer' });
  const entries: Entry[] = [];
  container.FileIndex.forEach((file: { type: number; content?: unknown }, index: number) => {
    const name = (container.FullPaths[index] as string).replace(/^Root Entry\//, '');
    if (file.type !== 2 || name.startsWith('\u0001') || !file.content) return;
    entries.push({ name, data: Buffer.from(file.content as Uint8Array) });
  });
  return entries;
}

/** Text that breaks XML: unclosed tags, stray entities, declarations, control characters, huge attributes. */
const XML_JUNK = ['<', '>', '&', '&lol;', '&#0;', '&#xD800;', ']]>', '<![CDATA[', '<!DOCTYPE x [<!ENTITY a "b">]>', '<!ENTITY e SYSTEM "file:///etc/passwd">', '<c r="A1" t="s"><v>999999</v></c>', '<row r="0">', '<row r="99999999">', '<c r="XFD1048576"><v>1</v></c>', '<c r="ZZZZ1"/>', '</sheetData>', '<si><t>', '"', "'", '\u0000', '\uFFFF'];

export const xmlJunkArb = fc.oneof(fc.constantFrom(...XML_JUNK), fc.string({ maxLength: 40 }), fc.array(fc.constantFrom(...XML_JUNK), { minLength: 1, maxLength: 5 }).map((j) => j.join('')));

const HOSTILE_NAMES = ['../evil.xml', '/abs.xml', 'C:/x.xml', 'a\\b.xml', 'xl/../../up.xml', 'XL/WORKBOOK.XML', 'xl/worksheets/sheet1.xml\u0000.txt', 'xl/workbook.xml/'];

export type ZipMutation =
  | { kind: 'shuffle'; order: number[] }
  | { kind: 'duplicate'; index: number }
  | { kind: 'drop'; index: number }
  | { kind: 'rename'; index: number; name: string }
  | { kind: 'junk'; index: number; at: number; text: string }
  | { kind: 'store'; index: number };

export const zipMutationArb: fc.Arbitrary<ZipMutation> = fc.oneof(
  fc.record({ kind: fc.constant('shuffle' as const), order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), index: fc.nat(), name: fc.constantFrom(...HOSTILE_NAMES) }),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('junk' as const), index: fc.nat(), at: where, text: xmlJunkArb }) },
  fc.record({ kind: fc.constant('store' as const), index: fc.nat() }),
);

export const zipMutationsArb = fc.array(zipMutationArb, { minLength: 1, maxLength: 3 });

/** Rebuilds a zip from its entries after the mutations (XML junk goes into the text of an entry). */
export function mutateZip(entries: readonly Entry[], mutations: readonly ZipMutation[]): Buffer {
  let list: ZipInput[] = entries.map((e) => ({ name: e.name, data: e.data }));
  for (const m of mutations) {
    if (list.length === 0) break;
    const i = 'index' in m ? m.index % list.length : 0;
    switch (m.kind) {
      case 'shuffle':
        list = list.map((e, k) => ({ e, key: m.order[k % m.order.length] as number })).sort((a, b) => a.key - b.key).map((x) => x.e);
        break;
      case 'duplicate':
        list.splice(i, 0, { ...(list[i] as ZipInput) });
        break;
      case 'drop':
        list.splice(i, 1);
        break;
      case 'rename':
        list[i] = { ...(list[i] as ZipInput), name: m.name };
        break;
      case 'junk': {
        const text = (list[i] as ZipInput).data.toString();
        const at = Math.floor(m.at * text.length);
        list[i] = { ...(list[i] as ZipInput), data: text.slice(0, at) + m.text + text.slice(at) };
        break;
      }
      case 'store':
        list[i] = { ...(list[i] as ZipInput), method: 0 };
        break;
    }
  }
  return buildZip(list);
}

// ---------------------------------------------------------------------------------------------
// Zip bombs

/**
 * A deflate stream that expands to `gib` GiB of zeros, built without ever holding them: one
 * sync-flushed MiB of zeros repeated (its back-references only ever see zeros), then an empty
 * final block. About 1 KB per MiB: a 2 GiB bomb is a 2 MB file.
 */
export function zeroBombDeflate(mib: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const final = Buffer.from([0x03, 0x00]);
  return Buffer.concat([...Array.from({ length: mib }, () => segment), final]);
}

/** 42.zip's shape: zips of zips, `width` copies per level, the innermost holding a bomb. */
export function nestedBomb(levels: number, width: number, inner: Buffer): Buffer {
  let current = inner;
  for (let level = 0; level < levels; level++) {
    const copy = current;
    current = buildZip(Array.from({ length: width }, (_, i) => ({ name: `${level}-${i}.zip`, data: copy, method: 0 as const })));
  }
  return current;
}

/** The entries zipped again, the one named `name` last and a 2 GiB bomb in its place, declared as `size` bytes. */
export function zipWithBombAt(entries: readonly Entry[], name: string, size: number): Buffer {
  const others = entries.filter((e) => e.name !== name).map((e) => ({ name: e.name, compressed: deflateRawSync(e.data), size: e.data.length, crc: crc32(e.data) }));
  return rawZip([...others, { name, compressed: zeroBombDeflate(2048), size, crc: 0 }]);
}

/** 42.zip itself, small: three levels of zips three wide, a 64 MiB bomb innermost. */
export function nest42(): Buffer {
  return nestedBomb(3, 3, rawZip([{ name: 'b.bin', compressed: zeroBombDeflate(64), size: 64 * 1024 * 1024, crc: 0 }]));
}

/** Entry names that leave the zip's folder `root`: ../, absolute, backslashes, drive letters. */
export function escapingNames(root: string): string[] {
  return ['../fora.txt', `${root}/../../fora.txt`, '/tmp/fora.txt', `${root}\\..\\fora.txt`, 'C:/fora.txt', 'C:\\fora.txt', `${root}/data/../../../fora.txt`];
}

// ---------------------------------------------------------------------------------------------
// Verdicts

const ENGLISH = /\b(the|is|of|cannot|undefined|unexpected|null|error|invalid|failed|TypeError|RangeError)\b/;
const PORTUGUESE = /\b(o|a|os|as|de|do|da|não|é|está|arquivo|linha|coluna|aba|planilha|backup|lote|zip|senha|confirmação)\b/i;

/** A message a clerk can read: Portuguese, no English exception text. */
export function isPortugueseMessage(message: unknown): boolean {
  if (typeof message !== 'string' || message.length < 10) return false;
  // What the clerk reads first; a parser's own detail may follow in parentheses.
  const lead = message.replace(/"[^"]*"|“[^”]*”/g, '').split('(')[0] as string;
  return (PORTUGUESE.test(lead) || /[ãõçáéíóúâêô]|\w(ado|ada|ido|ida)\b/i.test(lead)) && !ENGLISH.test(lead);
}

/** An AppError (or its data in an envelope) with a stable code other than INTERNAL and a Portuguese message. */
export function isClearError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (!(error instanceof AppError) && !('code' in error)) return false;
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code) && code !== 'INTERNAL' && isPortugueseMessage(message);
}

export type Verdict = 'result' | 'error';

/** The longest any single case may take: a hang shows up as a case over this. */
export const CASE_LIMIT_MS = 5_000;

export class UnclearError extends Error {
  constructor(
    readonly original: unknown,
    readonly input: string,
  ) {
    super(`not a clear error for ${input}: ${original instanceof Error ? `${original.name}: ${original.message}` : JSON.stringify(original)}`);
  }
}

/** Per reader: how many cases ended in a result and how many in a clear error; the slowest case. */
export class Tally {
  private readonly counts = new Map<string, { result: number; error: number }>();
  slowestMs = 0;

  add(reader: string, verdict: Verdict, ms: number): void {
    const entry = this.counts.get(reader) ?? { result: 0, error: 0 };
    entry[verdict]++;
    this.counts.set(reader, entry);
    this.slowestMs = Math.max(this.slowestMs, ms);
  }

  count(reader: string): number {
    const entry = this.counts.get(reader);
    return entry ? entry.result + entry.error : 0;
  }

  total(): number {
    let n = 0;
    for (const e of this.counts.values()) n += e.result + e.error;
    return n;
  }

  line(family: string): string {
    const n = (x: number) => x.toLocaleString('pt-BR');
    const parts = [...this.counts].map(([reader, e]) => `${reader} ${n(e.result + e.error)} (${n(e.result)} com resultado, ${n(e.error)} com erro claro)`);
    return `Entradas hostis — ${family}: ${n(this.total())} casos — ${parts.join(', ')}; caso mais lento ${Math.round(this.slowestMs)} ms`;
  }
}

/** Runs one case: a result, or a clear error; anything else (or a case over the limit) fails the property. */
export function runCase(tally: Tally, reader: string, input: string, fn: () => void): Verdict {
  const started = performance.now();
  try {
    fn();
  } catch (error) {
    return settle(tally, reader, input, started, { error });
  }
  return settle(tally, reader, input, started, null);
}

/** The same for asynchronous readers. */
export async function runCaseAsync(tally: Tally, reader: string, input: string, fn: () => Promise<void>): Promise<Verdict> {
  const started = performance.now();
  try {
    await fn();
  } catch (error) {
    return settle(tally, reader, input, started, { error });
  }
  return settle(tally, reader, input, started, null);
}

/** The verdict of a case that ended (`thrown` holds what it threw, if it threw), counted in the tally. */
function settle(tally: Tally, reader: string, input: string, started: number, thrown: { error: unknown } | null): Verdict {
  if (thrown && !isClearError(thrown.error)) throw new UnclearError(thrown.error, input);
  const verdict: Verdict = thrown ? 'error' : 'result';
  const ms = performance.now() - started;
  if (ms > CASE_LIMIT_MS) throw new Error(`${reader}: case took ${Math.round(ms)} ms (${input})`);
  tally.add(reader, verdict, ms);
  return verdict;
}

/** A digest of every row of every table: equal before and after means the store was not touched. */
export function storeDigest(db: Database): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    hash.update(`\u0000${table}\u0000`);
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  }
  return hash.digest('hex');
}

/** Resident memory now, in MB. */
export function rssMb(): number {
  return process.memoryUsage().rss / 1048576;
}

/** How much resident memory a run of the whole suite file may add: bounded, whatever the input. */
export const RSS_GROWTH_LIMIT_MB = 600;

/** Nothing on Object.prototype that was not there before (no prototype pollution). */
export function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

export { fc };
