// A count with the right word, never "(s)".
import { describe, expect, it } from 'vitest';
import { plural } from '../../../shared/display/plural';

describe('plural', () => {
  it.each([
    // Agrees in English for 0, 1 and 2.
    [0, 'correction', 'corrections', '0 corrections'],
    [1, 'correction', 'corrections', '1 correction'],
    [2, 'correction', 'corrections', '2 corrections'],
    // Agrees in Portuguese for 0, 1 and 2.
    [0, 'arquivo', 'arquivos', '0 arquivos'],
    [1, 'arquivo', 'arquivos', '1 arquivo'],
    [2, 'arquivo', 'arquivos', '2 arquivos'],
    [1, 'alteração', 'alterações', '1 alteração'],
    [3, 'alteração', 'alterações', '3 alterações'],
    // Writes the count with thousands dots and lets the words carry their verb.
    [1234567, 'caractere', 'caracteres', '1.234.567 caracteres'],
    [1, 'row changes', 'rows change', '1 row changes'],
    [2, 'row changes', 'rows change', '2 rows change'],
  ])('%i with "%s" / "%s" reads "%s"', (count, one, many, expected) => {
    expect(plural(count, one, many)).toBe(expected);
  });
});
