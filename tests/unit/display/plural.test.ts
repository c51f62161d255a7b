// A count with the right word, never "(s)".
import { describe, expect, it } from 'vitest';
import { plural } from '../../../shared/display/plural';

describe('plural', () => {
  it('agrees in English for 0, 1 and 2', () => {
    expect(plural(0, 'correction', 'corrections')).toBe('0 corrections');
    expect(plural(1, 'correction', 'corrections')).toBe('1 correction');
    expect(plural(2, 'correction', 'corrections')).toBe('2 corrections');
  });

  it('agrees in Portuguese for 0, 1 and 2', () => {
    expect(plural(0, 'arquivo', 'arquivos')).toBe('0 arquivos');
    expect(plural(1, 'arquivo', 'arquivos')).toBe('1 arquivo');
    expect(plural(2, 'arquivo', 'arquivos')).toBe('2 arquivos');
    expect(plural(1, 'alteração', 'alterações')).toBe('1 alteração');
    expect(plural(3, 'alteração', 'alterações')).toBe('3 alterações');
  });

  it('writes the count with thousands dots and lets the words carry their verb', () => {
    expect(plural(1234567, 'caractere', 'caracteres')).toBe('1.234.567 caracteres');
    expect(plural(1, 'row changes', 'rows change')).toBe('1 row changes');
    expect(plural(2, 'row changes', 'rows change')).toBe('2 rows change');
  });
});
