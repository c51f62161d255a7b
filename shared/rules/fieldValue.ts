// One field's value, parsed by its catalogue rule, and written as a correction's old/new text.
import { FIELDS, type FieldName, type FieldRule, type FieldValue } from '../fields';
import { fail, ok, type Parsed } from '../errors';
import { digitsOnly, withoutZeroWidth } from '../text';
import { parseBirthDate } from './birthDate';
import { parseCep } from './cep';
import { parseCpf } from './cpf';
import { parseDateBr } from './dates';
import { parseEmail } from './email';
import { refuseMotherPlaceholder } from './motherPlaceholder';
import { inScientificNotation, scientificNotationProblem } from './scientificNotation';
import { parsePersonName, parseText } from './names';
import { parseFlag, parseMaritalStatus, parseNationality, parsePhone, parseUf } from './vocabulary';

export interface FieldValueOptions {
  /** Today as ISO `aaaa-mm-dd` (birth dates are checked against it); the desk's date by default. */
  today?: string;
  /**
   * Typed by a person (the correction form, `cress-desk correct`), not read from a spreadsheet: a CPF
   * short of digits lacks one somewhere, and is never padded with zeros into another person's CPF.
   */
  typed?: boolean;
}

/**
 * Normalise one value for a catalogue field by its rule. Empty text means "clear the field"
 * (null), refused for fields that may not be empty. A few fields have a stricter rule than their
 * catalogue type: the birth date (plausible for a professional), the mother's name (not a
 * placeholder for "none") and the nationality (the DIP's fixed list).
 */
export function parseFieldValue(field: FieldName, given: FieldValue, options: FieldValueOptions = {}): Parsed<FieldValue> {
  const spec = FIELDS[field];
  // A character that takes no room (pasted from a PDF or a web page) is no part of any value.
  const raw = typeof given === 'string' ? withoutZeroWidth(given) : given;
  if (spec.rule === 'flag') {
    if (raw === null || raw === '') return fail('VALUE_REQUIRED', `${spec.label}: informe Sim ou Não.`);
    return parseFlag(raw);
  }
  if (typeof raw === 'boolean') return fail('VALUE_INVALID', `${spec.label}: valor inválido.`);
  if (raw === null || raw.trim() === '') {
    return spec.optional ? ok(null) : fail('VALUE_REQUIRED', `${spec.label} é obrigatório e não pode ficar vazio.`);
  }
  // Digits a spreadsheet lost are no value of any field (a CPF says it in its own words).
  if (spec.rule !== 'cpf' && spec.rule !== 'date' && inScientificNotation(raw)) return fail('VALUE_INVALID', `${spec.label} ${scientificNotationProblem(raw)}`);
  const parsed = parseByField(field, raw, options) ?? RULE_PARSERS[spec.rule](raw, spec.maxLength);
  if (!parsed.ok) return { ...parsed, message: prefixLabel(spec.label, parsed.message) };
  return parsed;
}

function parseByField(field: FieldName, raw: string, options: FieldValueOptions): Parsed<FieldValue> | null {
  switch (field) {
    case 'birthDate':
      return parseBirthDate(raw, options.today);
    case 'cpf': {
      const digits = digitsOnly(raw);
      if (!options.typed || digits.length >= 11 || digits.length === 0 || /[^\d.\-\s/]/.test(raw.trim())) return null;
      return fail('CPF_INVALID', `CPF incompleto: ${raw.trim()} tem ${digits.length} ${digits.length === 1 ? 'dígito' : 'dígitos'}. Um CPF tem 11 dígitos, no formato 000.000.000-00: confira o CPF.`);
    }
    case 'motherName':
      return refuseMotherPlaceholder(raw);
    case 'nationality': {
      const parsed = parseNationality(raw);
      const max = FIELDS.nationality.maxLength;
      return parsed.ok && parsed.value.length > max ? fail('VALUE_TOO_LONG', `Nacionalidade: texto muito longo: no máximo ${max} caracteres, o país incluído.`) : parsed;
    }
    default:
      return null;
  }
}

/** Each catalogue rule's parser; the text rules also take the field's maximum length. */
const RULE_PARSERS: Record<FieldRule, (raw: string, maxLength: number) => Parsed<FieldValue>> = {
  cpf: parseCpf,
  personName: parsePersonName,
  text: parseText,
  email: parseEmail,
  phone: parsePhone,
  cep: parseCep,
  uf: parseUf,
  date: parseDateBr,
  maritalStatus: parseMaritalStatus,
  flag: parseFlag,
};

// Rule messages already name their subject ("CPF inválido: …"); only generic ones get the label.
function prefixLabel(label: string, message: string): string {
  return /^(Nome|Texto|Valor)/.test(message) ? withFieldLabel(label, message) : message;
}

/**
 * A rule's message under the name of its field, the subject never said twice: "Nome inválido: …"
 * stays so for Nome, "Data inválida: …" becomes "Data de nascimento inválida: …", and any other
 * message follows the name ("Logradouro: texto muito longo…").
 */
export function withFieldLabel(label: string, message: string): string {
  if (message.toLowerCase().startsWith(label.toLowerCase())) return message;
  const subject = /^(\S+) (inválid[oa]\b[\s\S]*)$/.exec(message);
  if (subject && label.toLowerCase().startsWith(`${(subject[1] as string).toLowerCase()} `)) return `${label} ${subject[2]}`;
  return `${label}: ${/^\p{Lu}\p{Ll}/u.test(message) ? message.charAt(0).toLowerCase() + message.slice(1) : message}`;
}

/** Values as stored in a correction's old/new columns: text, "true"/"false", or null. */
export function fieldValueToText(value: FieldValue): string | null {
  if (value === null) return null;
  return typeof value === 'boolean' ? String(value) : value;
}
