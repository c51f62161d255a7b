import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../shared/rules/email';
import { expectRefusal } from './refusal';

describe('parseEmail accepts ordinary addresses', () => {
  it.each([
    'maria@example.com',
    'maria.souza@cress-sp.org.br',
    'maria+cress@gmail.com',
    "o'neil@example.com",
    'a_b-c@sub.domain.gov.br',
  ])('accepts %s', (email) => {
    expect(parseEmail(email)).toEqual({ ok: true, value: email });
  });

  it('lower-cases and trims, so the same address is never stored twice', () => {
    expect(parseEmail('  Maria.Souza@Example.COM.BR ')).toEqual({ ok: true, value: 'maria.souza@example.com.br' });
  });
});

describe('parseEmail refuses addresses the password e-mail could never reach', () => {
  it.each([
    ['no @', 'maria.example.com'],
    ['two @', 'maria@@example.com'],
    ['a space inside', 'maria souza@example.com'],
    ['a space in the domain', 'maria@example .com'],
    ['double dots in the local part', 'maria..souza@example.com'],
    ['double dots in the domain', 'maria@example..com'],
    ['a dot starting the local part', '.maria@example.com'],
    ['a dot ending the local part', 'maria.@example.com'],
    ['no TLD', 'maria@example'],
    ['a one-letter TLD', 'maria@example.c'],
    ['a trailing dot', 'maria@example.com.'],
    ['nothing before @', '@example.com'],
    ['nothing after @', 'maria@'],
    ['a comma for a dot', 'maria@example,com'],
  ])('refuses an address with %s', (_why, email) => {
    expectRefusal(parseEmail(email), 'EMAIL_INVALID', 'E-mail inválido');
  });

  it('refuses a local part longer than 64 characters', () => {
    expect(parseEmail(`${'a'.repeat(65)}@example.com`)).toMatchObject({ ok: false, code: 'EMAIL_INVALID' });
    expect(parseEmail(`${'a'.repeat(64)}@example.com`).ok).toBe(true);
  });

  it('refuses an address longer than 254 characters as too long', () => {
    const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(60)}.com`;
    const email = `maria.souza@${domain}`;
    expect(email.length).toBeGreaterThan(254);
    const result = parseEmail(email);
    expect(result).toMatchObject({ ok: false, code: 'VALUE_TOO_LONG' });
  });
});
