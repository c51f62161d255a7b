// A row of a corrections import checked before someone else changed its record — a registry load
// landing mid-import, a clerk's save — is still right when that change left alone what the row
// rests on: the fields it corrects, the keys it was found by (CPF, registration number), the DIP
// state that decided its consequence, and the field a correction's rule pairs with its own (the CEP
// and the UF). What others changed is read from the record's history since the import began: more
// than since the row's check, never less.
import type { Database } from 'better-sqlite3';
import { correctionFieldOf } from '../../../shared/rules/motherFact';
import { statement } from '../../statements';

const ALWAYS_RESTS_ON = ['cpf', 'registrationNumber', 'dipStatus'];
const CHECKED_TOGETHER: Record<string, readonly string[]> = { cep: ['uf'], uf: ['cep'] };

/** What a correction of `fields` rests on: those fields, the keys it was found by, the DIP state, the field its rule pairs with. */
export function fieldsRestedOn(fields: readonly string[]): Set<string> {
  return new Set([...ALWAYS_RESTS_ON, ...fields, ...fields.flatMap((field) => CHECKED_TOGETHER[field] ?? [])]);
}

/** The last history entry now: what is written after it was written after this moment. */
export function lastHistoryEntry(db: Database): number {
  return (statement(db, 'SELECT max(id) FROM record_history').pluck().get() as number | null) ?? 0;
}

/**
 * A field a row correcting `fields` of record `id` rests on that anyone but this import (`importId`)
 * changed after history entry `after` (`field` null: an entry naming none, anything may have
 * changed); null when there is none.
 */
export function changeRestedOn(db: Database, id: number, after: number, importId: number, fields: readonly string[]): { field: string | null } | null {
  const restsOn = fieldsRestedOn(fields);
  const changed = statement(
    db,
    "SELECT DISTINCT field FROM record_history WHERE professional_id = ? AND id > ? AND NOT (kind = 'correction_import' AND import_id IS ?)",
  )
    .pluck()
    .all(id, after, importId) as (string | null)[];
  const found = changed.find((field) => field === null || restsOn.has(correctionFieldOf(field)));
  return found === undefined ? null : { field: found === null ? null : correctionFieldOf(found) };
}
