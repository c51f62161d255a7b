// What the import's checking side asks its writing side to write: flat arrays of values (cheap to
// pass between threads), each operation starting with its code and carrying its own length.
import type { ImportCounts, ImportTallies, NewImport } from '../history';

export const OP_CORRECTION = 1;
export const OP_ERROR = 2;

/**
 * An accepted corrections row: `[OP_CORRECTION, professionalId, expectedRowVersion, dipConsequence,
 * reason, evidenceKind, itemCount, ...(field, oldText, newText) × itemCount, pendencyCount,
 * ...(code, field, message) × pendencyCount]` — the record is updated, one pending correction
 * queued per item (`mother` for the mother fact), and the record's pendências, computed by the
 * checking side on the record as it is after the row, replace the stored ones.
 */
export type CorrectionOp = [typeof OP_CORRECTION, number, number, string, string, string, number, ...(string | number | null)[]];

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
  tallies: ImportTallies;
  finishedAt: string;
  auditDetail: Record<string, unknown>;
  mapping: { kind: NewImport['kind']; headers: readonly string[]; mapping: readonly (string | null)[] };
}
