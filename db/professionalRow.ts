// A professionals row as SQLite returns it, and the record it stands for: the mapping is read off
// the table's columns, so a new column needs nothing here.
import { getTableColumns, type InferSelectModel } from 'drizzle-orm';
import type { Professional } from '../shared/domain';
import { FIELDS, isFieldName } from '../shared/fields';
import { professionals } from './schema';
import type { SqlRow } from './sqlRow';

/** A professionals row as SQLite returns it (`SELECT *`: snake_case, 0/1 flag). */
export type ProfessionalRow = SqlRow<typeof professionals>;

/** Columns the desk keeps for itself (search, the main system's last load): never in the contract. */
const INTERNAL_COLUMNS = ['nameFolded', 'loadedValues'] as const;
type InternalColumn = (typeof INTERNAL_COLUMNS)[number];
/**
 * A column added to the table without its field in the contract (or the reverse) fails to compile
 * here: the record's shape is declared in db/schema/ and the catalogue (shared/fields.ts) only.
 */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : { onlyInOne: [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] };
const contractCoversTable: SameKeys<Omit<InferSelectModel<typeof professionals>, InternalColumn>, Professional> = true;
void contractCoversTable;

/** The columns a record is made of (the desk's own ones left out). */
const RECORD_COLUMNS = Object.entries(getTableColumns(professionals)).filter(([key]) => !INTERNAL_COLUMNS.includes(key as InternalColumn));

/**
 * The columns `toProfessional` reads, for a SELECT of whole registries (the worklist's scan): the
 * main system's last load (a JSON object per record) is not read for nothing.
 */
export const RECORD_COLUMNS_SQL = RECORD_COLUMNS.map(([, column]) => column.name).join(', ');

/**
 * The record a row stands for: each column under its contract name, flags as booleans. Built once
 * from the table's columns as one object literal: the import maps a row per line of a 250 000-line
 * sheet, and a loop of keyed writes measured 20× slower (1.5 µs against 0.07 µs a row). Only the
 * schema's own identifiers enter the code, and each is checked to be a plain name first.
 */
export const toProfessional = compileMapper();

function compileMapper(): (row: ProfessionalRow) => Professional {
  const properties = RECORD_COLUMNS.map(([key, column]) => {
    if (!/^[a-z][A-Za-z]*$/.test(key) || !/^[a-z][a-z_]*$/.test(column.name)) throw new Error(`unexpected column name: ${key}`);
    const flag = isFieldName(key) && FIELDS[key].rule === 'flag';
    return flag ? `${key}: row.${column.name} === 1` : `${key}: row.${column.name}`;
  });
  return new Function('row', `return { ${properties.join(', ')} };`) as (row: ProfessionalRow) => Professional;
}
