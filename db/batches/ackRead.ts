// Reading Implanta's acknowledgement of a batch: the JSON format (docs/batch-format.md), or the
// same answer as a spreadsheet (CSV, xlsx, xls) with the columns `id; situação; mensagem`, whose
// rows ackSheets.ts reads. The result is a plain list of answers; db/batches/ackApply.ts checks it
// against the store.
import { createHash } from 'node:crypto';
import { closeSync, readFileSync } from 'node:fs';
import type { DipStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { DIP_LABELS, parseDipStatus } from '../../shared/rules/vocabulary';
import { spreadsheetError } from '../../shared/spreadsheetErrors';
import { foldForSearch, plainLine } from '../../shared/text';
import { columnLetter } from '../../shared/display/columnLetter';
import { openToRead, unreadableFile } from '../fileRefusals';
import { filledBeyondHeader, shiftedRowMessage } from '../imports/readers/shiftedRow';
import type { RawRow } from '../imports/readers/source';
import { cpfColumn, cpfOfCell } from './ackCpfColumn';
import { statusOf, unknownStatusMessage } from './ackStatusWords';
import { ackInvalid as invalid, compoundRows, csvRows, isCompound, refuseTextAsSpreadsheet, xlsxRows } from './ackSheets';
import { schemaRefusal, unreadVersion, type ItemNamer } from './ackJsonErrors';
import { repeatedKey } from './ackJsonKeys';
import { SCHEMAS } from './schemas';
import { dateTimeInstant, normaliseDipDate, spreadsheetDate } from './ackDates';
import { unsavedFormulaMessage, type AckRow } from './ackFormulas';

export type AckFormat = 'json' | 'csv' | 'xlsx';

export interface AckAnswer {
  id: string;
  status: 'synced' | 'rejected';
  /** Applied to the registry, but the DIP request was not corrected (Implanta could not, or did not). */
  registryOnly: boolean;
  message: string | null;
  /** The professional's DIP status at Implanta, when the answer says it. */
  dipStatus: DipStatus | null;
  /** Since when (`YYYY-MM-DD`, or an ISO date-time in UTC); null when the answer gives no date. */
  dipStatusDate: string | null;
  /** Where it was in the file (line of the CSV/xlsx, position in the JSON list), for messages. */
  line: number;
  /** The CPF a spreadsheet's row names beside the id (11 digits), to check the id is of that person (ackCpf.ts). */
  cpf?: string;
}

export interface AckFile {
  format: AckFormat;
  /** The batch the file names (JSON only): its External-Identifier and, optionally, number. */
  batch: { uuid: string; number: string | null } | null;
  /** SHA-256 of the package the file answers (JSON only). */
  packageSha256: string | null;
  /** When Implanta answered (JSON only, ISO as written). */
  acknowledgedAt: string | null;
  answers: AckAnswer[];
  sha256: string;
}

const MAX_BYTES = 64 * 1024 * 1024;
/** What the JSON schema allows a message; a spreadsheet's longer one is cut to it. */
export const MAX_MESSAGE_CHARS = 1000;

/**
 * A message as stored: at most 1 000 characters counted as the JSON schema counts them (code
 * points: an emoji is one, though two UTF-16 units), a longer one cut and ended with "…".
 */
export function capMessage(message: string): string {
  // Never more code points than UTF-16 units: most messages need no counting.
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  const characters = Array.from(message);
  return characters.length <= MAX_MESSAGE_CHARS ? message : `${characters.slice(0, MAX_MESSAGE_CHARS - 1).join('')}…`;
}

const DIP_WORDS_HINT = Object.values(DIP_LABELS).join(', ');

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
  const rows = format === 'xlsx' ? (isCompound(bytes) ? compoundRows(bytes) : await xlsxRows(path, bytes)) : csvRows(path, bytes);
  return { format, batch: null, packageSha256: null, acknowledgedAt: null, answers: answersFromRows(rows, format === 'csv'), sha256 };
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

/** Each column's names, the surest first: a header with several takes the first name it has. */
const HEADERS = {
  id: ['id', 'uuid', 'identificador'],
  status: ['situacao', 'status', 'resultado'],
  message: ['mensagem', 'message', 'motivo', 'observacao'],
  dipStatus: ['situacao do dip', 'status do dip', 'situacao dip', 'status dip', 'dipstatus', 'dip'],
  dipStatusDate: ['data do dip', 'data da situacao do dip', 'dipstatusdate', 'data dip', 'data situacao dip'],
};

/**
 * The lote's own corrections.csv, which Implanta's staff may fill in with a situação: its "Motivo"
 * is the clerk's reason, its "Observação do documento" the clerk's note and its "DIP" what the desk
 * asked about the DIP request, not Implanta's words.
 */
const PACKAGE_COLUMNS = ['valor anterior', 'valor novo', 'campo'];
const PACKAGE_OWN = new Set(['motivo', 'observacao do documento', 'dip']);

/** The header as names are compared, and whether it is the lote's own corrections.csv. */
function foldedHeader(header: string[]): { folded: string[]; fromPackage: boolean } {
  const folded = header.map((cell) => foldForSearch(cell));
  return { folded, fromPackage: PACKAGE_COLUMNS.every((name) => folded.includes(name)) };
}

function column(header: string[], names: string[]): number {
  const { folded, fromPackage } = foldedHeader(header);
  for (const name of names) {
    if (fromPackage && PACKAGE_OWN.has(name)) continue;
    const index = folded.indexOf(name);
    if (index < 0) continue;
    // Two columns of the same name: which one holds the answer is anybody's guess.
    const again = folded.indexOf(name, index + 1);
    if (again >= 0) {
      throw invalid(
        `A planilha de confirmação tem duas colunas "${header[index]}" (${columnLetter(index)} e ${columnLetter(again)}) na primeira linha: deixe só uma e importe de novo.`,
      );
    }
    return index;
  }
  return -1;
}

/**
 * How a person at Implanta may title the reason of a rejection ("Observações", "Motivo da rejeição",
 * "Mensagem da Implanta", "Justificativa"): looked for when no column has one of the exact names, so
 * a reason is never dropped for its column's title.
 */
const MESSAGE_BEGINNINGS = ['mensagem', 'motivo', 'obs', 'justificativa', 'justificacao', 'descricao', 'comentario'];

function messageColumn(header: string[]): number {
  const exact = column(header, HEADERS.message);
  if (exact >= 0) return exact;
  const { folded, fromPackage } = foldedHeader(header);
  const titled = folded.flatMap((name, index) => (MESSAGE_BEGINNINGS.some((start) => name.startsWith(start)) && !(fromPackage && PACKAGE_OWN.has(name)) ? [index] : []));
  if (titled.length > 1) {
    throw invalid(
      `A planilha de confirmação tem ${titled.length} colunas que podem ser o motivo da Implanta (${titled.map((index) => `"${header[index]}", ${columnLetter(index)}`).join('; ')}): deixe só uma, ou chame-a "mensagem", e importe de novo.`,
    );
  }
  return titled[0] ?? -1;
}

/**
 * The situação column. A header with two columns read as the situação ("situação" and "status",
 * in any order) is refused naming both, whatever their rows say: where they disagree, or one is
 * empty, which one Implanta meant is anyone's guess (as with "status" twice in a JSON item).
 */
function onlyStatusColumn(header: string[], headerRow: number): number {
  const first = column(header, HEADERS.status);
  const { folded } = foldedHeader(header);
  const other = folded.findIndex((name, index) => index !== first && HEADERS.status.includes(name));
  if (first >= 0 && other >= 0) {
    const [a, b] = [Math.min(first, other), Math.max(first, other)];
    throw invalid(
      `Linha ${headerRow}: a planilha de confirmação tem duas colunas lidas como a situação da resposta ("${header[a]?.trim()}", coluna ${columnLetter(a)}, e "${header[b]?.trim()}", coluna ${columnLetter(b)}): onde uma disser outra coisa, ou estiver vazia, não se sabe qual a Implanta quis dizer. Deixe só uma e importe de novo. Nada foi alterado.`,
    );
  }
  return first;
}

/** The columns read, as the messages name them. */
const COLUMN_WORDS = ['id', 'situação', 'mensagem', 'situação do DIP', 'data do DIP'];

/** `textFile`: a CSV, whose row wider than its header had a value split by a separator (shiftedRow.ts). */
function answersFromRows(rows: AckRow[], textFile: boolean): AckAnswer[] {
  const headerIndex = rows.findIndex((row) => row.cells.some((cell) => cell !== ''));
  const header = rows[headerIndex]?.cells;
  if (!header) throw invalid('A planilha de confirmação está vazia.');
  const idColumn = column(header, HEADERS.id);
  const statusColumn = onlyStatusColumn(header, (rows[headerIndex] as RawRow).row);
  const messageAt = messageColumn(header);
  const dipColumn = column(header, HEADERS.dipStatus);
  const dipDateColumn = column(header, HEADERS.dipStatusDate);
  if (idColumn < 0 || statusColumn < 0) {
    throw invalid('A planilha de confirmação precisa das colunas "id" e "situação" (e, se houver, "mensagem") na primeira linha.');
  }
  const cpfAt = cpfColumn(header, (rows[headerIndex] as RawRow).row, [idColumn, statusColumn, messageAt, dipColumn, dipDateColumn]);
  const answers: AckAnswer[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const { row: line, cells: row, unsaved } = rows[i] as AckRow;
    if (row.every((cell) => cell === '') && unsaved === undefined) continue;
    const filled = textFile ? filledBeyondHeader(row, header.length) : null;
    if (filled !== null) throw invalid(shiftedRowMessage(filled, header.length, line));
    [idColumn, statusColumn, messageAt, dipColumn, dipDateColumn].forEach((index, which) => {
      const cell = index >= 0 ? (row[index] ?? '') : '';
      if (index >= 0 && unsaved?.includes(index)) throw invalid(unsavedFormulaMessage(line, COLUMN_WORDS[which] as string, columnLetter(index)));
      if (spreadsheetError(cell)) {
        throw invalid(
          `Linha ${line}, coluna ${COLUMN_WORDS[which]} (${columnLetter(index)}): a célula mostra o erro ${cell}, de uma fórmula sem resultado, e não uma resposta. Corrija a planilha ou peça à Implanta a resposta sem erros.`,
        );
      }
    });
    const message = messageAt >= 0 ? (row[messageAt] ?? '').replace(/^'(?=[=+\-@\t\r])/, '') : '';
    const dipCell = dipColumn >= 0 ? (row[dipColumn] ?? '') : '';
    // A row Implanta has not answered yet (the lote's list with the situação still empty) is left out.
    if ((row[statusColumn] ?? '') === '' && message === '' && dipCell === '') continue;
    const id = (row[idColumn] ?? '').toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
      const said = (row[idColumn] ?? '') === '' ? 'a célula está vazia' : `"${row[idColumn]}" não é o id de uma correção`;
      throw invalid(`Linha ${line}, coluna id: ${said} (esperado um UUID, como no pacote).`);
    }
    const outcome = statusOf(row[statusColumn] ?? '');
    if (!outcome) throw invalid(unknownStatusMessage(line, row[statusColumn] ?? ''));
    let dipStatus: DipStatus | null = null;
    if (dipCell !== '') {
      const parsed = parseDipStatus(dipCell);
      if (!parsed.ok) throw invalid(`Linha ${line}, coluna situação do DIP: "${dipCell}" não é uma situação do DIP conhecida; use ${DIP_WORDS_HINT}.`);
      dipStatus = parsed.value;
    }
    const dateCell = dipDateColumn >= 0 ? (row[dipDateColumn] ?? '') : '';
    let dipStatusDate: string | null = null;
    if (dateCell !== '') {
      dipStatusDate = normaliseDipDate(spreadsheetDate(dateCell));
      if (dipStatusDate === null) throw invalid(`Linha ${line}, coluna data do DIP: "${dateCell}" não é uma data válida; use dd/mm/aaaa.`);
    }
    const cpf = cpfAt >= 0 ? cpfOfCell(row[cpfAt] ?? '', { line, column: cpfAt, title: header[cpfAt] ?? '' }) : null;
    answers.push({ id, ...outcome, message: capMessage(plainLine(message)) || null, dipStatus, dipStatusDate, line, ...(cpf === null ? {} : { cpf }) });
  }
  if (answers.length === 0) throw invalid('A planilha de confirmação não tem nenhuma resposta abaixo do cabeçalho.');
  return answers;
}
