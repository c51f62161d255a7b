// Reading Implanta's acknowledgement of a batch: the JSON format (docs/batch-format.md), or the
// same answer as a spreadsheet (CSV or xlsx) with the columns `id; situação; mensagem`. The result
// is a plain list of answers; db/batches/ackApply.ts checks it against the store.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { AppError } from '../../shared/errors';
import { foldForSearch } from '../../shared/text';
import { ZipError, ZipReader } from '../packaging';
import { describeSchemaError } from './jsonSchema';
import { SCHEMAS } from './schemas';

export type AckFormat = 'json' | 'csv' | 'xlsx';

export interface AckAnswer {
  id: string;
  status: 'synced' | 'rejected';
  message: string | null;
  /** Where it was in the file (line of the CSV/xlsx, position in the JSON list), for messages. */
  line: number;
}

export interface AckFile {
  format: AckFormat;
  /** The batch the file names (JSON only): its External-Identifier and, optionally, number. */
  batch: { uuid: string; number: string | null } | null;
  /** SHA-256 of the package the file answers (JSON only). */
  packageSha256: string | null;
  answers: AckAnswer[];
  sha256: string;
}

const MAX_BYTES = 64 * 1024 * 1024;
const XLSX_LIMITS = { maxEntries: 2_000, maxTotalBytes: 512 * 1024 * 1024, maxRatio: 200 };

function invalid(message: string, details?: unknown): AppError {
  return new AppError('ACK_INVALID', message, details === undefined ? {} : { details });
}

const STATUS_WORDS: Record<string, AckAnswer['status']> = {
  applied: 'synced',
  aplicada: 'synced',
  aplicado: 'synced',
  rejected: 'rejected',
  rejeitada: 'rejected',
  rejeitado: 'rejected',
};

function formatOf(bytes: Buffer, fileName: string): AckFormat {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  const head = bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[') || /\.json$/i.test(fileName)) return 'json';
  return 'csv';
}

/** Reads an acknowledgement file; refuses with ACK_INVALID anything it cannot take as one. */
export async function readAck(path: string, fileName = path): Promise<AckFile> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw invalid(`Não foi possível abrir o arquivo de confirmação ${fileName}.`);
  }
  if (size === 0) throw invalid('O arquivo de confirmação está vazio.');
  if (size > MAX_BYTES) throw invalid(`O arquivo de confirmação é grande demais (${Math.round(size / 1048576)} MB; o limite é 64 MB).`);
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const format = formatOf(bytes, fileName);
  if (format === 'json') return { ...readJson(bytes), format, sha256 };
  const rows = format === 'xlsx' ? await xlsxRows(path, bytes) : csvRows(bytes);
  return { format, batch: null, packageSha256: null, answers: answersFromRows(rows), sha256 };
}

function readJson(bytes: Buffer): Omit<AckFile, 'format' | 'sha256'> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const where = error instanceof SyntaxError ? ` (${error.message})` : '';
    throw invalid(`O arquivo de confirmação não é um JSON válido — está cortado ou foi alterado${where}.`);
  }
  const errors = SCHEMAS.acknowledgement.validate(value);
  if (errors.length > 0) {
    throw invalid(`O arquivo de confirmação não segue o formato (docs/batch-format.md): ${errors.slice(0, 3).map(describeSchemaError).join('; ')}.`, errors);
  }
  const ack = value as { batch: string; number?: string; packageSha256: string; items: { id: string; status: 'applied' | 'rejected'; message?: string | null }[] };
  return {
    batch: { uuid: ack.batch.toLowerCase(), number: ack.number ?? null },
    packageSha256: ack.packageSha256.toLowerCase(),
    answers: ack.items.map((item, index) => ({
      id: item.id.toLowerCase(),
      status: item.status === 'applied' ? 'synced' : 'rejected',
      message: item.message?.trim() || null,
      line: index + 1,
    })),
  };
}

/** UTF-8 (with or without BOM) or, when the bytes are not UTF-8, Windows-1252 as Excel saves it. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function sheetRows(workbook: XLSX.WorkBook): string[][] {
  const name = workbook.SheetNames[0];
  const sheet = name === undefined ? undefined : workbook.Sheets[name];
  if (!sheet) throw invalid('A planilha de confirmação não tem nenhuma aba.');
  return (XLSX.utils.sheet_to_json(sheet, { header: 1, raw: false, defval: '', blankrows: false }) as unknown[][]).map((row) =>
    row.map((cell) => String(cell ?? '').trim()),
  );
}

function csvRows(bytes: Buffer): string[][] {
  const text = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // `raw`: ids and messages stay text (no dates or numbers guessed from them).
  const separator = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(text, { type: 'string', raw: true, FS: separator } as XLSX.ParsingOptions);
  } catch {
    // Text the spreadsheet parser takes for something else (XML, HTML) and cannot read.
    throw invalid('O arquivo de confirmação não pôde ser lido: não é um JSON, um CSV nem uma planilha .xlsx válida.');
  }
  return sheetRows(workbook);
}

async function xlsxRows(path: string, bytes: Buffer): Promise<string[][]> {
  // The zip is checked with our careful reader first: no bombs reach the spreadsheet parser.
  try {
    const zip = await ZipReader.open(path, { limits: XLSX_LIMITS });
    await zip.close();
  } catch (error) {
    throw invalid(error instanceof ZipError ? `A planilha de confirmação não pôde ser aberta: ${error.message}` : 'A planilha de confirmação não pôde ser aberta.');
  }
  try {
    return sheetRows(XLSX.read(bytes, { type: 'buffer', cellFormula: false, cellHTML: false }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('A planilha de confirmação está danificada ou não é um arquivo .xlsx.');
  }
}

const HEADERS = {
  id: ['id', 'uuid', 'identificador'],
  status: ['situacao', 'status', 'resultado'],
  message: ['mensagem', 'message', 'motivo', 'observacao'],
};

function column(header: string[], names: string[]): number {
  return header.findIndex((cell) => names.includes(foldForSearch(cell)));
}

function answersFromRows(rows: string[][]): AckAnswer[] {
  const headerIndex = rows.findIndex((row) => row.some((cell) => cell !== ''));
  const header = rows[headerIndex];
  if (!header) throw invalid('A planilha de confirmação está vazia.');
  const idColumn = column(header, HEADERS.id);
  const statusColumn = column(header, HEADERS.status);
  const messageColumn = column(header, HEADERS.message);
  if (idColumn < 0 || statusColumn < 0) {
    throw invalid('A planilha de confirmação precisa das colunas "id" e "situação" (e, se houver, "mensagem") na primeira linha.');
  }
  const answers: AckAnswer[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] as string[];
    if (row.every((cell) => cell === '')) continue;
    const line = i + 1;
    const id = (row[idColumn] ?? '').toLowerCase();
    const word = foldForSearch(row[statusColumn] ?? '');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
      throw invalid(`Linha ${line}, coluna id: "${row[idColumn] ?? ''}" não é o id de uma correção (esperado um UUID, como no pacote).`);
    }
    const status = STATUS_WORDS[word];
    if (!status) {
      throw invalid(`Linha ${line}, coluna situação: "${row[statusColumn] ?? ''}" não é uma situação conhecida; use aplicada ou rejeitada (applied/rejected).`);
    }
    const message = messageColumn >= 0 ? (row[messageColumn] ?? '').replace(/^'(?=[=+\-@\t\r])/, '') : '';
    answers.push({ id, status, message: message || null, line });
  }
  if (answers.length === 0) throw invalid('A planilha de confirmação não tem nenhuma resposta abaixo do cabeçalho.');
  return answers;
}
