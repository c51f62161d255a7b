// A correction stores the old and new value of its field as text: the record's value as that text,
// and the record values a text stands for (the mother fact, `mother`, is both mother columns).
// The store, the imports and the record screen convert through these two, never on their own.
import type { Professional } from '../domain';
import { isFieldName, MOTHER_FACT_FIELD, type FieldName, type FieldValue } from '../fields';
import { decodeMotherFact, encodeMotherFact } from './motherFact';

/** The text a correction would store for the record's current value of a correction field. */
export function currentCorrectionText(record: Professional, field: string): string | null {
  if (field === MOTHER_FACT_FIELD) return encodeMotherFact(record);
  if (!isFieldName(field)) return null;
  const value = record[field] as FieldValue;
  if (value === null) return null;
  return String(value);
}

/** The record values a correction's stored text stands for (`mother` sets both mother columns). */
export function valuesOfCorrectionText(field: string, text: string | null): Partial<Record<FieldName, FieldValue>> {
  if (field === MOTHER_FACT_FIELD) {
    const fact = decodeMotherFact(text);
    return { motherName: fact.motherName, motherNotListed: fact.motherNotListed };
  }
  if (!isFieldName(field)) throw new Error(`Unknown correction field ${field}`);
  if (field === 'motherNotListed') return { motherNotListed: text === 'true' };
  return { [field]: text };
}
