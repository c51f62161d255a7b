// CEP rules: what a CEP is, how it is written, and whether it belongs to a UF (ranges as data).
import cepRanges from '../../resources/cep-ranges.json';
import type { Uf } from '../domain';
import { fail, ok, type Parsed } from '../errors';
import { formatCount } from '../display/numbers';
import { digitsOnly } from '../text';

type Range = readonly [string, string];
const RANGES = cepRanges.ranges as unknown as Record<Uf, Range[]>;

/**
 * Parse a CEP: 8 digits with or without hyphen. Seven bare digits (or a number) are a CEP whose
 * leading zero a spreadsheet dropped; seven digits written with a hyphen or dot were typed by a
 * person, so a digit is missing somewhere and padding would give another CEP: refused.
 */
export function parseCep(input: string | number): Parsed<string> {
  const raw = typeof input === 'number' ? String(Math.trunc(input)) : input.trim();
  if (/[^\d.\-\s]/.test(raw)) return fail('CEP_INVALID', 'CEP inválido: use o formato 00000-000.');
  let digits = digitsOnly(raw);
  if (digits.length === 7) {
    if (digits !== raw) return fail('CEP_INVALID', sevenDigits(raw));
    digits = `0${digits}`;
  }
  if (digits.length !== 8) return fail('CEP_INVALID', `CEP inválido: deve ter 8 dígitos (tem ${formatCount(digits.length)}), no formato 00000-000.`);
  if (digits === '00000000') return fail('CEP_INVALID', 'CEP inválido: 00000-000 não existe.');
  if (digits.startsWith('00')) return fail('CEP_INVALID', `CEP inválido: ${formatCep(digits)} não existe (nenhum CEP começa com 00).`);
  return ok(digits);
}

function sevenDigits(typed: string): string {
  return `CEP incompleto: ${typed} tem 7 dígitos. Um CEP tem 8 dígitos, no formato 00000-000: confira o CEP.`;
}

/**
 * A CEP a person typed (a form, a command's option): 8 digits, never padded. Seven digits typed
 * lack one somewhere, not always the leading zero; only a spreadsheet's number cell loses that.
 */
export function parseTypedCep(input: string): Parsed<string> {
  const raw = input.trim();
  if (/^[\d.\-\s]+$/.test(raw) && digitsOnly(raw).length === 7) return fail('CEP_INVALID', sevenDigits(raw));
  return parseCep(raw);
}

/** `01310100` → `01310-100`. */
export function formatCep(digits: string): string {
  return /^\d{8}$/.test(digits) ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits;
}

/** The UF whose Correios ranges contain this CEP, or null. */
export function ufOfCep(digits: string): Uf | null {
  const prefix = digits.slice(0, 5);
  for (const [uf, ranges] of Object.entries(RANGES) as [Uf, Range[]][]) {
    if (ranges.some(([from, to]) => prefix >= from && prefix <= to)) return uf;
  }
  return null;
}

export function cepRangesOf(uf: Uf): readonly Range[] {
  return RANGES[uf] ?? [];
}

export function cepBelongsToUf(digits: string, uf: Uf): boolean {
  return cepRangesOf(uf).some(([from, to]) => digits.slice(0, 5) >= from && digits.slice(0, 5) <= to);
}
