// Records listed as the council lists them: by registration number as a number sorts (shorter
// first, then digit by digit), as SQLite's `ORDER BY length(registration_number),
// registration_number` does. Sorted here where whole rows are read anyway: SQLite would hold a
// sorted copy of every row besides them, in memory (its scratch space stays there: db/connections.ts).

/** Compares two rows by registration number (byte order of the text, as SQLite's BINARY collation). */
export function byRegistrationNumber(a: { registration_number: string }, b: { registration_number: string }): number {
  const x = a.registration_number;
  const y = b.registration_number;
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
