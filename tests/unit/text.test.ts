import { describe, expect, it } from 'vitest';
import { collapseSpaces, digitsOnly, foldForSearch, plainLine, terminalSafe } from '../../shared/text';

describe('text normalisation', () => {
  it('collapseSpaces trims and joins runs of spaces, tabs, line breaks and no-break spaces', () => {
    expect(collapseSpaces('  Maria\t\tda \n Silva\u00a0 ')).toBe('Maria da Silva');
  });

  it('foldForSearch finds "Conceição" whether typed with accents and capitals or not', () => {
    expect(foldForSearch('  CONCEIÇÃO   Araújo ')).toBe('conceicao araujo');
    expect(foldForSearch('Conceic\u0327a\u0303o')).toBe(foldForSearch('conceicao'));
  });

  it('digitsOnly keeps the digits of a formatted number', () => {
    expect(digitsOnly('529.982.247-25')).toBe('52998224725');
    expect(digitsOnly('sem número')).toBe('');
  });

  it('plainLine keeps the words of a message from elsewhere, without controls, escapes or text that reads backwards', () => {
    expect(plainLine(' E-mail\u0000 já\u001b[2J usado\u202e moc.liame\u2069\r\npor outra\u0085pessoa ')).toBe('E-mail já [2J usado moc.liame por outra pessoa');
    expect(plainLine('Nome divergente do CPF')).toBe('Nome divergente do CPF');
  });

  it('terminalSafe keeps lines, tabs and accents of the text a command prints, and drops what would drive the terminal', () => {
    expect(terminalSafe('Registro\t1000\nMensagem: a\u001b[31mb\u0007c\u009bd\u202ee\r\n')).toBe('Registro\t1000\nMensagem: a[31mbcde\n');
    expect(terminalSafe('Conceição → Não consta mãe')).toBe('Conceição → Não consta mãe');
  });
});
