// Writing a record's fields from any source — a correction saved, a rejection or a cancellation
// giving Implanta's value back, a registry conflict resolved — always the same way: the columns
// (and the search name), the row_version bump, the pendências refreshed. The caller owns the
// transaction and writes the history and audit entries that say why.
import type { Database } from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { Professional } from '../shared/domain';
import { AppError } from '../shared/errors';
import type { FieldName, FieldValue } from '../shared/fields';
import { foldForSearch } from '../shared/text';
import { refreshPendencies } from './pendencies';
import { requireProfessional } from './registry';
import { recordIfEditedUnseen } from './sealCheck';
import { statement } from './statements';
import { professionals } from './schema';

const COLUMNS = getTableColumns(professionals);

/** SQL column and stored value of a catalogue field (the flag is 0/1). */
export function columnValue(field: FieldName, value: FieldValue): [string, string | number | null] {
  const column = COLUMNS[field].name;
  return [column, typeof value === 'boolean' ? (value ? 1 : 0) : value];
}

/**
 * Sets fields of a record, bumping its row_version; refreshes its pendências. With
 * `expectedRowVersion`, a record changed meanwhile is refused (VERSION_CONFLICT). Returns the
 * record as written.
 */
export function writeRecordFields(
  db: Database,
  professionalId: number,
  values: Partial<Record<FieldName, FieldValue>>,
  now: string,
  options: { expectedRowVersion?: number; conflictMessage?: string } = {},
): Professional {
  const assignments: string[] = [];
  const params: (string | number | null)[] = [];
  for (const [field, value] of Object.entries(values) as [FieldName, FieldValue][]) {
    const [column, stored] = columnValue(field, value);
    assignments.push(`${column} = ?`);
    params.push(stored);
    if (field === 'name') {
      assignments.push('name_folded = ?');
      params.push(foldForSearch(String(value ?? '')));
    }
  }
  // Another program's edit that left no trace but the row's seal is recorded before this write seals it in.
  recordIfEditedUnseen(db, professionalId);
  // The address it leaves: whoever shared it may no longer (refreshPendencies).
  const previousEmail = 'email' in values ? (statement<{ email: string | null }>(db, 'SELECT email FROM professionals WHERE id = ?').get(professionalId)?.email ?? null) : null;
  const guard = options.expectedRowVersion === undefined ? '' : ' AND row_version = ?';
  if (options.expectedRowVersion !== undefined) params.push(options.expectedRowVersion);
  // Compiled once per set of fields: the table's triggers make compiling cost more than running it.
  const updated = statement(db, `UPDATE professionals SET ${[...assignments, 'row_version = row_version + 1', 'updated_at = ?'].join(', ')} WHERE id = ?${guard}`).run(...params.slice(0, assignments.length), now, professionalId, ...params.slice(assignments.length));
  if (updated.changes !== 1) {
    throw new AppError('VERSION_CONFLICT', options.conflictMessage ?? 'Este cadastro foi alterado enquanto você trabalhava. Recarregue o cadastro e confira.');
  }
  const record = requireProfessional(db, professionalId);
  refreshPendencies(db, record, Object.keys(values), false, previousEmail);
  return record;
}

