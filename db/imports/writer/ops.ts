// What the import's checking side asks its writing side to write: flat arrays of values (cheap to
// pass between threads), each operation starting with its code and carrying its own length.
import type { ImportCounts, NewImport } from '../history';

export const OP_CORRECTION = 1;
export const OP_ERROR = 2;

/**
 * An accepted corrections row: `[OP_CORRECTION, professionalId, expectedRowVersion, dipConsequence,
 * reason, evidenceKind, changeCount, ...(field, oldText, newText) × changeCount]` — the record is
 * updated and one pending correction queued per change.
 */
export type CorrectionOp = [typeof OP_CORRECTION, number, number, string, string, string, number, ...(string | null)[]];

/** One problem of a rejected row: `[OP_ERROR, row, column, code, message, rowCellsJson | null]`. */
export type ErrorOp = [typeof OP_ERROR, number, string, string, string, string | null];

export type WriteOp = CorrectionOp | ErrorOp;

/** A professionals row looked up on the writing side, where the import's own changes are visible. */
export type FreshQuery = { by: 'id'; key: number } | { by: 'cpf' | 'registration'; key: string };

/** How the import ends: written (record, audit, remembered mapping, commit) or rolled back. */
export interface FinishData {
  written: boolean;
  /** A preview remembers the clerk's mapping even though it writes nothing else. */
  rememberMapping: boolean;
  counts: ImportCounts;
  finishedAt: string;
  auditDetail: Record<string, unknown>;
  mapping: { kind: NewImport['kind']; headers: readonly string[]; mapping: readonly (string | null)[] };
}
