// Helpers of the schema's CHECK constraints.

/** `column IN ('a', 'b', …)` for a CHECK constraint, from the shared vocabulary. */
export function oneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
}

/** `column IS NULL OR column IN ('a', 'b', …)`: a column left empty or from the vocabulary. */
export function nullOrOneOf(column: string, values: readonly string[]): string {
  return `${column} IS NULL OR ${oneOf(column, values)}`;
}
