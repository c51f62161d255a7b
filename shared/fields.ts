// The correctable-field catalogue: the one place that says, per field, its Portuguese label,
// the rule its values follow, and whether it is identification data (DIP rule). The record's
// shape in the contract (shared/contract/registry.ts) is built from it.
export type FieldRule =
  | 'cpf'
  | 'personName'
  | 'text'
  | 'email'
  | 'phone'
  | 'cep'
  | 'uf'
  | 'date'
  | 'maritalStatus'
  | 'flag';

export type FieldGroup = 'identification' | 'documents' | 'contact' | 'address';

export interface FieldSpec {
  label: string;
  rule: FieldRule;
  group: FieldGroup;
  /**
   * Identification data: what the DIP prints (name, filiação, birth date and place, nationality,
   * CPF and RG — Lei 6.206/75) plus marital status and social name (seed case G). Changing it
   * touches the DIP request and needs a document really seen (rules/evidence.ts).
   */
  identification: boolean;
  /** May be left empty after a correction. */
  optional: boolean;
  maxLength: number;
}

export const FIELDS = {
  cpf: { label: 'CPF', rule: 'cpf', group: 'documents', identification: true, optional: false, maxLength: 14 },
  name: { label: 'Nome', rule: 'personName', group: 'identification', identification: true, optional: false, maxLength: 120 },
  socialName: { label: 'Nome social', rule: 'personName', group: 'identification', identification: true, optional: true, maxLength: 120 },
  motherName: { label: 'Nome da mãe', rule: 'personName', group: 'identification', identification: true, optional: true, maxLength: 120 },
  motherNotListed: { label: 'Não consta mãe', rule: 'flag', group: 'identification', identification: true, optional: false, maxLength: 5 },
  fatherName: { label: 'Nome do pai', rule: 'personName', group: 'identification', identification: true, optional: true, maxLength: 120 },
  maritalStatus: { label: 'Estado civil', rule: 'maritalStatus', group: 'identification', identification: true, optional: true, maxLength: 20 },
  birthDate: { label: 'Data de nascimento', rule: 'date', group: 'identification', identification: true, optional: true, maxLength: 10 },
  birthCity: { label: 'Naturalidade (município)', rule: 'text', group: 'identification', identification: true, optional: true, maxLength: 80 },
  birthUf: { label: 'Naturalidade (UF)', rule: 'uf', group: 'identification', identification: true, optional: true, maxLength: 2 },
  nationality: { label: 'Nacionalidade', rule: 'text', group: 'identification', identification: true, optional: true, maxLength: 60 },
  rgNumber: { label: 'RG', rule: 'text', group: 'documents', identification: true, optional: true, maxLength: 20 },
  rgIssuer: { label: 'Órgão emissor', rule: 'text', group: 'documents', identification: true, optional: true, maxLength: 20 },
  rgUf: { label: 'UF do RG', rule: 'uf', group: 'documents', identification: true, optional: true, maxLength: 2 },
  email: { label: 'E-mail', rule: 'email', group: 'contact', identification: false, optional: true, maxLength: 254 },
  phone: { label: 'Telefone', rule: 'phone', group: 'contact', identification: false, optional: true, maxLength: 20 },
  cep: { label: 'CEP', rule: 'cep', group: 'address', identification: false, optional: true, maxLength: 9 },
  street: { label: 'Logradouro', rule: 'text', group: 'address', identification: false, optional: true, maxLength: 120 },
  number: { label: 'Número', rule: 'text', group: 'address', identification: false, optional: true, maxLength: 10 },
  complement: { label: 'Complemento', rule: 'text', group: 'address', identification: false, optional: true, maxLength: 60 },
  district: { label: 'Bairro', rule: 'text', group: 'address', identification: false, optional: true, maxLength: 80 },
  city: { label: 'Município', rule: 'text', group: 'address', identification: false, optional: true, maxLength: 80 },
  uf: { label: 'UF', rule: 'uf', group: 'address', identification: false, optional: true, maxLength: 2 },
} as const satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

export const FIELD_GROUP_LABELS: Record<FieldGroup, string> = {
  identification: 'Identificação',
  documents: 'Documentos',
  contact: 'Contato',
  address: 'Endereço',
};

/** A field value as it travels in corrections: text, the mother flag, or empty. */
export type FieldValue = string | boolean | null;

export function isFieldName(value: string): value is FieldName {
  return Object.hasOwn(FIELDS, value);
}

/**
 * The correction field of the mother fact: the mother's name and "Não consta mãe" are one fact,
 * corrected, batched and answered as one item (see rules/motherFact.ts).
 */
export const MOTHER_FACT_FIELD = 'mother';
export const MOTHER_FACT_LABEL = 'Mãe (nome ou “Não consta mãe”)';

/** Label of a record field or a correction's field. */
export function fieldLabel(field: string): string {
  if (field === MOTHER_FACT_FIELD) return MOTHER_FACT_LABEL;
  return isFieldName(field) ? FIELDS[field].label : field;
}
