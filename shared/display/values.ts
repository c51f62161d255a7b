// How a stored value reads for people, on screen, in the command line and in the files that leave
// the desk (the lote package, the e-mail to Implanta, the export for the main system): CPF and CEP
// punctuated, dates dd/mm/aaaa, phone with area code, codes in Portuguese, the mother fact in words.
import { FIELDS, isFieldName, MOTHER_FACT_FIELD, type FieldRule, type FieldValue } from '../fields';
import { formatCep } from '../rules/cep';
import { formatCpf } from '../rules/cpf';
import { formatDateBr } from '../rules/dates';
import { decodeMotherFact, motherFactWords } from '../rules/motherFact';
import { formatPhone, MARITAL_LABELS } from '../rules/vocabulary';
import { labelOf } from './labels';

/** What people read where a value is empty and a blank would go unnoticed. */
export const EMPTY_VALUE = '(vazio)';

/** How each rule punctuates its stored text; the other rules' text reads as it is stored. */
const PUNCTUATION: Partial<Record<FieldRule, (text: string) => string>> = { cpf: formatCpf, cep: formatCep, date: formatDateBr, phone: phoneWords };

/**
 * A stored phone of digits with its area code in brackets; anything else (a registry load keeps the
 * main system's text as given, even a street typed in the wrong column) reads exactly as stored.
 */
function phoneWords(text: string): string {
  return /^\d+$/.test(text) ? formatPhone(text) : text;
}

/** Stored text (digits, ISO date) with the punctuation people write, which is also how it is typed. */
export function punctuate(rule: FieldRule, text: string): string {
  return PUNCTUATION[rule]?.(text) ?? text;
}

/**
 * A field's value for reading; `empty` when there is none. Takes stored values (the mother flag as
 * a boolean) and a correction's text (`"true"`, `"01310100"`, `"1980-05-17"`).
 */
export function formatFieldValue(field: string, value: FieldValue | undefined, empty = '—'): string {
  if (value === null || value === undefined || value === '') return empty;
  if (field === MOTHER_FACT_FIELD) return motherFactWords(decodeMotherFact(String(value))) || empty;
  if (!isFieldName(field)) return String(value);
  const rule = FIELDS[field].rule;
  if (rule === 'flag') return value === true || value === 'true' ? 'Sim' : 'Não';
  if (rule === 'maritalStatus') return labelOf(MARITAL_LABELS, String(value));
  return punctuate(rule, String(value));
}
