// The answer of Implanta as a spreadsheet, read into rows: a CSV by the spreadsheet import's CSV
// reader (encodings, separators, row numbers as a spreadsheet program shows them), an .xlsx (or
// .ods) by SheetJS after the careful zip reader looked at it, an Excel 97-2003 workbook by SheetJS.
// What the rows say is read in ackRead.ts.
import type * as XLSX from 'xlsx';
import { AppError } from '../../shared/errors';
import { CsvSource } from '../imports/readers/csv';
import { DEFAULT_LIMITS } from '../imports/readers/limits';
import type { RawRow } from '../imports/readers/source';
import { ZipError, ZipReader } from '../packaging';
import { sheetjs } from '../sheetjs';

const XLSX_LIMITS = { maxEntries: 2_000, maxTotalBytes: 512 * 1024 * 1024, maxRatio: 200 };

/** ACK_INVALID: the file cannot be taken as an answer (nothing is changed). */
export function ackInvalid(message: string, details?: unknown): AppError {
  return new AppError('ACK_INVALID', message, details === undefined ? {} : { details });
}

/** An OLE compound file: an Excel 97-2003 workbook (.xls), or an Office file protected with a password. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
export const NOT_AN_ANSWER = 'O arquivo de confirmação não é uma planilha, um CSV nem um JSON: peça à Implanta a resposta em .xlsx, .csv ou .json.';

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

/** The first sheet people see: a hidden first sheet (instructions, lists for validation) is passed over. */
function firstVisibleSheet(workbook: XLSX.WorkBook): string | undefined {
  const hidden = new Set((workbook.Workbook?.Sheets ?? []).filter((sheet) => sheet.Hidden).map((sheet) => sheet.name));
  return workbook.SheetNames.find((name) => !hidden.has(name)) ?? workbook.SheetNames[0];
}

function sheetRows(workbook: XLSX.WorkBook): RawRow[] {
  const name = firstVisibleSheet(workbook);
  const sheet = name === undefined ? undefined : workbook.Sheets[name];
  if (!sheet) throw ackInvalid('A planilha de confirmação não tem nenhuma aba.');
  isoDateCells(sheet);
  return (sheetjs().utils.sheet_to_json(sheet, { header: 1, raw: false, defval: '', blankrows: false }) as unknown[][]).map((row, index) => ({
    row: index + 1,
    cells: row.map((cell) => String(cell ?? '').trim()),
  }));
}

/** The records of a CSV, numbered as a spreadsheet program shows them; every cell is text, as written. */
export function csvRows(path: string, bytes: Buffer): RawRow[] {
  // Text has no NUL byte, but in UTF-16 (its byte-order mark says so): a PDF, an image… is no answer.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 4096).includes(0)) throw ackInvalid(NOT_AN_ANSWER);
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
export function compoundRows(bytes: Buffer): RawRow[] {
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
    return sheetRows(sheetjs().read(bytes, { type: 'buffer', cellFormula: false, cellHTML: false, cellNF: true }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw ackInvalid('A planilha de confirmação (.xls) está danificada.');
  }
}

export async function xlsxRows(path: string, bytes: Buffer): Promise<RawRow[]> {
  // The zip is checked with our careful reader first: no bombs reach the spreadsheet parser.
  try {
    const zip = await ZipReader.open(path, { limits: XLSX_LIMITS });
    await zip.close();
  } catch (error) {
    throw ackInvalid(error instanceof ZipError ? `A planilha de confirmação não pôde ser aberta: ${error.message}` : 'A planilha de confirmação não pôde ser aberta.');
  }
  try {
    return sheetRows(sheetjs().read(bytes, { type: 'buffer', cellFormula: false, cellHTML: false, cellNF: true }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw ackInvalid('A planilha de confirmação está danificada ou não é um arquivo .xlsx.');
  }
}
