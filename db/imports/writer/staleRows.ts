// Rows of a corrections import refused because someone else changed their record after their check
// (applier.ts, stillRight.ts), named in words: the record, the field that changed, and its column
// in the file when the file has one.
import type { Database } from 'better-sqlite3';
import type { ImportMapping } from '../../../shared/contract/imports';
import { AppError } from '../../../shared/errors';
import { fieldLabel } from '../../../shared/fields';
import { MOTHER_FACT_FIELD } from '../../../shared/rules/motherFact';
import { statement } from '../../statements';
import { ColumnMap } from '../columns';
import type { StaleRecord } from './applier';
import { staleRowMessage, type FinishData, type StaleRow } from './ops';

/** What the record holds besides the catalogue's fields, as the clerk reads it. */
const OTHER_LABELS: Record<string, string> = { dipStatus: 'Situação do DIP', registrationNumber: 'Registro' };

function registrationOf(db: Database, professionalId: number): string {
  return (statement(db, 'SELECT registration_number FROM professionals WHERE id = ?').pluck().get(professionalId) as string | undefined) ?? '?';
}

function labelOf(field: string): string {
  return OTHER_LABELS[field] ?? fieldLabel(field);
}

/** Gives each stale row its message and its column (the changed field's, when the file maps it). */
export function nameStaleRows(db: Database, stale: readonly StaleRow[], mapping: FinishData['mapping']): void {
  const columns = new ColumnMap(mapping.headers, mapping.mapping as ImportMapping);
  for (const row of stale) {
    row.column = row.field === null ? '' : columns.header(columns.columnFor(row.field === MOTHER_FACT_FIELD ? 'motherName' : row.field));
    row.message = staleRowMessage(registrationOf(db, row.professionalId), row.field === null ? null : labelOf(row.field));
  }
}

/** An all-or-nothing import refused for a row whose record someone else changed since its check. */
export function staleImportError(db: Database, error: StaleRecord): AppError {
  const what = error.field === null ? 'O cadastro' : `O campo “${labelOf(error.field)}” do cadastro`;
  const message = `${what} de registro ${registrationOf(db, error.professionalId)} foi alterado enquanto a planilha era conferida: nada foi gravado. Importe a planilha de novo.`;
  return new AppError('VERSION_CONFLICT', message, { details: { professionalId: error.professionalId } });
}
