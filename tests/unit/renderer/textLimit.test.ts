// A text's limit as the clerk reads it: counted as saved (trimmed), in Brazilian numbers, said only
// past the limit, and counted on screen once the text nears it.
import { describe, expect, it } from 'vitest';
import { lengthCounter, tooLongError } from '../../../renderer/lib/textLimit';

describe('a text past its limit', () => {
  it('is said too long with the limit and its length, in Brazilian numbers; at the limit it is fine', () => {
    expect(tooLongError('O que aconteceu', 'a'.repeat(4000), 4000)).toBeNull();
    expect(tooLongError('O que aconteceu', 'a'.repeat(4001), 4000)).toBe('O que aconteceu: texto muito longo, no máximo 4.000 caracteres (tem 4.001).');
  });

  it('counts what is saved: spaces around the text do not make it too long', () => {
    expect(tooLongError('Nome informado', `  ${'a'.repeat(200)}\n`, 200)).toBeNull();
  });
});

describe('a text near its limit', () => {
  it('shows how many characters it has of how many from four fifths of the limit on', () => {
    expect(lengthCounter('a'.repeat(3199), 4000)).toBeNull();
    expect(lengthCounter('a'.repeat(3200), 4000)).toBe('3.200 de 4.000 caracteres');
  });
});
