// What is read from Implanta's answer, whatever its format (ackRead.ts for JSON, ackRows.ts and
// ackWorkbook.ts for a spreadsheet's rows and sheets), and checked against the store by ackApply.ts.
import type { DipStatus } from '../../shared/domain';

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
  /** The sheet of the line, when the workbook has more than one sheet with answers (ackPlace.ts names it). */
  sheet?: string;
  /** The CPF a spreadsheet's row names beside the id (11 digits), to check the id is of that person (ackCpf.ts). */
  cpf?: string;
}

/** The rows a sheet hides whose answers were read: how many, and the first few (as an import reports them). */
export interface HiddenAnswerRows {
  sheet: string;
  count: number;
  first: number[];
}

/** Which sheets of a workbook answer were read and which passed over (ackWorkbook.ts). */
export interface AckSheets {
  /** The sheets whose answers were read, in the workbook's order. */
  read: string[];
  /** Visible sheets without the answer's columns in their first row (a cover, a summary). */
  withoutAnswers: string[];
  /** Hidden sheets with the answer's columns: not read, as the clerk does not see them. */
  hiddenWithAnswers: string[];
  /** Hidden rows of the sheets read whose answers were taken like the others. */
  hiddenRows: HiddenAnswerRows[];
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
  /** A workbook answer's sheets (absent for a CSV or a JSON). */
  sheets?: AckSheets;
}

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
