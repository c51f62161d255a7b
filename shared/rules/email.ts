// E-mail addresses as the national platform will accept them (the password e-mail goes there).
import { fail, ok, type Parsed } from '../errors';

// A sane check, not RFC 5322: one @, a local part without spaces, a domain with a dot and a 2+ letter TLD.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export function parseEmail(input: string): Parsed<string> {
  const value = input.trim().toLowerCase();
  if (value.length > 254) return fail('VALUE_TOO_LONG', 'E-mail muito longo: no máximo 254 caracteres.');
  const local = value.split('@')[0] ?? '';
  if (!EMAIL.test(value) || local.startsWith('.') || local.endsWith('.') || local.includes('..') || local.length > 64) {
    return fail('EMAIL_INVALID', 'E-mail inválido: confira o endereço (exemplo: nome@dominio.com.br).');
  }
  return ok(value);
}
