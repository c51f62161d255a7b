// What the import's checking side asks its writing side to write: flat arrays of values (cheap to
// pass between threads), each operation starting with its code and carrying its own length — and
// what an accepted row's operation does to its record.
import type { FieldName, FieldValue } from '../../../shared/fields';
import { foldForSearch } from '../../../shared/text';
import { columnValue } from '../../recordState';
import { valuesOfCorrectionText } from '../../../shared/rules/correctionText';
import type { ProfessionalRow } from '../../registry';
import type { ImportCounts, ImportTallies, NewImport } from '../history';

export const OP_CORRECTION = 1;
export const OP_ERROR = 2;
/** `[OP_ROW, row]`: the correction that follows comes from this row of the file (staged imports). */
export const OP_ROW = 3;

/**
 * An accepted corrections row: `[OP_CORRECTION, professionalId, expectedRowVersion, dipConsequence,
 * reason, evidenceKind, itemCount, ...(field, oldText, newText) × itemCount, decidedFields,
 * pendencyCount, ...(code, field, message) × pendencyCount]` — the record is updated, one pending
 * correction queued per item (`mother` for the mother fact), and the record's rule pendências on
 * the fields the row decides (`decidedFields`, comma-separated: pendencyFieldsOf), computed by the
 * checking side on the record as it is after the row, replace the stored ones on those fields. The
 * others — on fields the row left alone, or of the whole record (a DIP request at risk) — stay.
 */
export type CorrectionOp = [typeof OP_CORRECTION, number, number, string, string, string, number, ...(string | number | null)[]];

/** One problem of a rejected row: `[OP_ERROR, row, column, code, message, rowCellsJson | null]`. */
export type ErrorOp = [typeof OP_ERROR, number, string, string, string, string | null];

export type WriteOp = CorrectionOp | ErrorOp;

/**
 * A row the checking side accepted whose record someone else changed before the import was
 * written (staged imports): it is rejected then, with the other rows written as checked.
 */
export interface StaleRow {
  row: number;
  professionalId: number;
  /** Corrections the row would have queued, and its DIP consequence. */
  items: number;
  dipConsequence: string;
  /** The field someone else changed that the row corrects or rests on (null: not known). */
  field: string | null;
  /** Why the row was not written, and the file's column of that field ('' when none): for the summary and the error list. */
  message: string;
  column: string;
}

/** The message of a stale row (see StaleRow); `label`: the field that changed, when known. */
export function staleRowMessage(registration: string, label: string | null = null): string {
  const what = label === null ? 'O cadastro' : `O campo “${label}” do cadastro`;
  return `${what} de registro ${registration} foi alterado por outra pessoa enquanto a planilha era conferida: esta linha não foi gravada. Confira o cadastro e importe a linha de novo.`;
}

/** What stale rows take off an import's counts: rows, corrections and DIP consequences. */
export function staleTotals(stale: readonly StaleRow[]): { rows: number; items: number; dip: Record<string, number> } {
  const dip: Record<string, number> = {};
  for (const row of stale) if (row.dipConsequence !== 'none') dip[row.dipConsequence] = (dip[row.dipConsequence] ?? 0) + 1;
  return { rows: stale.length, items: stale.reduce((sum, row) => sum + row.items, 0), dip };
}

/** An import's audit detail with its stale rows taken off (their counts are those of rejected rows). */
export function detailWithoutStale(detail: Record<string, unknown>, stale: readonly StaleRow[]): Record<string, unknown> {
  if (stale.length === 0) return detail;
  const off = staleTotals(stale);
  const number = (key: string) => (typeof detail[key] === 'number' ? (detail[key] as number) : 0);
  const dip = { ...((detail.dipConsequences as Record<string, number> | undefined) ?? {}) };
  for (const [key, value] of Object.entries(off.dip)) dip[key] = (dip[key] ?? 0) - value;
  return {
    ...detail,
    accepted: number('accepted') - off.rows,
    rejected: number('rejected') + off.rows,
    corrections: number('corrections') - off.items,
    updated: number('updated') - off.rows,
    dipConsequences: dip,
    staleRows: off.rows,
  };
}

/** What writing the import came to: its number (null when nothing was written), the rows found stale, the registry conflicts its rows closed. */
export interface FinishOutcome {
  importId: number | null;
  stale: StaleRow[];
  conflictsClosed: number;
}

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

/** Length of the operation starting at `at` (see above). */
export function operationLength(ops: readonly unknown[], at: number): number {
  if (ops[at] === OP_ERROR) return 6;
  if (ops[at] === OP_ROW) return 2;
  if (ops[at] !== OP_CORRECTION) throw new Error(`unknown import operation ${String(ops[at])}`);
  const items = ops[at + 6] as number;
  const pendencies = ops[at + 8 + items * 3] as number;
  return 7 + items * 3 + 2 + pendencies * 3;
}

/** A professionals row with accepted rows' operations on it applied, as writing them would leave it (`at`: their time). */
export function withOperations(stored: ProfessionalRow, ops: readonly (readonly unknown[])[], at: string): ProfessionalRow {
  const row: Record<string, unknown> = { ...stored };
  for (const op of ops) {
    const items = op[6] as number;
    for (let i = 0; i < items; i++) {
      const field = op[7 + i * 3] as string;
      const text = op[9 + i * 3] as string | null;
      for (const [column, value] of Object.entries(valuesOfCorrectionText(field, text)) as [FieldName, FieldValue][]) {
        const [name, stored_] = columnValue(column, value);
        row[name] = stored_;
        if (column === 'name') row.name_folded = foldForSearch(String(value ?? ''));
      }
    }
    row.row_version = (row.row_version as number) + 1;
    row.updated_at = at;
  }
  return row as unknown as ProfessionalRow;
}
