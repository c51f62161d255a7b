// CPF rules: check digits as the Receita Federal defines them, and the masked form shown on lists (LGPD).
import { fail, ok, type Parsed } from '../errors';
import { formatCount } from '../display/numbers';
import { digitsOnly } from '../text';
import { inScientificNotation } from './scientificNotation';

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
export function incompleteTypedCpf(raw: string): string | null {
  const digits = digitsOnly(raw);
  if (digits.length === 0 || digits.length >= 11 || !/[.-]/.test(raw)) return null;
  return `CPF incompleto: ${raw.trim()} tem ${digits.length} ${digits.length === 1 ? 'dígito' : 'dígitos'}. Um CPF tem 11 dígitos, no formato 000.000.000-00: confira o CPF.`;
}

/**
 * Parse a CPF as typed or as a spreadsheet left it: punctuation is ignored, and leading zeros
 * dropped by a number cell are restored (9 or 10 digits always; fewer when the padded CPF is
 * valid) — never those of a CPF written with dots or a hyphen (incompleteTypedCpf).
 */
export function parseCpf(input: string | number): Parsed<string> {
  const raw = typeof input === 'number' ? String(Math.trunc(input)) : input;
  // 7,23483E+10: a spreadsheet showed the CPF as a number in scientific notation, and its last digits are gone.
  if (inScientificNotation(raw)) {
    return fail('CPF_INVALID', `CPF em notação científica (${raw.trim()}): a planilha guardou o CPF como número e perdeu dígitos. Formate a coluna como Texto e digite o CPF de novo.`);
  }
  if (/[^\d.\-\s/]/.test(raw.trim())) return fail('CPF_INVALID', 'CPF inválido: use apenas números, pontos e hífen.');
  let digits = digitsOnly(raw);
  const incomplete = incompleteTypedCpf(raw);
  if (incomplete !== null) return fail('CPF_INVALID', incomplete);
  if (digits.length > 0 && digits.length < 11) {
    // A CPF may start with several zeros; shorter than 9 digits is padded only when that yields a valid CPF,
    // so a plain typo still gets the "11 dígitos" message.
    const padded = digits.padStart(11, '0');
    if (digits.length >= 9 || isValidCpf(padded)) digits = padded;
  }
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
