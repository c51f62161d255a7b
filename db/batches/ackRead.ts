// Reading Implanta's acknowledgement of a batch: the JSON format (docs/batch-format.md), or the
// same answer as a spreadsheet (CSV, xlsx, xls, ods) with the columns `id; situação; mensagem`,
// whose sheets ackSheets.ts reads and ackWorkbook.ts and ackRows.ts read answers from. The result
// is a plain list of answers; db/batches/ackApply.ts checks it against the store.
import { createHash } from 'node:crypto';
import { closeSync, readFileSync } from 'node:fs';
import type { DipStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { plainLine } from '../../shared/text';
import { openToRead, unreadableFile } from '../fileRefusals';
import { ackInvalid as invalid, compoundSheets, csvRows, isCompound, refuseTextAsSpreadsheet, xlsxSheets } from './ackSheets';
import { answersOfCsv, answersOfWorkbook } from './ackWorkbook';
import { schemaRefusal, unreadVersion, type ItemNamer } from './ackJsonErrors';
import { repeatedKey } from './ackJsonKeys';
import { SCHEMAS } from './schemas';
import { dateTimeInstant, normaliseDipDate } from './ackDates';
import type { AckFile, AckFormat } from './ackTypes';

export type { AckAnswer, AckFile, AckFormat, AckSheets } from './ackTypes';

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * A text file as text: UTF-8 (with or without BOM), or UTF-16 when its byte-order mark says so (a JSON
 * saved as "Unicode" by Windows' Notepad).
 */
function textOf(bytes: Buffer): string {
  const utf16 = () => bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16().toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(utf16()).swap16().toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function formatOf(bytes: Buffer, fileName: string): AckFormat {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || isCompound(bytes)) return 'xlsx';
  const head = textOf(bytes.subarray(0, 130)).trimStart();
  if (head.startsWith('{') || head.startsWith('[') || /\.json$/i.test(fileName)) return 'json';
  return 'csv';
}

/**
 * Reads an acknowledgement file; refuses with ACK_INVALID anything it cannot take as one, and with
 * FILE_NOT_FOUND or FILE_UNREADABLE, as an import does, a path that is not there or that it cannot read at all (a folder, no permission).
 * `nameOf` names an item of the desk by its record, for a refusal of a JSON item (ackItemNames.ts).
 */
export async function readAck(path: string, fileName = path, nameOf?: ItemNamer): Promise<AckFile> {
  const bytes = readWhole(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const format = formatOf(bytes, fileName);
  if (format === 'csv') refuseTextAsSpreadsheet(fileName, bytes);
  if (format === 'json') return { ...readJson(bytes, nameOf), format, sha256 };
  const base = { format, batch: null, packageSha256: null, acknowledgedAt: null, sha256 };
  if (format === 'csv') return { ...base, answers: answersOfCsv(csvRows(path, bytes)) };
  return { ...base, ...answersOfWorkbook(isCompound(bytes) ? compoundSheets(bytes) : await xlsxSheets(path, bytes)) };
}

/** The file's bytes, once its size was found within bounds. */
function readWhole(path: string): Buffer {
  const { fd, size } = openToRead(path);
  try {
    if (size === 0) throw invalid('O arquivo de confirmação está vazio.');
    if (size > MAX_BYTES) throw invalid(`O arquivo de confirmação é grande demais (${Math.round(size / 1048576)} MB; o limite é 64 MB).`);
    return readFileSync(fd);
  } catch (error) {
    throw error instanceof AppError ? error : unreadableFile(path, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the JSON parser stopped, as line and column, when it says so (its own words are English and
 * quote the file: neither goes to the clerk).
 */
function whereJsonStopped(text: string, error: unknown): string {
  const message = error instanceof SyntaxError ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : null;
  if (at === null) return '';
  const before = text.slice(0, at);
  return ` (linha ${before.split('\n').length}, coluna ${at - before.lastIndexOf('\n')})`;
}

function readJson(bytes: Buffer, nameOf?: ItemNamer): Omit<AckFile, 'format' | 'sha256'> {
  let value: unknown;
  const text = textOf(bytes);
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`O arquivo de confirmação não é um JSON válido — está cortado ou foi alterado${whereJsonStopped(text, error)}.`);
  }
  const repeated = repeatedKey(text);
  if (repeated !== null) {
    const where = `${repeated.item === null ? '' : `no item ${repeated.item} da resposta, `}linha ${repeated.line}, coluna ${repeated.column}`;
    throw invalid(`O arquivo de confirmação repete a chave "${repeated.key}" (${where}): com duas, não se sabe qual a Implanta quis dizer. Peça à Implanta a resposta de novo.`);
  }
  // Version 1 answers applied/rejected; version 2 adds "applied to the registry only" and the DIP status.
  const declared = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof declared === 'number' && declared !== 1 && declared !== 2) throw unreadVersion(declared);
  // A list with no item is read: it answers a lote an earlier version of the desk sealed empty, and
  // only such a lote (ackApply.ts).
  const items = typeof value === 'object' && value !== null ? (value as { items?: unknown }).items : undefined;
  const noItem = Array.isArray(items) && items.length === 0;
  const errors = SCHEMAS[declared === 1 ? 1 : 2].acknowledgement
    .validate(value)
    .filter((e) => !(noItem && e.at === '/items' && e.keyword === 'minItems'))
    .map((e) => (e.at === '/schemaVersion' && declared !== undefined ? { ...e, message: 'deveria ser 1 ou 2' } : e));
  if (errors.length > 0) throw schemaRefusal(errors, value, nameOf);
  const ack = value as {
    batch: string;
    number?: string;
    packageSha256: string;
    acknowledgedAt?: string;
    items: { id: string; status: 'applied' | 'synced_registry_only' | 'rejected'; message?: string | null; dipStatus?: DipStatus; dipStatusDate?: string }[];
  };
  // Taken for "no date", a date that names no real moment would date the answer by its import.
  if (ack.acknowledgedAt !== undefined && dateTimeInstant(ack.acknowledgedAt) === null) {
    const written = plainLine(ack.acknowledgedAt);
    throw invalid(
      `A data da confirmação (acknowledgedAt) "${written.length > 40 ? `${written.slice(0, 40)}…` : written}" não existe no calendário: confira com a Implanta o dia, o mês, a hora e os minutos, e peça a resposta com a data corrigida. Nada foi alterado.`,
    );
  }
  return {
    batch: { uuid: ack.batch.toLowerCase(), number: ack.number ?? null },
    packageSha256: ack.packageSha256.toLowerCase(),
    acknowledgedAt: ack.acknowledgedAt ?? null,
    answers: ack.items.map((item, index) => {
      let dipStatusDate: string | null = null;
      if (item.dipStatusDate !== undefined) {
        dipStatusDate = normaliseDipDate(item.dipStatusDate);
        if (dipStatusDate === null) {
          throw invalid(`Item ${index + 1} da resposta (${nameOf?.(item.id.toLowerCase()) ?? `id ${item.id}`}): a data do DIP "${item.dipStatusDate}" não existe no calendário.`);
        }
      }
      return {
        id: item.id.toLowerCase(),
        status: item.status === 'rejected' ? 'rejected' : 'synced',
        registryOnly: item.status === 'synced_registry_only',
        message: plainLine(item.message ?? '') || null,
        dipStatus: item.dipStatus ?? null,
        dipStatusDate,
        line: index + 1,
      };
    }),
  };
}
