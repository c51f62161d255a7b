import { describe, expect, it } from 'vitest';
import { collapseSpaces, digitsOnly, foldForSearch } from '../../shared/text';

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
});
