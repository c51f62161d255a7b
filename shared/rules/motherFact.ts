// The mother's name and "Não consta mãe" travel as one fact (seed case F): one queue item, one
// line in the package, one answer from Implanta. A correction of that fact has the field `mother`
// and stores both columns, encoded here, as its old and new value.
import { MOTHER_FACT_FIELD } from '../fields';
import type { MotherFact } from './mother';

export { MOTHER_FACT_FIELD };
export const NOT_LISTED_WORDS = 'Não consta mãe';

/** The record columns a correction's field stands for. */
export function columnsOfCorrectionField(field: string): string[] {
  return field === MOTHER_FACT_FIELD ? ['motherName', 'motherNotListed'] : [field];
}

/** The correction field a record column belongs to (`motherName` and `motherNotListed` → `mother`). */
export function correctionFieldOf(column: string): string {
  return column === 'motherName' || column === 'motherNotListed' ? MOTHER_FACT_FIELD : column;
}

export function encodeMotherFact(fact: MotherFact): string {
  return JSON.stringify({ motherName: fact.motherName, motherNotListed: fact.motherNotListed });
}

/** The stored text of a `mother` correction value; a malformed one reads as neither. */
export function decodeMotherFact(text: string | null): MotherFact {
  if (text === null) return { motherName: null, motherNotListed: false };
  try {
    const value = JSON.parse(text) as Partial<MotherFact>;
    return {
      motherName: typeof value.motherName === 'string' && value.motherName !== '' ? value.motherName : null,
      motherNotListed: value.motherNotListed === true,
    };
  } catch {
    return { motherName: null, motherNotListed: false };
  }
}

/** How the fact reads for people: the name, "Não consta mãe", or '' when neither. */
export function motherFactWords(fact: MotherFact): string {
  if (fact.motherNotListed) return NOT_LISTED_WORDS;
  return fact.motherName ?? '';
}
