// How a registry value reads on screen: CPF, CEP, dates, phone and vocabularies in Brazilian form.
import type { DipStatus } from '../../shared/domain';
import { FIELDS, isFieldName, MOTHER_FACT_FIELD, type FieldValue } from '../../shared/fields';
import { decodeMotherFact, motherFactWords } from '../../shared/rules/motherFact';
import { formatCep } from '../../shared/rules/cep';
import { formatCpf } from '../../shared/rules/cpf';
import { formatDateBr } from '../../shared/rules/dates';
import { DIP_LABELS, formatPhone, MARITAL_LABELS } from '../../shared/rules/vocabulary';
import type { MaritalStatus } from '../../shared/domain';

/** A field's value for reading; `empty` when there is none. Accepts stored values and correction text ("true"). */
export function formatFieldValue(field: string, value: FieldValue | undefined, empty = '—'): string {
  if (value === null || value === undefined || value === '') return empty;
  if (field === MOTHER_FACT_FIELD) return motherFactWords(decodeMotherFact(String(value))) || empty;
  if (!isFieldName(field)) return String(value);
  switch (FIELDS[field].rule) {
    case 'flag':
      return value === true || value === 'true' ? 'Sim' : 'Não';
    case 'cpf':
      return formatCpf(String(value));
    case 'date':
      return formatDateBr(String(value));
    case 'cep':
      return formatCep(String(value));
    case 'phone':
      return formatPhone(String(value));
    case 'maritalStatus':
      return MARITAL_LABELS[value as MaritalStatus] ?? String(value);
    default:
      return String(value);
  }
}

export function formatCount(value: number): string {
  return value.toLocaleString('pt-BR');
}

export function dipLabel(status: DipStatus): string {
  return DIP_LABELS[status] ?? status;
}

/** "1 alteração" / "3 alterações": Portuguese plural of a counted noun. */
export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
