// The mother's name and "Não consta mãe" travel as one fact (seed case F): one queue item, one
// line in the package, one answer from Implanta. A correction of that fact has the field `mother`
// and stores both columns, encoded here, as its old and new value.
import { MOTHER_FACT_FIELD, type FieldValue } from '../fields';
import { fieldValueToText } from './fieldValue';
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

export interface QueueItem {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/**
 * The planner's per-column changes as queue items, as stored and shown: the mother's name and
 * "Não consta mãe" become one `mother` item holding both.
 */
export function queueItemsOf(record: MotherFact, changes: readonly { field: string; oldValue: FieldValue; newValue: FieldValue }[]): QueueItem[] {
  const items: QueueItem[] = [];
  let after: MotherFact | null = null;
  for (const change of changes) {
    if (change.field === 'motherName' || change.field === 'motherNotListed') {
      if (!after) {
        after = { motherName: record.motherName, motherNotListed: record.motherNotListed };
        items.push({ field: MOTHER_FACT_FIELD, oldValue: encodeMotherFact(record), newValue: null });
      }
      if (change.field === 'motherName') after.motherName = change.newValue as string | null;
      else after.motherNotListed = change.newValue as boolean;
      continue;
    }
    items.push({ field: change.field, oldValue: fieldValueToText(change.oldValue), newValue: fieldValueToText(change.newValue) });
  }
  const mother = items.find((i) => i.field === MOTHER_FACT_FIELD);
  if (mother && after) mother.newValue = encodeMotherFact(after);
  return items;
}
