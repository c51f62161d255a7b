// How a stored value reads for people (the CSV of a package, the e-mail to Implanta): CPF and CEP
// punctuated, dates dd/mm/aaaa, vocabularies in Portuguese, the mother fact as the name or
// "Não consta mãe".
import { isFieldName, FIELDS, MOTHER_FACT_FIELD } from '../../shared/fields';
import type { MaritalStatus } from '../../shared/domain';
import { formatCep } from '../../shared/rules/cep';
import { formatCpf } from '../../shared/rules/cpf';
import { formatDateBr } from '../../shared/rules/dates';
import { decodeMotherFact, motherFactWords } from '../../shared/rules/motherFact';
import { formatPhone, MARITAL_LABELS } from '../../shared/rules/vocabulary';

export const ARRIVAL_WORDS: Record<string, string> = { in_person: 'Pessoalmente', post: 'Pelos Correios' };
export const SOURCE_WORDS: Record<string, string> = { manual: 'Manual', import: 'Importação', conflict: 'Cadastro principal (conflito)' };

/** A correction's stored text (`"true"`, `"01310100"`, `"1980-05-17"`) as people read it; '' when empty. */
export function humanValue(field: string, value: string | null): string {
  if (value === null || value === '') return '';
  if (field === MOTHER_FACT_FIELD) return motherFactWords(decodeMotherFact(value));
  if (!isFieldName(field)) return value;
  switch (FIELDS[field].rule) {
    case 'flag':
      return value === 'true' ? 'Sim' : 'Não';
    case 'cpf':
      return formatCpf(value);
    case 'cep':
      return formatCep(value);
    case 'date':
      return formatDateBr(value);
    case 'phone':
      return formatPhone(value);
    case 'maritalStatus':
      return MARITAL_LABELS[value as MaritalStatus] ?? value;
    default:
      return value;
  }
}
