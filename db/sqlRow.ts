// The type of a row as SQLite hands it to better-sqlite3 (`SELECT *`: column names as in the
// file, 0/1 flags as numbers), derived from the drizzle table so a column is declared once, in
// db/schema/. Statements stay hand-written SQL where the hot paths need them prepared.
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

type ColumnsOf<T extends SQLiteTable> = T['_']['columns'];

/** `{ snake_case_column: value }` of table `T`; nullable columns admit null. */
export type SqlRow<T extends SQLiteTable> = {
  -readonly [K in keyof ColumnsOf<T> as ColumnsOf<T>[K]['_']['name']]: ColumnsOf<T>[K]['_']['notNull'] extends true
    ? ColumnsOf<T>[K]['_']['data']
    : ColumnsOf<T>[K]['_']['data'] | null;
};
