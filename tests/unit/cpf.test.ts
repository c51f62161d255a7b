// CPFs as clerks and spreadsheets write them, checked against the Receita Federal's own algorithm.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpfCheckDigits, formatCpf, isValidCpf, maskCpf, parseCpf } from '../../shared/rules/cpf';
import { parseFieldValue } from '../../shared/rules/fieldValue';
import { casesOf } from './cases';
import { expectRefusal } from './refusal';

// The Receita Federal algorithm written out independently of the rule under test:
// first check digit over the nine digits with weights 10..2, second over ten digits with weights 11..2,
// each being 11 - (sum mod 11), or 0 when the remainder is 0 or 1.
function referenceCheckDigits(nine: string): string {
  const body = nine.split('').map(Number);
  const first = checkDigit(body, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit([...body, first], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return `${first}${second}`;
}

function checkDigit(digits: number[], weights: number[]): number {
  const sum = digits.reduce((total, digit, i) => total + digit * (weights[i] ?? 0), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const nineDigits = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
  .map((digits) => digits.join(''))
  .filter((nine) => !/^(\d)\1{8}$/.test(nine));

const validCpf = nineDigits.map((nine) => nine + referenceCheckDigits(nine));

/** `parseCpf` refuses `input` as CPF_INVALID, its message containing `messagePart`. */
const expectRefused = (input: string | number, messagePart: string) => expectRefusal(parseCpf(input), 'CPF_INVALID', messagePart);

describe('parseCpf accepts valid CPFs', () => {
  it.each(['52998224725', '11144477735', '12345678909'])('accepts the well-known valid CPF %s', (cpf) => {
    expect(parseCpf(cpf)).toEqual({ ok: true, value: cpf });
  });

  it('accepts CPFs whose check digits were computed independently', () => {
    for (const nine of ['987654321', '314159265', '271828182', '100200300', '555444333']) {
      const cpf = nine + referenceCheckDigits(nine);
      expect(parseCpf(cpf)).toEqual({ ok: true, value: cpf });
    }
  });

  it('ignores punctuation and surrounding spaces', () => {
    expect(parseCpf('529.982.247-25')).toEqual({ ok: true, value: '52998224725' });
    expect(parseCpf('  529 982 247 25 ')).toEqual({ ok: true, value: '52998224725' });
    expect(parseCpf('529982247/25')).toEqual({ ok: true, value: '52998224725' });
  });

  it('left-pads 10 digits, as a spreadsheet number cell leaves a CPF starting with one zero', () => {
    expect(parseCpf('1234567890')).toEqual({ ok: true, value: '01234567890' });
    expect(parseCpf(1234567890)).toEqual({ ok: true, value: '01234567890' });
  });

  it('left-pads 9 digits, restoring a CPF starting with "00"', () => {
    expect(referenceCheckDigits('001234567')).toBe('97');
    expect(parseCpf('123456797')).toEqual({ ok: true, value: '00123456797' });
    expect(parseCpf(123456797)).toEqual({ ok: true, value: '00123456797' });
  });

  it('restores a valid CPF that lost three or more leading zeros', () => {
    expect(parseCpf(12345601)).toEqual({ ok: true, value: '00012345601' });
    expect(parseCpf('191')).toEqual({ ok: true, value: '00000000191' });
  });
});

describe('parseCpf refuses invalid CPFs in Portuguese', () => {
  it('refuses wrong check digits', () => {
    expectRefused('529.982.247-26', 'dígitos verificadores não conferem');
    expectRefused('52998224752', 'dígitos verificadores não conferem');
  });

  it.each(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])('refuses the all-"%s" CPF although it passes mod 11', (digit) => {
    const cpf = digit.repeat(11);
    expect(referenceCheckDigits(cpf.slice(0, 9))).toBe(cpf.slice(9));
    expectRefused(cpf, 'todos os dígitos são iguais');
    expect(isValidCpf(cpf)).toBe(false);
  });

  it('refuses letters', () => {
    expectRefused('529.982.247-2A', 'use apenas números');
    expectRefused('CPF 52998224725', 'use apenas números');
  });

  it('says a CPF in scientific notation lost its digits in the spreadsheet, as Excel writes such a number in a CSV', () => {
    expectRefused('7,23483E+10', 'CPF em notação científica (7,23483E+10): a planilha guardou o CPF como número e perdeu dígitos');
    expectRefused('5.29982E10', 'Formate a coluna como Texto');
  });

  it('never pads a CPF written with dots or a hyphen: a digit is missing somewhere, not always a leading zero', () => {
    expectRefused('123.456.789-0', 'CPF incompleto: 123.456.789-0 tem 10 dígitos');
    expectRefused('12.345.678-90', 'tem 10 dígitos');
    expectRefused('1234567-97', 'tem 9 dígitos');
    // Bare digits are a number cell's: its leading zeros are restored as before.
    expect(parseCpf('1234567890')).toEqual({ ok: true, value: '01234567890' });
  });

  it('typed by a person (a correction), never pads bare digits either: the CPF is refused as incomplete', () => {
    expect(parseFieldValue('cpf', '1234567890', { typed: true })).toMatchObject({ ok: false, code: 'CPF_INVALID', message: expect.stringMatching(/^CPF incompleto: 1234567890 tem 10 dígitos/) });
    expect(parseFieldValue('cpf', '01234567890', { typed: true })).toEqual({ ok: true, value: '01234567890' });
    // Read from a spreadsheet, the zero a number cell dropped is still put back.
    expect(parseFieldValue('cpf', '1234567890')).toEqual({ ok: true, value: '01234567890' });
  });

  it('refuses too many digits and says how many were given', () => {
    expectRefused('529982247250', 'deve ter 11 dígitos (tem 12)');
    // A column of numbers pasted into one cell: the count is written as the rest of the text writes numbers.
    expectRefused('5'.repeat(1200), 'deve ter 11 dígitos (tem 1.200)');
  });

  it('refuses short numbers that are not a valid CPF once padded, saying how many digits were given', () => {
    expectRefused('12345678', 'deve ter 11 dígitos (tem 8)');
    expectRefused('', 'deve ter 11 dígitos (tem 0)');
  });
});

describe('formatting', () => {
  casesOf(formatCpf, 'formats digits as 000.000.000-00: %s is %s', [
    ['52998224725', '529.982.247-25'],
    ['00123456797', '001.234.567-97'],
  ]);

  casesOf(maskCpf, 'masks %s as %s', [
    // A CPF for lists shows only the middle six digits.
    ['12345678909', '***.456.789-**'],
    ['52998224725', '***.982.247-**'],
    // A malformed value is masked entirely rather than leaked.
    ['123', '***.***.***-**'],
  ]);
});

describe('CPF properties', () => {
  it('nine digits plus cpfCheckDigits is a CPF that parses and survives formatting', () => {
    fc.assert(
      fc.property(nineDigits, (nine) => {
        const check = cpfCheckDigits(nine);
        expect(check).toBe(referenceCheckDigits(nine));
        const cpf = nine + check;
        expect(parseCpf(cpf)).toEqual({ ok: true, value: cpf });
        expect(parseCpf(formatCpf(cpf))).toEqual({ ok: true, value: cpf });
      }),
    );
  });

  it('changing either check digit always makes the CPF invalid', () => {
    fc.assert(
      fc.property(validCpf, fc.integer({ min: 9, max: 10 }), fc.integer({ min: 1, max: 9 }), (cpf, position, shift) => {
        const changed = (Number(cpf[position]) + shift) % 10;
        const typo = cpf.slice(0, position) + changed + cpf.slice(position + 1);
        expect(parseCpf(typo).ok).toBe(false);
      }),
    );
  });

  it('changing any one digit makes the CPF invalid whenever its first check digit is not 0', () => {
    fc.assert(
      fc.property(
        validCpf.filter((cpf) => cpf[9] !== '0'),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (cpf, position, shift) => {
          const changed = (Number(cpf[position]) + shift) % 10;
          const typo = cpf.slice(0, position) + changed + cpf.slice(position + 1);
          expect(parseCpf(typo).ok).toBe(false);
        },
      ),
    );
  });

  it('follows the official algorithm even where it cannot see a typo (first check digit 0)', () => {
    // 551.127.559-03 and 651.127.559-03 are both valid for the Receita Federal: remainders 0 and 1
    // give the same check digit, so the app must accept both rather than invent a stricter rule.
    expect(referenceCheckDigits('551127559')).toBe('03');
    expect(referenceCheckDigits('651127559')).toBe('03');
    expect(parseCpf('551.127.559-03').ok).toBe(true);
    expect(parseCpf('651.127.559-03').ok).toBe(true);
  });

  it('a valid CPF whose leading zeros a number cell dropped parses back to itself', () => {
    const withLeadingZeros = fc
      .tuple(fc.integer({ min: 1, max: 8 }), nineDigits)
      .map(([zeros, nine]) => '0'.repeat(zeros) + nine.slice(zeros))
      .filter((nine) => !/^(\d)\1{8}$/.test(nine))
      .map((nine) => nine + referenceCheckDigits(nine));
    fc.assert(
      fc.property(fc.oneof(validCpf, withLeadingZeros), (cpf) => {
        expect(parseCpf(Number(cpf))).toEqual({ ok: true, value: cpf });
        expect(parseCpf(String(Number(cpf)))).toEqual({ ok: true, value: cpf });
      }),
    );
  });
});
