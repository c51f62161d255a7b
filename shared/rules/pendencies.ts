// Pendências: what is wrong with a record as stored. The registry may hold defective data (a CPF
// whose check digits fail, a CEP outside the UF, neither mother's name nor "Não consta mãe"):
// those records are exactly the ones the clerk must fix (seed cases B, D, E, F, G), so they are
// loaded and flagged, never refused. The same rules as the correction form, applied to stored
// values, plus checks that only make sense on a whole record (the município of the UF, a misspelt
// e-mail provider, an e-mail shared with another professional, a suspect name).
//
// The store runs this over every record (250 000 in one scan): lookups are maps built at load and
// a clean record allocates little beyond the parsed values.
import type { Professional, Uf } from '../domain';
import type { ErrorCode } from '../errors';
import { FIELD_NAMES, FIELDS, type FieldName } from '../fields';
import { cityNotInUf, municipalityCode } from '../reference/municipalities';
import { cepBelongsToUf, formatCep } from './cep';
import { parseCpf } from './cpf';
import { suggestEmailFix } from './emailTypo';
import { parseFieldValue, type FieldValueOptions } from './fieldValue';
import { MOTHER_MESSAGES } from './mother';
import { nameSuspicion } from './nameSuspicion';
import { caseOfPendency, type PendencyCase } from './pendencyCases';

export { PENDENCY_CASE_LABELS, PENDENCY_CASES, PENDENCY_CODES, caseOfPendency, type PendencyCase } from './pendencyCases';

export interface Pendency {
  code: ErrorCode;
  /** The field to fix, or null for a whole-record problem. */
  field: FieldName | null;
  message: string;
}

/** A pendência the rules found: with the notice's case it belongs to and, when there is one, the likely fix. */
export interface FoundPendency extends Pendency {
  case: PendencyCase;
  /** The value the clerk probably means (EMAIL_TYPO: the corrected address). */
  suggestion?: string;
}

type StoredValues = Pick<Professional, FieldName>;

export interface PendencyContext<R extends StoredValues = StoredValues> {
  /** The UF the council's CEP directory gives this CEP, if the directory has it. */
  directoryUfOf?: (cep: string) => Uf | null;
  /** Whether this (stored, lower-case) e-mail is on more than one professional: the store knows the whole registry. */
  emailIsShared?: (email: string) => boolean;
  /** Today as ISO `aaaa-mm-dd`, for the birth date; the desk's date by default. */
  today?: string;
  /** Whether the record's DIP request was confirmed with identification data corrected since: the store decides. */
  dipDataPending?: boolean | ((record: R) => boolean);
  /**
   * Only the pendências on these fields (pendencyFieldsOf): a change of some fields decides those
   * alone, the record's others stay as stored. Whole-record ones are then left out.
   */
  fields?: ReadonlySet<FieldName>;
}

/** Fields whose name must look like a full name (seed case G: they are printed on the DIP). */
const FULL_NAME_FIELDS: ReadonlySet<FieldName> = new Set(['name', 'motherName', 'fatherName']);
const EIGHT_DIGITS = /^\d{8}$/;

export const DIP_DATA_PENDING_MESSAGE =
  'A/o profissional confirmou a solicitação do DIP e dados de identificação foram corrigidos depois: peça à Implanta que corrija também a solicitação do DIP (possível só antes da confecção).';
/** Once the card went to manufacture its request can no longer be corrected (DOMAIN, case G): a new DIP is the way. */
export const DIP_IN_MANUFACTURE_DATA_MESSAGE =
  'O DIP já foi enviado para confecção e dados de identificação foram corrigidos depois: o cartão não poderá ser corrigido. Oriente a/o profissional a solicitar um novo DIP.';

/** What the pendência of a DIP request at risk asks, by how far the request went. */
function dipDataPendingMessage(record: object): string {
  return (record as { dipStatus?: unknown }).dipStatus === 'in_manufacture' ? DIP_IN_MANUFACTURE_DATA_MESSAGE : DIP_DATA_PENDING_MESSAGE;
}

/** Every pendência of a record, in the catalogue's order, whole-record ones last. */
export function recordPendencies<R extends StoredValues>(record: R, context: PendencyContext<R> = {}): FoundPendency[] {
  const found: FoundPendency[] = [];
  const options: FieldValueOptions = context.today === undefined ? NO_OPTIONS : { today: context.today };
  const add = (code: ErrorCode, field: FieldName | null, message: string, suggestion?: string): void => addPendency(found, code, field, message, suggestion);
  const only = context.fields;

  for (const field of FIELD_NAMES) {
    const value = record[field];
    if (field === 'motherNotListed' || field === 'motherName' || (only && !only.has(field))) continue;
    if (field === 'cpf') {
      const cpf = parseCpf(String(value ?? ''));
      if (!cpf.ok) add(cpf.code, field, cpf.message);
      continue;
    }
    if (value === null || value === '') {
      if (field === 'email') add('EMAIL_MISSING', field, 'Sem e-mail no cadastro: a/o profissional não recebe a senha do recadastramento. Peça o e-mail.');
      else if (!FIELDS[field].optional) add('VALUE_REQUIRED', field, `${FIELDS[field].label} está vazio no cadastro.`);
      continue;
    }
    const parsed = parseFieldValue(field, value as string, options);
    if (!parsed.ok) {
      add(parsed.code, field, parsed.message);
      continue;
    }
    const text = parsed.value as string;
    if (field === 'email') emailPendencies(text, context, add);
    else if (FULL_NAME_FIELDS.has(field)) {
      const suspicion = nameSuspicion(text);
      if (suspicion) add('NAME_SUSPECT', field, `${FIELDS[field].label}: ${suspicion}`);
    } else if (field === 'city' && record.uf) {
      const elsewhere = cityNotInUf(text, record.uf);
      if (elsewhere !== null) add('CITY_UNKNOWN', field, elsewhere);
    } else if (field === 'birthCity' && record.birthUf && municipalityCode(text, record.birthUf) === null) {
      add('BIRTHPLACE_UNKNOWN', field, `Naturalidade “${text}” não é um município de ${record.birthUf} na lista do IBGE. Confira no documento.`);
    }
  }

  if (only && !only.has('motherName')) {
    // The mother fact is not in question.
  } else if (record.motherName) {
    const parsed = parseFieldValue('motherName', record.motherName, options);
    if (!parsed.ok) add(parsed.code, 'motherName', parsed.message);
    else {
      const suspicion = nameSuspicion(parsed.value as string);
      if (suspicion) add('NAME_SUSPECT', 'motherName', `${FIELDS.motherName.label}: ${suspicion}`);
    }
  } else if (!record.motherNotListed) {
    add('MOTHER_MISSING', 'motherName', MOTHER_MESSAGES.missing);
  }

  const { cep, uf } = record;
  // An invalid CEP is one pendência, not also one of the wrong UF.
  const cepListed = found.length > 0 && found.some((p) => p.field === 'cep');
  if ((!only || only.has('cep')) && cep && uf && !cepListed && EIGHT_DIGITS.test(cep) && !cepBelongsToUf(cep, uf) && context.directoryUfOf?.(cep) !== uf) {
    add('CEP_UF_MISMATCH', 'cep', `CEP ${formatCep(cep)} não pertence à UF ${uf}. Confira o CEP e a UF, ou cadastre o CEP em CEPs.`);
  }

  const dip = only ? undefined : context.dipDataPending;
  if (dip === true || (typeof dip === 'function' && dip(record))) add('DIP_DATA_PENDING', null, dipDataPendingMessage(record));
  return found;
}

const NO_OPTIONS: FieldValueOptions = {};

function addPendency(found: FoundPendency[], code: ErrorCode, field: FieldName | null, message: string, suggestion?: string): void {
  const pendency: FoundPendency = { code, case: caseOfPendency(code, field), field, message };
  if (suggestion !== undefined) pendency.suggestion = suggestion;
  found.push(pendency);
}

function emailPendencies(email: string, context: PendencyContext<never>, add: (code: ErrorCode, field: FieldName, message: string, suggestion?: string) => void): void {
  const fix = suggestEmailFix(email);
  if (fix !== null) add('EMAIL_TYPO', 'email', `E-mail provavelmente digitado errado: você quis dizer ${fix}?`, fix);
  if (context.emailIsShared?.(email)) {
    add('EMAIL_SHARED', 'email', `O e-mail ${email} também está no cadastro de outra/o profissional: cada pessoa precisa do seu para receber a senha.`);
  }
}

/** Fields a change decides the pendências of besides its own: a UF makes a município (or a CEP) wrong. */
const DECIDED_BY: Record<string, readonly string[]> = { uf: ['city', 'cep'], birthUf: ['birthCity'] };

/**
 * The fields whose pendências a change of `fields` (record fields, or `mother`) decides: their own,
 * those DECIDED_BY them, and the mother's name for either half of the mother fact (its pendências are
 * kept on the name).
 */
export function pendencyFieldsOf(fields: Iterable<string>): Set<FieldName> {
  const decided = new Set<FieldName>();
  for (const field of fields) {
    for (const one of [field, ...(DECIDED_BY[field] ?? [])]) {
      const kept = one === 'motherNotListed' || one === 'mother' ? 'motherName' : one;
      if ((FIELD_NAMES as readonly string[]).includes(kept)) decided.add(kept as FieldName);
    }
  }
  return decided;
}

/**
 * The pendências of a record on the fields a correction changed, or decided — what the form warns
 * of as the value is typed; the command line and an import's check say it after.
 */
export function pendenciesOnFields(pendencies: readonly FoundPendency[], fields: readonly string[]): (FoundPendency & { field: string })[] {
  const touched = new Set(fields.flatMap((field) => [field, ...(DECIDED_BY[field] ?? [])]));
  return pendencies.filter((p): p is FoundPendency & { field: string } => p.field !== null && touched.has(p.field));
}
