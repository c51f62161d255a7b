// Opens a spreadsheet by what its bytes are, not by its name: zip (xlsx/xlsm/ods), OLE compound
// file (xls, or an encrypted Office file), or text (CSV, only when named as text). Everything else
// is refused with a message, before any parsing.
import { extname } from 'node:path';
import { sheetjs } from '../../sheetjs';
import { unreadableFile } from '../../fileRefusals';
import { openPlainFile, type PositionalFile } from '../../positionalFiles';
import type { ZipReader } from '../../zip';
import { CsvSource } from './csv';
import { DEFAULT_LIMITS, FILE_MESSAGES, unreadable, unsafe, type ReaderLimits } from './limits';
import { OdsVisibilityScanner, type HiddenParts } from './odsVisibility';
import { SheetJsSource } from './sheetjs';
import type { SpreadsheetSource } from './source';
import { XlsxSource } from './xlsx';
import { DeclarationGuard } from './xml';
import { openZip } from './zipFaults';
import { isKnownBinary } from '../../knownBinary';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
const HEAD_BYTES = 4096;
/** Names under which text is read as CSV; text under any other name (a ".xlsx" saved as CSV) is refused. */
const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(['.csv', '.txt', '.tsv', '.tab']);


function baseName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '');
}

/** The name a CSV's only "sheet" gets: the file name without its extension. */
export function csvSheetName(fileName: string): string {
  const base = baseName(fileName);
  const ext = extname(base);
  return (ext ? base.slice(0, -ext.length) : base) || 'Planilha';
}

/**
 * `source`: a path, or a file already open (the import's encrypted private copy). The source that
 * comes back owns the file and closes it; a refusal closes it at once.
 */
export function openSpreadsheet(source: string | PositionalFile, fileName: string, limits: ReaderLimits = DEFAULT_LIMITS): SpreadsheetSource {
  let file: PositionalFile;
  try {
    file = typeof source === 'string' ? openPlainFile(source) : source;
  } catch (error) {
    throw unreadableFile(source as string, error);
  }
  try {
    return openByContent(file, fileName, limits);
  } catch (error) {
    file.close();
    throw error;
  }
}

/** The reader for what the bytes are; the zip and CSV readers take the file over, the others read it whole. */
function openByContent(file: PositionalFile, fileName: string, limits: ReaderLimits): SpreadsheetSource {
  const { size } = file;
  if (size === 0) throw unreadable(FILE_MESSAGES.empty);
  if (size > limits.maxFileBytes) throw unsafe(FILE_MESSAGES.tooLarge(Math.ceil(size / 1048576), Math.floor(limits.maxFileBytes / 1048576)));
  const bytes = file.readAtSync(0, HEAD_BYTES);
  const extension = extname(fileName).toLowerCase();

  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)) {
    return openZipBased(file, extension, limits);
  }
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) return openCompoundFile(readWhole(file), fileName);
  if (isKnownBinary(bytes)) throw unreadable(FILE_MESSAGES.notSpreadsheet(baseName(fileName)));

  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.includes(0)) throw unreadable(nulRefusal(bytes, fileName, extension));
  const text = bytes.toString('latin1').trimStart().slice(0, 200).toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<table')) throw unreadable(FILE_MESSAGES.htmlAsXls);
  if (text.startsWith('<?xml')) throw unreadable(FILE_MESSAGES.notSpreadsheet(baseName(fileName)));
  if (!TEXT_EXTENSIONS.has(extension)) {
    throw unreadable(looksLikeText(bytes) ? FILE_MESSAGES.textNotSpreadsheet(baseName(fileName)) : FILE_MESSAGES.notSpreadsheet(baseName(fileName)));
  }
  return new CsvSource(file, csvSheetName(fileName), limits);
}

/**
 * Why a file with NUL bytes at its start is refused. Under a text name it is usually text: UTF-16
 * saved without its byte-order mark, or a CSV whose old system padded fields with NULs — the clerk
 * is told which, and the line; anything else is no spreadsheet.
 */
function nulRefusal(head: Buffer, fileName: string, extension: string): string {
  const name = baseName(fileName);
  if (!TEXT_EXTENSIONS.has(extension)) return FILE_MESSAGES.notSpreadsheet(name);
  if (looksLikeUtf16(head)) return FILE_MESSAGES.utf16WithoutMark(name);
  if (!looksLikeText(head.filter((byte) => byte !== 0))) return FILE_MESSAGES.notSpreadsheet(name);
  const nul = head.indexOf(0);
  let line = 1;
  for (let i = 0; i < nul; i++) if (head[i] === 0x0a) line++;
  return FILE_MESSAGES.nulBytes(name, line);
}

/** UTF-16 (either byte order) without its mark: in Latin text, one byte of nearly every pair is 0. */
function looksLikeUtf16(head: Buffer): boolean {
  const pairs = Math.floor(Math.min(head.length, 512) / 2);
  if (pairs < 2) return false;
  let low = 0;
  let high = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i + 1] === 0 && head[2 * i] !== 0) low++;
    if (head[2 * i] === 0 && head[2 * i + 1] !== 0) high++;
  }
  return Math.max(low, high) >= pairs * 0.9;
}

/** Text has no control characters but tab and line breaks (UTF-16 is text by its byte-order mark). */
function looksLikeText(head: Uint8Array): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  return true;
}

/** The whole file in memory, for SheetJS (.ods, .xls: read whole by nature); the file is closed. */
function readWhole(file: PositionalFile): Buffer {
  try {
    return file.readAtSync(0, file.size);
  } finally {
    file.close();
  }
}

function openZipBased(file: PositionalFile, extension: string, limits: ReaderLimits): SpreadsheetSource {
  const zip = openZip(file, limits);
  try {
    if (zip.has('xl/workbook.xml') || zip.has('[Content_Types].xml')) {
      return new XlsxSource(zip, extension === '.xlsm' ? 'xlsm' : 'xlsx', limits);
    }
    if (zip.has('mimetype') && zip.readSync('mimetype', 256).toString('utf8').trim() === ODS_MIMETYPE) {
      const hiddenParts = checkOdsParts(zip);
      const content = zip.entry('content.xml')?.size ?? 0;
      if (content > limits.maxWholeSheetBytes) {
        throw unreadable(FILE_MESSAGES.wholeSheetTooLarge('ods', Math.ceil(content / 1048576), Math.floor(limits.maxWholeSheetBytes / 1048576)));
      }
      const whole = file.readAtSync(0, file.size);
      zip.closeSync();
      return new SheetJsSource(whole, 'ods', hiddenParts);
    }
    throw unreadable(FILE_MESSAGES.zipNotSpreadsheet);
  } catch (error) {
    zip.closeSync();
    throw error;
  }
}

/**
 * Before SheetJS parses an .ods: no encrypted parts, no DTD or entity declarations in any XML. The
 * same pass reads which rows and columns each sheet hides (SheetJS does not).
 */
function checkOdsParts(zip: ZipReader): Map<string, HiddenParts> {
  const hidden = new OdsVisibilityScanner();
  if (zip.has('META-INF/manifest.xml') && zip.readSync('META-INF/manifest.xml', 1024 * 1024).toString('utf8').includes('encryption-data')) {
    throw unreadable(FILE_MESSAGES.encrypted);
  }
  for (const { name, encrypted } of zip.entries) {
    if (encrypted) throw unreadable(FILE_MESSAGES.encrypted);
    if (!name.endsWith('.xml') && !name.endsWith('.rdf')) continue;
    const guard = new DeclarationGuard();
    const decoder = new TextDecoder('utf-8');
    const isContent = name === 'content.xml';
    for (const chunk of zip.chunks(name)) {
      const text = decoder.decode(chunk, { stream: true });
      guard.check(text);
      if (isContent) hidden.feed(text);
    }
  }
  return hidden.sheets;
}

/** An OLE compound file is an .xls, or an Office file encrypted with a password. */
function openCompoundFile(bytes: Buffer, fileName: string): SpreadsheetSource {
  let names: string[];
  try {
    names = sheetjs().CFB.read(bytes, { type: 'buffer' }).FullPaths.map((p: string) => p.replace(/^.*\//, ''));
  } catch {
    throw unreadable(FILE_MESSAGES.truncated);
  }
  if (names.includes('EncryptedPackage') || names.includes('EncryptionInfo')) throw unreadable(FILE_MESSAGES.encrypted);
  if (!names.includes('Workbook') && !names.includes('Book')) throw unreadable(FILE_MESSAGES.notSpreadsheet(baseName(fileName)));
  return new SheetJsSource(bytes, 'xls');
}
