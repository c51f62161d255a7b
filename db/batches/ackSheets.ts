// The answer of Implanta as a spreadsheet, read into rows: a CSV by the spreadsheet import's CSV
// reader (encodings, separators, row numbers as a spreadsheet program shows them), an .xlsx (or
// .ods) by SheetJS after the careful zip reader looked at it, an Excel 97-2003 workbook by SheetJS.
// Every sheet of a workbook is read; which hold answers, and what they say, is read in
// ackWorkbook.ts and ackRows.ts.
import type * as XLSX from 'xlsx';
import { AppError } from '../../shared/errors';
import { shownSpreadsheetError } from '../../shared/spreadsheetErrors';
import { CsvSource } from '../imports/readers/csv';
import { DEFAULT_LIMITS } from '../imports/readers/limits';
import type { ColumnSpan, RawRow } from '../imports/readers/source';
import { ZipError, ZipReader } from '../packaging';
import { sheetjs } from '../sheetjs';
import { isKnownBinary } from '../knownBinary';
import { ackRow, hasUnsavedFormula, markUnsavedFormulas, type AckRow } from './ackFormulas';
import { OdsVisibilityScanner, type HiddenParts } from '../imports/readers/odsVisibility';
import { inSheet } from './ackPlace';

// SheetJS parses the whole sheet in memory, at several times the size of its XML: the content is
// bounded like the file on disk (ackRead.ts), so an answer never costs gigabytes to refuse.
const XLSX_LIMITS = { maxEntries: 2_000, maxTotalBytes: 64 * 1024 * 1024, maxRatio: 200 };

/** ACK_INVALID: the file cannot be taken as an answer (nothing is changed). */
export function ackInvalid(message: string, details?: unknown): AppError {
  return new AppError('ACK_INVALID', message, details === undefined ? {} : { details });
}

/** An OLE compound file: an Excel 97-2003 workbook (.xls), or an Office file protected with a password. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
export const NOT_AN_ANSWER = 'O arquivo de confirmação não é uma planilha, um CSV nem um JSON: peça à Implanta a resposta em .xlsx, .csv ou .json.';

/** Names of a spreadsheet program's own files, never text. */
const SPREADSHEET_NAME = /\.(xlsx|xlsm|xls|ods)$/i;

/**
 * Text under a spreadsheet's name (a CSV or a page saved as ".xlsx"): refused as Importar refuses
 * it, instead of being read as a CSV that has no answers.
 */
export function refuseTextAsSpreadsheet(fileName: string, bytes: Buffer): void {
  if (!SPREADSHEET_NAME.test(fileName)) return;
  if (isKnownBinary(bytes) || bytes.subarray(0, 4096).includes(0)) throw ackInvalid(NOT_AN_ANSWER);
  const base = fileName.replace(/^.*[\\/]/, '');
  const start = bytes.subarray(0, 4096).toString('latin1').replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, '').trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<table')) {
    throw ackInvalid(`O arquivo ${base} tem extensão de planilha, mas é uma página HTML exportada por outro sistema. Abra-o no Excel ou no LibreOffice e salve como .xlsx, ou peça à Implanta a resposta em .xlsx, .csv ou .json.`);
  }
  throw ackInvalid(`O arquivo ${base} não é uma planilha: parece ser texto. Se for um CSV, salve-o com a extensão .csv; ou peça à Implanta a resposta em .xlsx, .csv ou .json.`);
}

export function isCompound(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(CFB_MAGIC);
}

/**
 * Date cells read as ISO dates: the text a spreadsheet shows for them follows the computer's
 * locale (3/9/26 is 9 March on one machine and 3 September on another).
 */
function isoDateCells(sheet: XLSX.WorkSheet): void {
  const two = (n: number) => String(n).padStart(2, '0');
  for (const [address, cell] of Object.entries(sheet)) {
    if (address.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    if (c.t !== 'n' || typeof c.v !== 'number' || typeof c.z !== 'string' || !sheetjs().SSF.is_date(c.z)) continue;
    const date = sheetjs().SSF.parse_date_code(c.v);
    if (date) c.w = `${date.y}-${two(date.m)}-${two(date.d)}`;
  }
}

/**
 * Error cells (a formula without a result) kept as the error the clerk sees, not as empty cells:
 * an answer whose situação is #N/D is named, not passed over as a row not answered yet.
 */
function errorCellsAsText(sheet: XLSX.WorkSheet): void {
  for (const [address, cell] of Object.entries(sheet)) {
    if (address.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    if (c.t !== 'e') continue;
    c.t = 's';
    c.v = c.w = shownSpreadsheetError(typeof c.w === 'string' ? c.w : '');
  }
}

/** The most cells an answer sheet may span, rows × columns: 250 000 answers of 16 columns. */
const MAX_ANSWER_CELLS = 4_000_000;

/**
 * The sheet's range cut to the cells it has. SheetJS walks the range cell by cell: a <dimension>
 * saying XFD1048576, or one stray cell there, would be 17 billion cells to read. A sheet whose
 * cells spread beyond any answer is refused naming how far they go. Its rows are counted from the
 * range's first, its columns from A: each row read is laid out from column A (sheetRows).
 */
function rangeOfItsCells(sheet: XLSX.WorkSheet): void {
  const { decode_cell, decode_range, encode_cell, encode_range } = sheetjs().utils;
  const start = typeof sheet['!ref'] === 'string' ? decode_range(sheet['!ref']).s : null;
  let first = { r: Infinity, c: Infinity };
  let last = { r: -1, c: -1 };
  for (const address of Object.keys(sheet)) {
    if (address.startsWith('!')) continue;
    const { r, c } = decode_cell(address);
    first = { r: Math.min(first.r, r), c: Math.min(first.c, c) };
    last = { r: Math.max(last.r, r), c: Math.max(last.c, c) };
  }
  if (last.r < 0) return void delete sheet['!ref'];
  const from = start && start.r <= first.r && start.c <= first.c ? start : first;
  if ((last.r - from.r + 1) * (last.c + 1) > MAX_ANSWER_CELLS) {
    throw ackInvalid(
      `A planilha de confirmação tem células de ${encode_cell(from)} até ${encode_cell(last)}: muito além de qualquer resposta. Apague o que estiver fora da tabela e salve de novo, ou peça à Implanta a resposta em .csv ou .json.`,
    );
  }
  sheet['!ref'] = encode_range({ s: from, e: last });
}

/** A sheet of a workbook answer: its name, whether the workbook hides it, and its rows, each hidden one marked. */
export interface AckSheet {
  name: string;
  hidden: boolean;
  rows: AckRow[];
}

/**
 * Every sheet of the workbook, in its order; which are read is ackWorkbook.ts's choice. `odsHidden`:
 * the rows each sheet of an .ods hides (SheetJS reads those of an xlsx, not of an .ods).
 */
function workbookSheets(workbook: XLSX.WorkBook, odsHidden: ReadonlyMap<string, HiddenParts> = new Map()): AckSheet[] {
  if (workbook.SheetNames.length === 0) throw ackInvalid('A planilha de confirmação não tem nenhuma aba.');
  const flags = workbook.Workbook?.Sheets ?? [];
  return workbook.SheetNames.map((name, index) => {
    try {
      return { name, hidden: Boolean(flags[index]?.Hidden), rows: sheetRows(workbook.Sheets[name], odsHidden.get(name)?.rows ?? []) };
    } catch (error) {
      // A sheet too wide to read is named when there are others.
      throw workbook.SheetNames.length > 1 ? inSheet(error, name) : error;
    }
  });
}

/**
 * The rows that hold something, each numbered and its cells placed as the clerk sees them in Excel or
 * LibreOffice: row 7 is row 7 whatever blank rows lie above it, column A is column A wherever the
 * table begins. SheetJS leaves blank rows out and counts from the range's first cell, so each row is
 * read by its letter-keyed cells with the sheet row SheetJS gives it (`__rowNum__`). A row the sheet
 * hides (a filter, by hand) is marked, as the import marks it: read like the others, and told.
 */
function sheetRows(sheet: XLSX.WorkSheet | undefined, odsHiddenRows: readonly ColumnSpan[]): AckRow[] {
  if (!sheet) return [];
  markUnsavedFormulas(sheet);
  rangeOfItsCells(sheet);
  isoDateCells(sheet);
  errorCellsAsText(sheet);
  const { decode_range, encode_col, sheet_to_json } = sheetjs().utils;
  if (typeof sheet['!ref'] !== 'string') return [];
  const letters = Array.from({ length: decode_range(sheet['!ref']).e.c + 1 }, (_, column) => encode_col(column));
  const hidden = (index: number) => sheet['!rows']?.[index]?.hidden === true || odsHiddenRows.some((span) => index >= span.first && index <= span.last);
  const rows = sheet_to_json<Record<string, unknown>>(sheet, { header: 'A', raw: false, defval: '', blankrows: false });
  return rows.map((row) => {
    const index = (row as { __rowNum__: number }).__rowNum__;
    const read = ackRow(index + 1, letters.map((letter) => String(row[letter] ?? '').trim()));
    return hidden(index) ? { ...read, hidden: true } : read;
  });
}

/** The records of a CSV, numbered as a spreadsheet program shows them; every cell is text, as written. */
export function csvRows(path: string, bytes: Buffer): RawRow[] {
  // Text has no NUL byte, but in UTF-16 (its byte-order mark says so): a PDF, an image… is no answer.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (isKnownBinary(bytes) || (!utf16 && bytes.includes(0))) throw ackInvalid(NOT_AN_ANSWER);
  let source: CsvSource;
  try {
    source = new CsvSource(path, 'confirmação', DEFAULT_LIMITS);
  } catch (error) {
    // The reader may refuse the file as soon as it opens it (rows in two encodings): it says why.
    if (error instanceof AppError && error.code === 'FILE_UNREADABLE') throw ackInvalid(`O arquivo de confirmação não pôde ser lido. ${error.message}`);
    throw ackInvalid('Não foi possível abrir o arquivo de confirmação.');
  }
  try {
    return Array.from(source.rows(), ({ row, cells }) => ({ row, cells: cells.map((cell) => cell.trim()) }));
  } catch (error) {
    // The reader's own refusal (a quote never closed, columns beyond any spreadsheet's) says why.
    if (error instanceof AppError) throw ackInvalid(`O arquivo de confirmação não pôde ser lido. ${error.message}`);
    throw error;
  } finally {
    source.close();
  }
}

/** An Excel 97-2003 workbook, read by SheetJS; an Office file protected with a password is refused. */
export function compoundSheets(bytes: Buffer): AckSheet[] {
  let names: string[];
  try {
    names = sheetjs()
      .CFB.read(bytes, { type: 'buffer' })
      .FullPaths.map((p: string) => p.replace(/^.*\//, ''));
  } catch {
    throw ackInvalid('A planilha de confirmação está danificada ou cortada.');
  }
  if (names.includes('EncryptedPackage') || names.includes('EncryptionInfo')) {
    throw ackInvalid('A planilha de confirmação está protegida por senha: peça à Implanta que a salve sem senha, ou abra-a, salve uma cópia sem senha e importe a cópia.');
  }
  if (!names.includes('Workbook') && !names.includes('Book')) throw ackInvalid(NOT_AN_ANSWER);
  try {
    return workbookSheets(sheetjs().read(bytes, { type: 'buffer', cellFormula: false, cellHTML: false, cellNF: true }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw ackInvalid('A planilha de confirmação (.xls) está danificada.');
  }
}

/**
 * The desk's own zips, chosen by mistake for Implanta's answer: a lote's package (its bag holds the
 * corrections sent) or a backup (its bag holds the store). Said for what they are; null for others.
 */
function bagOf(names: readonly string[]): string | null {
  const inBag = (file: RegExp) => names.some((name) => new RegExp(`^[^/]+/data/${file.source}$`).test(name));
  if (!names.some((name) => /^[^/]+\/bagit\.txt$/.test(name))) return null;
  if (inBag(/cress-desk\.sqlite/)) return 'Este arquivo é um backup do CRESS Desk, não a resposta da Implanta: escolha o arquivo que a Implanta enviou com o resultado do lote (.json, .csv ou .xlsx).';
  if (inBag(/(summary\.json|corrections\..+|cep-changes\..+)/)) {
    return 'Este arquivo é o pacote de um lote que a mesa gerou para a Implanta, não a resposta dela: escolha o arquivo que a Implanta enviou com o resultado do lote (.json, .csv ou .xlsx).';
  }
  return null;
}

/**
 * The zip checked with our careful reader first, so no bomb reaches the spreadsheet parser: whether
 * a sheet holds a formula whose result was not saved (ackFormulas.ts), and the rows each sheet of an
 * .ods hides (read as the import reads them, odsVisibility.ts).
 */
async function checkedZip(path: string): Promise<{ unsavedFormulas: boolean; odsHidden: ReadonlyMap<string, HiddenParts> }> {
  try {
    const zip = await ZipReader.open(path, { limits: XLSX_LIMITS });
    try {
      const bag = bagOf(zip.entries.map((entry) => entry.name));
      if (bag !== null) throw ackInvalid(bag);
      return { unsavedFormulas: await hasUnsavedFormula(zip), odsHidden: await odsHiddenParts(zip) };
    } finally {
      await zip.close();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw ackInvalid(error instanceof ZipError ? `A planilha de confirmação não pôde ser aberta: ${error.message}` : 'A planilha de confirmação não pôde ser aberta.');
  }
}

/** The rows and columns each sheet of an .ods hides, by sheet name; none for an xlsx (it has no content.xml). */
async function odsHiddenParts(zip: ZipReader): Promise<ReadonlyMap<string, HiddenParts>> {
  if (!zip.entries.some((entry) => entry.name === 'content.xml')) return new Map();
  const scanner = new OdsVisibilityScanner();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of zip.stream('content.xml')) scanner.feed(decoder.decode(chunk, { stream: true }));
  return scanner.sheets;
}

export async function xlsxSheets(path: string, bytes: Buffer): Promise<AckSheet[]> {
  const { unsavedFormulas: formulas, odsHidden } = await checkedZip(path);
  try {
    // Empty cells are read only when a formula without a result is to be found among them; the
    // styles, for the rows an xlsx hides.
    return workbookSheets(sheetjs().read(bytes, { type: 'buffer', cellFormula: formulas, sheetStubs: formulas, cellHTML: false, cellNF: true, cellStyles: true }), odsHidden);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw ackInvalid('A planilha de confirmação está danificada ou não é um arquivo .xlsx.');
  }
}
