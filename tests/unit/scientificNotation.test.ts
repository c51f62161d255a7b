// A number a spreadsheet wrote in scientific notation is refused whatever it holds, but the message
// says digits were lost only when the notation shows fewer than the number has: one rule
// (scientificDigitsLost) decides it for the CPF and for every other number alike.
import { describe, expect, it } from 'vitest';
import { parseFieldValue } from '../../shared/rules/fieldValue';
import { AS_CPF, scientificDigitsLost, scientificNotationCause, scientificNotationProblem } from '../../shared/rules/scientificNotation';

function refusal(field: 'phone' | 'cep', text: string): string {
  const parsed = parseFieldValue(field, text);
  if (parsed.ok) throw new Error(`${text} was accepted`);
  return parsed.message;
}

describe('whether a number in scientific notation lost digits', () => {
  it.each(['1,7333421848E+10', '1.7333421848e10', '17,333421848E+09', '1,1959147412E+10', '0,5E+1', ' 1,96465E+05 '])('%s shows them all', (text) => {
    expect(scientificDigitsLost(text)).toBe(false);
  });

  it.each(['1,73334E+10', '7,23483E+10', '1,7E+10', '1,19877E+10', '1,96465E+06'])('%s lost some', (text) => {
    expect(scientificDigitsLost(text)).toBe(true);
  });

  it('the cause follows the rule, in the words of the CPF or of any number', () => {
    expect(scientificNotationCause('1,73334E+10', AS_CPF)).toBe('a planilha guardou o CPF como número e perdeu dígitos');
    expect(scientificNotationCause('1,7333421848E+10', AS_CPF)).toBe('a planilha guardou o CPF como número, e um CPF escrito assim não é aceito, mesmo com todos os dígitos');
    expect(scientificNotationProblem('1,19877E+10')).toBe('em notação científica (1,19877E+10): a planilha guardou o número como número e perdeu dígitos. Formate a coluna como Texto e digite o valor de novo.');
  });
});

describe('a phone in scientific notation', () => {
  it('showing all its digits is refused without saying digits were lost', () => {
    const message = refusal('phone', '1,1959147412E+10');
    expect(message).toBe(
      'Telefone em notação científica (1,1959147412E+10): a planilha guardou o número como número, e um valor escrito assim não é aceito, mesmo com todos os dígitos. Formate a coluna como Texto e digite o valor de novo.',
    );
    expect(message).not.toMatch(/perdeu dígitos/);
  });

  it('showing fewer digits says they were lost', () => {
    expect(refusal('phone', '1,19877E+10')).toMatch(/^Telefone em notação científica \(1,19877E\+10\): a planilha guardou o número como número e perdeu dígitos\./);
  });
});
