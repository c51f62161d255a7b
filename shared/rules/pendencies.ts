// Pendências: what is wrong with a record as stored. The registry may hold defective data (a CPF
// whose check digits fail, a CEP outside the UF, neither mother's name nor "Não consta mãe"):
// those records are exactly the ones the clerk must fix (seed cases B, E, F), so they are loaded
// and flagged, never refused. The same rules as the correction form, applied to stored values.
import type { Professional, Uf } from '../domain';
import type { ErrorCode } from '../errors';
import { FIELD_NAMES, FIELDS, type FieldName } from '../fields';
import { cepBelongsToUf } from './cep';
import { parseCpf } from './cpf';
import { parseFieldValue } from './fieldValue';
import { MOTHER_MESSAGES } from './mother';

export interface Pendency {
  code: ErrorCode;
  /** The field to fix, or null for a whole-record problem. */
  field: FieldName | null;
  message: string;
}

export interface PendencyContext {
  /** The UF the council's CEP directory gives this CEP, if the directory has it. */
  directoryUfOf?: (cep: string) => Uf | null;
}

type StoredValues = Pick<Professional, FieldName>;

/** Every pendência of a record, in the catalogue's order. */
export function recordPendencies(record: StoredValues, context: PendencyContext = {}): Pendency[] {
  const found: Pendency[] = [];
  for (const field of FIELD_NAMES) {
    const value = record[field];
    if (field === 'motherNotListed' || field === 'motherName') continue;
    if (field === 'cpf') {
      const cpf = parseCpf(String(value ?? ''));
      if (!cpf.ok) found.push({ code: cpf.code, field, message: cpf.message });
      continue;
    }
    if (value === null || value === '') {
      if (!FIELDS[field].optional) found.push({ code: 'VALUE_REQUIRED', field, message: `${FIELDS[field].label} está vazio no cadastro.` });
      continue;
    }
    const parsed = parseFieldValue(field, value as string);
    if (!parsed.ok) found.push({ code: parsed.code, field, message: parsed.message });
  }
  if (record.motherName) {
    const parsed = parseFieldValue('motherName', record.motherName);
    if (!parsed.ok) found.push({ code: parsed.code, field: 'motherName', message: parsed.message });
  } else if (!record.motherNotListed) {
    found.push({ code: 'MOTHER_MISSING', field: 'motherName', message: MOTHER_MESSAGES.missing });
  }
  const { cep, uf } = record;
  if (cep && uf && /^\d{8}$/.test(cep) && !cepBelongsToUf(cep, uf) && context.directoryUfOf?.(cep) !== uf) {
    found.push({
      code: 'CEP_UF_MISMATCH',
      field: 'cep',
      message: `CEP ${cep.slice(0, 5)}-${cep.slice(5)} não pertence à UF ${uf}. Confira o CEP e a UF, ou cadastre o CEP em CEPs.`,
    });
  }
  return found;
}
