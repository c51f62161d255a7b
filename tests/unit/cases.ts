// Tables of cases for a rule: each row what the rule is given and what it must answer, one named test a row.
import { expect, it } from 'vitest';
import type { Parsed } from '../../shared/errors';

/** A row: the rule's arguments, then what it must answer. */
type Row<A extends unknown[], O> = readonly [...A, O];

/** Splits a row into the arguments and the last cell. */
function split<A extends unknown[], O>(row: unknown[]): [A, O] {
  return [row.slice(0, -1) as A, row.at(-1) as O];
}

/** One test a row, named by `name` filled with the row (as `it.each` does): `rule(...arguments)` equals the last cell. */
export function casesOf<A extends unknown[], O>(rule: (...args: A) => O, name: string, table: readonly Row<A, O>[]): void {
  it.each(table.map((row) => [...row]))(name, (...row) => {
    const [args, expected] = split<A, O>(row);
    expect(rule(...args)).toEqual(expected);
  });
}

/** One test a row: `parse` accepts the arguments and reads them as the last cell's value. */
export function readsAs<A extends unknown[], T>(parse: (...args: A) => Parsed<T>, name: string, table: readonly Row<A, T>[]): void {
  it.each(table.map((row) => [...row]))(name, (...row) => {
    const [args, value] = split<A, T>(row);
    expect(parse(...args)).toEqual({ ok: true, value });
  });
}
