// The same value in another spelling: many main systems keep names and places in capitals without
// accents. Only for free-text fields of names and places — an e-mail, a CPF or a code is never
// "the same" when it differs.
import { MOTHER_FACT_FIELD } from '../fields';
import { foldForSearch } from '../text';

const SPELLED_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'socialName',
  MOTHER_FACT_FIELD,
  'fatherName',
  'birthCity',
  'nationality',
  'rgIssuer',
  'street',
  'complement',
  'district',
  'city',
]);

/** Whether two stored values of `field` differ only in capitals, accents and spaces (the mother fact as its stored text). */
export function sameBarSpelling(field: string, a: string | null, b: string | null): boolean {
  if (a === null || b === null || !SPELLED_FIELDS.has(field)) return a === b;
  return foldForSearch(a) === foldForSearch(b);
}
