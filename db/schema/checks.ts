// Helpers of the schema's CHECK constraints.
import { sql } from 'drizzle-orm';
import { check } from 'drizzle-orm/sqlite-core';

/** `column IN ('a', 'b', …)` for a CHECK constraint, from the shared vocabulary. */
export function oneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
}

/** `column IS NULL OR column IN ('a', 'b', …)`: a column left empty or from the vocabulary. */
export function nullOrOneOf(column: string, values: readonly string[]): string {
  return `${column} IS NULL OR ${oneOf(column, values)}`;
}

/** CHECK `<table>_<column>`: the column holds a word of the vocabulary; with `orNull`, or nothing. */
export function inVocabulary(table: string, column: string, values: readonly string[], orNull = false) {
  return check(`${table}_${column.replace(/"/g, '')}`, sql.raw(orNull ? nullOrOneOf(column, values) : oneOf(column, values)));
}

/** CHECK `<table>_<column>_digits`: the column holds exactly `length` digits. */
export function digitsOnly(table: string, column: string, length: number) {
  return check(`${table}_${column}_digits`, sql.raw(`length(${column}) = ${length} AND ${column} NOT GLOB '*[^0-9]*'`));
}
