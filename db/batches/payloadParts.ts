// What the writers of each package version share: the shape of the correction files they build,
// the CSV header for people, and how JSON Lines and CSV text are laid out.
/** Called every few thousand records, so a job can report progress and stop when asked. */
export type PayloadTick = (done: number, total: number) => void;

/** corrections.jsonl, corrections.csv and dip-requests.jsonl of one batch, as lines. */
export interface CorrectionFiles {
  jsonl: string[];
  /** With the header (BOM included) as the first line. */
  csv: string[];
  dipLines: string[];
  /** Corrections per field, for summary.json. */
  byField: Map<string, number>;
  professionals: number;
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

export const BOM = '\uFEFF';
export const CRLF = '\r\n';

/** JSON Lines text: one record a line, each ending in \n; empty when there is none. */
export function lines(items: string[]): string {
  return items.length === 0 ? '' : `${items.join('\n')}\n`;
}
