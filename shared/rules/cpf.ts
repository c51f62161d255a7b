// CPF rules: check digits as the Receita Federal defines them, and the masked form shown on lists (LGPD).
import { fail, ok, type Parsed } from '../errors';
import { formatCount } from '../display/numbers';
import { digitsOnly, withoutInvisibles } from '../text';
import { AS_CPF, inScientificNotation, scientificNotationProblem } from './scientificNotation';

/** Check digits of the first nine digits (mod 11, as the Receita Federal defines them). */
export function cpfCheckDigits(nine: string): string {
  const digit = (body: string): number => {
    let sum = 0;
    for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (body.length + 1 - i);
    const rest = sum % 11;
    return rest < 2 ? 0 : 11 - rest;
  };
  const first = digit(nine);
  return `${first}${digit(nine + first)}`;
}

export function isValidCpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  if (/^(\d)\1{10}$/.test(digits)) return false; // 000.000.000-00 … 999.999.999-99 pass mod 11 but are not CPFs
  return cpfCheckDigits(digits.slice(0, 9)) === digits.slice(9);
}

/**
 * Short of 11 digits but written with dots or a hyphen: a person typed it (or a form masked it),
 * so a digit is missing somewhere — not always a leading zero, which only a number cell drops —,
 * and padding would make another, perhaps valid, person's CPF.
 */
export function incompleteTypedCpf(typed: string): string | null {
  const raw = withoutInvisibles(typed);
  const digits = digitsOnly(raw);
  if (digits.length === 0 || digits.length >= 11 || !/[.-]/.test(raw)) return null;
  return `CPF incompleto: ${raw.trim()} tem ${digits.length} ${digits.length === 1 ? 'dígito' : 'dígitos'}. Um CPF tem 11 dígitos, no formato 000.000.000-00: confira o CPF.`;
}

/**
 * A CPF as typed, pasted or read from a cell, as the clerk sees it: without the characters that take
 * no room on screen (a zero-width space copied from a web page, a soft hyphen, a byte-order mark,
 * a control character), as a registration number or an e-mail is read. A number is its whole part.
 */
export function cpfText(input: string | number): string {
  return withoutInvisibles(typeof input === 'number' ? String(Math.trunc(input)) : input);
}

/**
 * The one rule for a CPF that lost its leading zeros in a number cell, shared by every lookup and
 * by parseCpf: its 11 digits with the zeros put back — 9 or 10 digits always, fewer only when the
 * padded number is a valid CPF (so a plain typo is not taken for one) and no dot or hyphen was
 * written (only a number cell drops that many zeros: see incompleteTypedCpf). 11 digits are taken
 * as they are, check digits or not: the registry may hold a wrong CPF (seed case B) and the clerk
 * must still reach the record. Null when the text is not digits and CPF punctuation, or cannot be
 * a whole CPF. parseCpf refuses a typed CPF short of 11 digits before this rule is asked; a lookup
 * still pads 9 or 10 typed digits (a search for 12.345.678-90 finds 012.345.678-90).
 */
export function cpfDigitsOf(input: string | number): string | null {
  const text = cpfText(input);
  if (!/^[\d.\-\s/]+$/.test(text)) return null;
  const digits = digitsOnly(text);
  if (digits.length === 11) return digits;
  if (digits.length === 0 || digits.length > 11) return null;
  const padded = digits.padStart(11, '0');
  if (digits.length >= 9) return padded;
  return isValidCpf(padded) && !/[.-]/.test(text) ? padded : null;
}

/**
 * Parse a CPF as typed or as a spreadsheet left it: characters that take no room and punctuation
 * are ignored, and leading zeros dropped by a number cell are restored (cpfDigitsOf) — never those
 * of a CPF written with dots or a hyphen (incompleteTypedCpf).
 */
export function parseCpf(input: string | number): Parsed<string> {
  const raw = cpfText(input);
  // 7,23483E+10 lost digits; 1,7333421848E+10 shows them all, but a CPF is typed as text, never read back from a number's notation.
  if (inScientificNotation(raw)) return fail('CPF_INVALID', `CPF ${scientificNotationProblem(raw, AS_CPF)}`);
  if (/[^\d.\-\s/]/.test(raw.trim())) return fail('CPF_INVALID', 'CPF inválido: use apenas números, pontos e hífen.');
  const incomplete = incompleteTypedCpf(raw);
  if (incomplete !== null) return fail('CPF_INVALID', incomplete);
  // Shorter than 9 digits and not padded: a plain typo gets the "11 dígitos" message.
  const digits = cpfDigitsOf(raw) ?? digitsOnly(raw);
  if (digits.length !== 11) return fail('CPF_INVALID', `CPF inválido: deve ter 11 dígitos (tem ${formatCount(digits.length)}).`);
  if (/^(\d)\1{10}$/.test(digits)) return fail('CPF_INVALID', 'CPF inválido: todos os dígitos são iguais.');
  if (!isValidCpf(digits)) return fail('CPF_INVALID', 'CPF inválido: os dígitos verificadores não conferem.');
  return ok(digits);
}

/** `12345678909` → `123.456.789-09`. */
export function formatCpf(digits: string): string {
  if (!/^\d{11}$/.test(digits)) return digits;
  return `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`;
}

/** For lists (LGPD): `12345678909` → `***.456.789-**`. */
export function maskCpf(digits: string): string {
  if (!/^\d{11}$/.test(digits)) return '***.***.***-**';
  return `***.${digits.slice(3, 6)}.${digits.slice(6, 9)}-**`;
}
