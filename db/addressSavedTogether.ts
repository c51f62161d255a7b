// The address fields (CEP, street, number, district, town, UF…) saved in one correction are one
// address: left apart, a CEP of one state would meet the UF of another. Cancelling one of them takes
// the others of that save still on the desk (correctionCancel.ts); taking the main system's value for
// one of them is refused while the others are on their way or applied (registryConflictRefusals.ts).
// One save is known by its record, its time and its operator.
import type { Database } from 'better-sqlite3';
import { FIELDS, type FieldName } from '../shared/fields';

export const ADDRESS_FIELDS: readonly string[] = (Object.keys(FIELDS) as FieldName[]).filter((f) => FIELDS[f].group === 'address');

/** Which of the save's other address corrections count: still on the desk, or anywhere short of rejected or cancelled. */
export type SavedTogetherScope = 'onDesk' | 'notUndone';

const SCOPE_SQL: Record<SavedTogetherScope, string> = {
  onDesk: "c.status IN ('pending', 'batched') AND (c.batch_id IS NULL OR b.state = 'open')",
  notUndone: "c.status IN ('pending', 'batched', 'sent', 'synced')",
};

/** The other address corrections of the save correction `id` belongs to (latest first); none for a field outside the address. */
export function addressSavedWith(db: Database, id: number, scope: SavedTogetherScope): { uuid: string; field: string }[] {
  const fields = ADDRESS_FIELDS.map(() => '?').join(', ');
  return db
    .prepare(
      `SELECT c.uuid, c.field FROM corrections o
       JOIN corrections c ON c.professional_id = o.professional_id AND c.created_at = o.created_at AND c.operator = o.operator AND c.id <> o.id
       LEFT JOIN batches b ON b.id = c.batch_id
       WHERE o.id = ? AND o.field IN (${fields}) AND c.field IN (${fields}) AND ${SCOPE_SQL[scope]}
       ORDER BY c.id DESC`,
    )
    .all(id, ...ADDRESS_FIELDS, ...ADDRESS_FIELDS) as { uuid: string; field: string }[];
}
