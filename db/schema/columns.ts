// Columns and column groups several tables share. Each call makes new column builders (a builder
// belongs to the one table it is spread into). A group is spread where its columns stand in the
// table: the order of a table's columns is its SQL's, and row seals cover them in that order.
import { sql } from 'drizzle-orm';
import { check, integer, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** The row's own id: `id integer PRIMARY KEY`. */
export function rowId() {
  return integer('id').primaryKey();
}

/** A required reference to a row of another table, such as `professional_id`. */
export function rowOf<TName extends string>(name: TName, target: () => AnySQLiteColumn) {
  return integer(name).notNull().references(target);
}

/** When and by whom it happened: an entry of the trail, an event of a timeline, a change of a record. */
export function happened() {
  return { at: text('at').notNull(), operator: operator() };
}

/** A text column holding a word of the vocabulary, typed by it (its CHECK: inVocabulary in ./checks.ts). */
export function wordOf<TName extends string, TWord extends string>(name: TName, _vocabulary: readonly TWord[]) {
  return text(name).$type<TWord>();
}

/** An entry of a timeline: when, by whom, and what kind of thing happened (typed by its vocabulary when given). */
export function timelineEntry<TKind extends string>(_kinds?: readonly TKind[]) {
  return { ...happened(), kind: text('kind').$type<TKind>().notNull() };
}

/** Who made the row and when. */
export function made() {
  return { operator: operator(), createdAt: createdAt() };
}

/** When the row was made and when it last changed. */
export function timestamps() {
  return { createdAt: createdAt(), updatedAt: updatedAt() };
}

/** Who made the row, when, and when it last changed. */
export function madeAndUpdated() {
  return { operator: operator(), ...timestamps() };
}

/** When the row last changed. */
export function updatedAt() {
  return text('updated_at').notNull();
}

function operator() {
  return text('operator').notNull();
}

function createdAt() {
  return text('created_at').notNull();
}

/** How a rejection was dealt with: when, the resolution, and the clerk's note. */
export function rejectionResolution<TResolution extends string = string>(_resolutions?: readonly TResolution[]) {
  return {
    resolvedAt: text('resolved_at'),
    resolution: text('resolution').$type<TResolution>(),
    resolutionNote: text('resolution_note'),
  };
}

/** The CHECK of a table that holds one row at the most (its id is 1). */
export function singleRow(table: string) {
  return check(`${table}_single_row`, sql.raw('id = 1'));
}
