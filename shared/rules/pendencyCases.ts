// The cases of the notice (seed A–G) a pendência belongs to, in the notice's words, and which case
// each pendência code is: what the Pendências screen groups and filters by.
import { codesOf } from '../codes';
import type { ErrorCode } from '../errors';
import type { FieldName } from '../fields';

/** Each case as the notice names it. */
export const PENDENCY_CASE_LABELS = {
  A: 'A — sem conexão à página do recadastramento',
  B: 'B — dados de acesso inválidos',
  C: 'C — página de erro em inglês',
  D: 'D — e-mail de senha não chega',
  E: 'E — CEP não encontrado',
  F: 'F — sem nome da mãe',
  G: 'G — dados de identificação errados na DIP',
};
export const PENDENCY_CASES = codesOf(PENDENCY_CASE_LABELS);
export type PendencyCase = (typeof PENDENCY_CASES)[number];

/** The pendência codes the rules find, each with its case, in the order a screen lists them. */
export const PENDENCY_CODES = [
  { code: 'CPF_INVALID', case: 'B' },
  { code: 'EMAIL_MISSING', case: 'D' },
  { code: 'EMAIL_INVALID', case: 'D' },
  { code: 'EMAIL_TYPO', case: 'D' },
  { code: 'EMAIL_SHARED', case: 'D' },
  { code: 'PHONE_INVALID', case: 'D' },
  { code: 'CEP_INVALID', case: 'E' },
  { code: 'CEP_UF_MISMATCH', case: 'E' },
  { code: 'CITY_UNKNOWN', case: 'E' },
  { code: 'MOTHER_MISSING', case: 'F' },
  { code: 'MOTHER_PLACEHOLDER', case: 'F' },
  { code: 'NAME_SUSPECT', case: 'G' },
  { code: 'BIRTH_DATE_IMPLAUSIBLE', case: 'G' },
  { code: 'BIRTHPLACE_UNKNOWN', case: 'G' },
  { code: 'DIP_DATA_PENDING', case: 'G' },
] as const satisfies readonly { code: ErrorCode; case: PendencyCase }[];

const CASE_OF_CODE = new Map<ErrorCode, PendencyCase>(PENDENCY_CODES.map((c) => [c.code, c.case]));

/** Case of a field's generic problem (empty, too long, malformed): where that field matters in the notice. */
const CASE_OF_FIELD: Partial<Record<FieldName, PendencyCase>> = {
  cpf: 'B',
  email: 'D',
  phone: 'D',
  motherName: 'F',
  motherNotListed: 'F',
  cep: 'E',
  street: 'E',
  number: 'E',
  complement: 'E',
  district: 'E',
  city: 'E',
  uf: 'E',
};

/** The case of a pendência: by its code, else by its field; identification and documents are G. */
export function caseOfPendency(code: ErrorCode, field: FieldName | null): PendencyCase {
  return CASE_OF_CODE.get(code) ?? (field ? CASE_OF_FIELD[field] : undefined) ?? 'G';
}

/** The case of a record's first pendência, as the record shows them; null when it has none. */
export function caseOfRecord(pendencies: readonly { code: string; field: string | null }[]): PendencyCase | null {
  const first = pendencies[0];
  return first ? caseOfPendency(first.code as ErrorCode, first.field as FieldName | null) : null;
}
