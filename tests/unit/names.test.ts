import { describe, expect, it } from 'vitest';
import { parsePersonName, parseText } from '../../shared/rules/names';
import { expectRefusal } from './refusal';

const MAX = 120;

describe('parsePersonName normalises what the clerk typed', () => {
  it('trims and collapses inner spaces, tabs and line breaks', () => {
    expect(parsePersonName('  Maria   das  Graças\tSouza \n', MAX)).toEqual({ ok: true, value: 'Maria das Graças Souza' });
  });

  it('keeps accents and cedillas', () => {
    expect(parsePersonName('Conceição Araújo Müller Ñúñez', MAX)).toEqual({ ok: true, value: 'Conceição Araújo Müller Ñúñez' });
  });

  it('stores accents composed, whatever form the keyboard or file produced', () => {
    const decomposed = 'Jose\u0301 Anto\u0302nio';
    const result = parsePersonName(decomposed, MAX);
    expect(result).toEqual({ ok: true, value: 'José Antônio' });
  });

  it('accepts apostrophes, straight or typographic', () => {
    expect(parsePersonName("Ana D'Ávila", MAX)).toEqual({ ok: true, value: "Ana D'Ávila" });
    expect(parsePersonName('Pedro D’Oliveira', MAX)).toEqual({ ok: true, value: 'Pedro D’Oliveira' });
  });

  it('accepts hyphenated names', () => {
    expect(parsePersonName('Ana-Clara Silva-Santos', MAX)).toEqual({ ok: true, value: 'Ana-Clara Silva-Santos' });
  });

  it('accepts single-letter particles between words', () => {
    expect(parsePersonName('João E Silva', MAX)).toEqual({ ok: true, value: 'João E Silva' });
  });
});

describe('parsePersonName refuses what is not a name', () => {
  it.each(['Maria 2', 'Maria da Silva3', 'Maria@Silva', 'Ma. Silva', 'Maria_Silva', 'Maria (Silva)'])(
    'refuses %s: digits or symbols',
    (input) => {
      const result = parsePersonName(input, MAX);
      expect(result).toMatchObject({ ok: false, code: 'NAME_INVALID' });
      if (!result.ok) expect(result.message).toBe('Nome inválido: use apenas letras, espaços, apóstrofos e hífens.');
    },
  );

  it.each(["D''Ávila", 'Ana--Clara', "Ana ' Silva", 'Ana - Silva', "'Ana", 'Ana-'])('refuses %s: stray or doubled punctuation', (input) => {
    expect(parsePersonName(input, MAX)).toMatchObject({ ok: false, code: 'NAME_INVALID' });
  });

  it('refuses an empty or one-letter name, asking for the full name', () => {
    expect(parsePersonName('   ', MAX)).toMatchObject({ ok: false, code: 'NAME_INVALID', message: 'Nome inválido: informe o nome completo.' });
    expect(parsePersonName('A', MAX)).toMatchObject({ ok: false, code: 'NAME_INVALID' });
  });

  it('refuses a name longer than the field allows with VALUE_TOO_LONG', () => {
    const long = `Maria ${'a'.repeat(MAX)}`;
    expectRefusal(parsePersonName(long, MAX), 'VALUE_TOO_LONG', 'no máximo 120 caracteres');
  });

  it('measures the length after collapsing spaces', () => {
    const exactly = `Ana ${'b'.repeat(MAX - 4)}`;
    expect(exactly).toHaveLength(MAX);
    expect(parsePersonName(`  ${exactly.replace(' ', '     ')}  `, MAX)).toEqual({ ok: true, value: exactly });
    expect(parsePersonName(`${exactly}c`, MAX)).toMatchObject({ ok: false, code: 'VALUE_TOO_LONG' });
  });
});

describe('parseText', () => {
  it('trims and collapses spaces, keeping digits and punctuation', () => {
    expect(parseText('  Rua  7 de Setembro,   nº 12 ', 120)).toEqual({ ok: true, value: 'Rua 7 de Setembro, nº 12' });
  });

  it('refuses text longer than the field allows', () => {
    expect(parseText('x'.repeat(11), 10)).toMatchObject({ ok: false, code: 'VALUE_TOO_LONG' });
    expect(parseText('x'.repeat(10), 10)).toEqual({ ok: true, value: 'x'.repeat(10) });
  });

  it('refuses control characters that survive space collapsing', () => {
    expect(parseText('Rua\u0000 A', 120)).toMatchObject({ ok: false, code: 'VALUE_INVALID' });
    expect(parseText('Rua\u007f A', 120)).toMatchObject({ ok: false, code: 'VALUE_INVALID' });
    // C1 controls and the invisible bidirectional overrides that make a street read backwards on screen.
    expect(parseText('Rua\u009b A', 120)).toMatchObject({ ok: false, code: 'VALUE_INVALID' });
    expect(parseText('Rua \u202eA ed', 120)).toMatchObject({ ok: false, code: 'VALUE_INVALID' });
    expect(parseText('Rua \u2066A\u2069', 120)).toMatchObject({ ok: false, code: 'VALUE_INVALID' });
  });

  it('names the invisible character it refuses and where it is, so the clerk can find it', () => {
    expect(parseText('Rua Bela\u202e', 120)).toMatchObject({ ok: false, message: expect.stringMatching(/^Texto inválido: contém um caractere de controle invisível \(U\+202E, o 9º caractere\)/) });
    expect(parseText('Ação\u0007 12', 120)).toMatchObject({ ok: false, message: expect.stringContaining('(U+0007, o 5º caractere)') });
  });
});
