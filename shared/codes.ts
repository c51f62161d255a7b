// A closed vocabulary written once, as the table of its words for people: its codes are the
// table's keys, in the table's order, so the two lists can never disagree.

/** The codes of a table of words, in its order: the non-empty list that z.enum and the schema's CHECKs take. */
export function codesOf<const K extends string>(labels: Record<K, string>): readonly [K, ...K[]] {
  return Object.keys(labels) as [K, ...K[]];
}
