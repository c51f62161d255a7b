// What the writers of each package version share: the shape of the correction files they build,
// the CSV header for people, and how JSON Lines and CSV text are laid out.
import type { EntryDeflation } from '../zip/deflateThread';
import { Utf8Lines } from './utf8Lines';

/** Called every few thousand records, so a job can report progress and stop when asked. */
export type PayloadTick = (done: number, total: number) => void;

/** corrections.jsonl, corrections.csv and dip-requests.jsonl of one batch, as lines. */
export interface CorrectionFiles {
  jsonl: Utf8Lines;
  /** With the header (BOM included) as the first line. */
  csv: Utf8Lines;
  dipLines: Utf8Lines;
  /** Corrections per field, for summary.json. */
  byField: Map<string, number>;
  professionals: number;
  /** The digest of the rows the package is built from, as this read found them (sealedPayload.ts). */
  rowsSha256: string;
}

/** The columns of corrections.csv in Schema-Version 1 (version 2 adds "CPF anterior" after "CPF"). */
export const CSV_HEADER_V1 = [
  'id',
  'CPF',
  'Registro',
  'Nome',
  'Campo',
  'Valor anterior',
  'Valor novo',
  'Motivo',
  'Documento',
  'Recebimento',
  'Data do documento',
  'Observação do documento',
  'Operador',
  'Criada em (horário de Brasília)',
  'Origem',
  'DIP',
];

const BOM = '\uFEFF';

/**
 * The lines of a JSON Lines file: one record a line, each ending in \n (no byte when there is none);
 * `expected`: about how many more will be added; `deflation`: where they are handed as they are made.
 */
export function jsonLines(records: Iterable<unknown> = [], expected = 0, deflation: EntryDeflation | null = null): Utf8Lines {
  const lines = new Utf8Lines('\n', expected, deflation);
  for (const record of records) lines.add(JSON.stringify(record));
  return lines;
}

/** The lines of a CSV file for people: the BOM and `header` first, every line ending in CRLF; about `expected` lines. */
export function csvLines(header: string, expected = 0, deflation: EntryDeflation | null = null): Utf8Lines {
  const lines = new Utf8Lines('\r\n', expected, deflation);
  lines.add(BOM + header);
  return lines;
}
