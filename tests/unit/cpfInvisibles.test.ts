// A CPF pasted or read from another system's file with characters that take no room on screen: the
// clerk sees only digits, dots and a hyphen, and the CPF is read as she sees it — as a registration
// number or an e-mail is. One rule restores the leading zeros a number cell dropped, for parseCpf
// and for every lookup.
import { describe, expect, it } from 'vitest';
import { cpfDigitsOf, incompleteTypedCpf, parseCpf } from '../../shared/rules/cpf';
import { parseFieldValue } from '../../shared/rules/fieldValue';

const INVISIBLE = {
  'zero-width space': '\u200b',
  'zero-width joiner': '\u200d',
  'word joiner': '\u2060',
  'soft hyphen': '\u00ad',
  'byte-order mark': '\ufeff',
  'no-break space': '\u00a0',
  'left-to-right mark (bidirectional)': '\u202a',
};

describe('parseCpf on a CPF carrying a character that takes no room', () => {
  it.each(Object.entries(INVISIBLE))('reads it through a %s, wherever it is', (_, c) => {
    for (const cpf of [`529.982.247-25${c}`, `${c}529.982.247-25`, `529.982${c}.247-25`, `5299822${c}4725`]) {
      expect(parseCpf(cpf), JSON.stringify(cpf)).toEqual({ ok: true, value: '52998224725' });
      expect(cpfDigitsOf(cpf), JSON.stringify(cpf)).toBe('52998224725');
    }
    expect(parseCpf(`14089${c}173`)).toEqual({ ok: true, value: '00014089173' });
  });

  it('as the value of the CPF field, typed or imported', () => {
    expect(parseFieldValue('cpf', '529.982\u200b.247-25')).toEqual({ ok: true, value: '52998224725' });
    expect(parseFieldValue('cpf', '529.982.247-25\u2060', { typed: true })).toEqual({ ok: true, value: '52998224725' });
  });

  it('still refuses what is not a CPF, and says an incomplete one without the invisible character', () => {
    expect(parseCpf('529.982.247-2\u200bX')).toMatchObject({ ok: false, message: 'CPF inválido: use apenas números, pontos e hífen.' });
    expect(parseCpf('\u200b')).toMatchObject({ ok: false, message: 'CPF inválido: deve ter 11 dígitos (tem 0).' });
    expect(parseCpf('529.982\u200b.247-2')).toMatchObject({ ok: false, message: expect.stringMatching(/^CPF incompleto: 529\.982\.247-2 tem 10 dígitos/) });
    expect(incompleteTypedCpf('\u200b529.982.247-2')).toMatch(/^CPF incompleto: 529\.982\.247-2 tem/);
  });
});

describe('cpfDigitsOf: the CPF a lookup key stands for', () => {
  it('restores the zeros a number cell dropped as parseCpf does', () => {
    expect(cpfDigitsOf('14089173')).toBe('00014089173');
    expect(cpfDigitsOf(14089173)).toBe('00014089173');
    expect(cpfDigitsOf('191')).toBe('00000000191');
    expect(cpfDigitsOf('1234567890')).toBe('01234567890');
  });

  it('takes 9 to 11 digits without their check digits (a wrong CPF the registry holds is reached)', () => {
    expect(cpfDigitsOf('12345678900')).toBe('12345678900');
    expect(cpfDigitsOf('123456789')).toBe('00123456789');
  });

  it('pads neither a typed CPF missing digits nor a short number that is no CPF', () => {
    expect(cpfDigitsOf('140.891-73')).toBeNull();
    expect(cpfDigitsOf('14089174')).toBeNull();
    expect(cpfDigitsOf('')).toBeNull();
    expect(cpfDigitsOf('123456789012')).toBeNull();
    expect(cpfDigitsOf('529.982.247-2X')).toBeNull();
  });
});
