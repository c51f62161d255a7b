// The closed vocabularies read from spreadsheets and typed by clerks (marital status, DIP state), in
// Portuguese or as codes.
import { DIP_STATUSES, MARITAL_STATUSES, UFS, type DipStatus, type MaritalStatus, type Uf } from '../domain';
import { fail, ok, type Parsed } from '../errors';
import { isAreaCode } from '../reference/areaCodes';
import { foldForSearch } from '../text';

export const MARITAL_LABELS: Record<MaritalStatus, string> = {
  single: 'Solteiro(a)',
  married: 'Casado(a)',
  divorced: 'Divorciado(a)',
  separated: 'Separado(a)',
  widowed: 'Viúvo(a)',
  stable_union: 'União estável',
};

export const DIP_LABELS: Record<DipStatus, string> = {
  none: 'Não solicitado',
  requested: 'Solicitado',
  awaiting_documents: 'Aguardando documentos/pagamento',
  confirmed: 'Confirmado',
  in_manufacture: 'Em confecção',
  issued: 'Emitido',
  delivered: 'Entregue',
};

const MARITAL_WORDS: Record<string, MaritalStatus> = {
  solteiro: 'single', solteira: 'single',
  casado: 'married', casada: 'married',
  divorciado: 'divorced', divorciada: 'divorced',
  separado: 'separated', separada: 'separated', 'separado judicialmente': 'separated', 'separada judicialmente': 'separated',
  // Documents issued before the Lei do Divórcio (1977) say "desquitado(a)": the same status.
  desquitado: 'separated', desquitada: 'separated',
  viuvo: 'widowed', viuva: 'widowed',
  'uniao estavel': 'stable_union',
};

/** Marital status as a code (`married`) or in Portuguese, with or without "(a)". */
export function parseMaritalStatus(input: string): Parsed<MaritalStatus> {
  const raw = input.trim();
  if ((MARITAL_STATUSES as readonly string[]).includes(raw)) return ok(raw as MaritalStatus);
  const folded = foldForSearch(raw).replace(/\s*\((a|o)\)$/, '').replace(/\(a\)|\(o\)/g, '');
  const found = MARITAL_WORDS[folded];
  return found
    ? ok(found)
    : fail('VALUE_INVALID', `Estado civil inválido: use ${Object.values(MARITAL_LABELS).join(', ')}.`);
}

const DIP_WORDS: Record<string, DipStatus> = {
  'nao solicitado': 'none',
  solicitado: 'requested',
  confirmado: 'confirmed',
  'em confeccao': 'in_manufacture',
  'enviado para confeccao': 'in_manufacture',
  emitido: 'issued',
  'aguardando documentos/pagamento': 'awaiting_documents',
  'aguardando documentos': 'awaiting_documents',
  'aguardando pagamento': 'awaiting_documents',
  'aguardando documentos e pagamento': 'awaiting_documents',
  entregue: 'delivered',
};

/** DIP status as a code or in Portuguese. */
export function parseDipStatus(input: string): Parsed<DipStatus> {
  const raw = input.trim();
  if ((DIP_STATUSES as readonly string[]).includes(raw)) return ok(raw as DipStatus);
  const found = DIP_WORDS[foldForSearch(raw)];
  return found ? ok(found) : fail('VALUE_INVALID', `Situação do DIP inválida: use ${Object.values(DIP_LABELS).join(', ')}.`);
}

export function parseUf(input: string): Parsed<Uf> {
  const value = input.trim().toUpperCase();
  return (UFS as readonly string[]).includes(value)
    ? ok(value as Uf)
    : fail('VALUE_INVALID', `UF inválida: "${input.trim()}" não é uma sigla de estado (ex.: SP, RJ, MG).`);
}

/** Brazilian phone: 10 or 11 digits with area code, kept as digits (see formatPhone). */
export function parsePhone(input: string): Parsed<string> {
  // A letter is a typo (O for 0), not decoration: dropping it would store a wrong number.
  if (/[^\d\s()+.-]/.test(input)) return fail('VALUE_INVALID', 'Telefone inválido: use apenas números, parênteses, espaços e hífen.');
  const digits = input.replace(/\D/g, '').replace(/^55(?=\d{10,11}$)/, '');
  if (digits.length !== 10 && digits.length !== 11) {
    return fail('VALUE_INVALID', 'Telefone inválido: informe DDD e número (10 ou 11 dígitos).');
  }
  const ddd = digits.slice(0, 2);
  if (!isAreaCode(ddd)) return fail('PHONE_INVALID', `Telefone inválido: o DDD ${ddd} não existe. Confira o DDD.`);
  if (digits.length === 11 && digits[2] !== '9') {
    return fail('PHONE_INVALID', `Telefone inválido: ${formatPhone(digits)} tem 11 dígitos, mas um celular começa com 9 depois do DDD.`);
  }
  return ok(digits);
}

export function formatPhone(digits: string): string {
  if (digits.length === 11) return `(${digits.slice(0, 2)}) ${digits.slice(2, 7)}-${digits.slice(7)}`;
  if (digits.length === 10) return `(${digits.slice(0, 2)}) ${digits.slice(2, 6)}-${digits.slice(6)}`;
  return digits;
}

const YES = new Set(['s', 'sim', 'x', '1', 'verdadeiro', 'true', 'yes']);
const NO = new Set(['n', 'nao', '0', 'falso', 'false', 'no']);

/** A yes/no flag as clerks write it: S / Sim / X / 1 / Verdadeiro, N / Não / 0 / Falso. */
export function parseFlag(input: string | boolean): Parsed<boolean> {
  if (typeof input === 'boolean') return ok(input);
  const folded = foldForSearch(input);
  if (YES.has(folded)) return ok(true);
  if (NO.has(folded)) return ok(false);
  return fail('VALUE_INVALID', `Valor inválido: "${input.trim()}" — use Sim ou Não.`);
}

/** The nationalities the DIP prints: Brazilian, naturalised Brazilian, or foreign with the country. */
export const NATIONALITY_LABELS = {
  brazilian: 'Brasileira',
  naturalized: 'Brasileira naturalizada',
  foreign: 'Estrangeira',
} as const;

const BRAZILIAN = new Set(['brasileira', 'brasileiro', 'brasileira nata', 'brasileiro nato', 'brasil', 'br', 'bra', 'nata', 'nato']);
const NATURALIZED = new Set(['brasileira naturalizada', 'brasileiro naturalizado', 'naturalizada', 'naturalizado', 'naturalizado a', 'naturalizada o']);
const FOREIGN = /^(?:estrangeir[ao](?:\s*\(\s*[ao]\s*\))?)\s*(?:[-–—:,(]\s*)?(.*?)\)?$/iu;

/**
 * Nationality as one of the fixed list: "Brasileira", "Brasileira naturalizada", or
 * "Estrangeira (País)" — a foreigner's country is required.
 */
export function parseNationality(input: string): Parsed<string> {
  if (input === NATIONALITY_LABELS.brazilian || input === NATIONALITY_LABELS.naturalized) return ok(input);
  const raw = input.trim().replace(/\s+/g, ' ');
  const folded = foldForSearch(raw).replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  if (BRAZILIAN.has(folded)) return ok(NATIONALITY_LABELS.brazilian);
  if (NATURALIZED.has(folded)) return ok(NATIONALITY_LABELS.naturalized);
  const foreign = FOREIGN.exec(raw);
  if (foreign) {
    const country = (foreign[1] ?? '').trim();
    if (!/\p{L}/u.test(country)) return fail('VALUE_INVALID', 'Nacionalidade estrangeira: informe também o país (ex.: Estrangeira (Portugal)).');
    return ok(`${NATIONALITY_LABELS.foreign} (${country.charAt(0).toUpperCase()}${country.slice(1)})`);
  }
  return fail(
    'VALUE_INVALID',
    `Nacionalidade inválida: use ${NATIONALITY_LABELS.brazilian}, ${NATIONALITY_LABELS.naturalized} ou ${NATIONALITY_LABELS.foreign} (país).`,
  );
}
