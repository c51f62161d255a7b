// A spreadsheet's CPFs, as the import's steps show them: masked like every list (`***.456.789-**`),
// never in full — the full CPF shows only in an opened record.
import { maskCpf } from '../../shared/rules/cpf';

/** A column that holds CPFs: the one given to the CPF field, or one headed so, mapped or not. */
export function isCpfColumn(header: string, target: string | null): boolean {
  return target === 'cpf' || /cpf/i.test(header);
}

/**
 * A CPF column's cell, masked. Up to two leading zeros may be missing (a spreadsheet reads the CPF
 * as a number); any other count of digits is masked whole. A cell with no digit ("não consta") is
 * no CPF, and shows as it is.
 */
export function maskCpfCell(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits === '') return value;
  if (digits.length < 9 || digits.length > 11) return '***.***.***-**';
  return maskCpf(digits.padStart(11, '0'));
}
