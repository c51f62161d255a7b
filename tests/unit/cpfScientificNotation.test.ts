// A CPF a spreadsheet held as a number and wrote in scientific notation is refused either way, but
// what the clerk is told depends on what the notation shows: 7,23483E+10 lost five digits;
// 1,7333421848E+10 shows all eleven, and saying digits were lost would send her looking for them.
import { describe, expect, it } from 'vitest';
import { parseCpf } from '../../shared/rules/cpf';

function refusal(text: string): string {
  const parsed = parseCpf(text);
  if (parsed.ok) throw new Error(`${text} was accepted`);
  expect(parsed.code).toBe('CPF_INVALID');
  return parsed.message;
}

describe('a CPF in scientific notation', () => {
  it.each(['1,7333421848E+10', '1.7333421848E+10', '1,7333421848e10', '17,333421848E+09', '1,734567891E+09'])(
    'showing all its digits (%s) is refused as written in scientific notation, not as having lost digits',
    (text) => {
      const message = refusal(text);
      expect(message).toBe(
        `CPF em notação científica (${text}): a planilha guardou o CPF como número, e um CPF escrito assim não é aceito, mesmo com todos os dígitos. Formate a coluna como Texto e digite o CPF de novo.`,
      );
      expect(message).not.toMatch(/perdeu dígitos/);
    },
  );

  it.each(['7,23483E+10', '5.29982E10', '1,733342184E+10', '1,7E+10'])('showing fewer digits than the number has (%s) still says digits were lost', (text) => {
    expect(refusal(text)).toBe(`CPF em notação científica (${text}): a planilha guardou o CPF como número e perdeu dígitos. Formate a coluna como Texto e digite o CPF de novo.`);
  });
});
