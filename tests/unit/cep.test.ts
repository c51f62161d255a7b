// CEPs as clerks and spreadsheets write them, and the UF each one belongs to by the ranges file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cepRanges from '../../resources/cep-ranges.json';
import { UFS, type Uf } from '../../shared/domain';
import { cepBelongsToUf, cepRangesOf, formatCep, parseCep, ufOfCep } from '../../shared/rules/cep';
import { casesOf } from './cases';
import { expectRefusal } from './refusal';

const RANGES = cepRanges.ranges as unknown as Record<string, [string, string][]>;
const prefix = (n: number) => String(n).padStart(5, '0');
const cepOf = (prefixDigits: string, suffix = '000') => `${prefixDigits}${suffix}`;

/** `parseCep` accepts `input` as the CEP `digits`. */
const expectRead = (input: string | number, digits: string) => expect(parseCep(input)).toEqual({ ok: true, value: digits });
/** `parseCep` refuses `input` as CEP_INVALID. */
const expectInvalid = (input: string) => expect(parseCep(input)).toMatchObject({ ok: false, code: 'CEP_INVALID' });

describe('parseCep', () => {
  it('accepts 8 digits with or without the hyphen', () => {
    expectRead('01310-100', '01310100');
    expectRead('01310100', '01310100');
    expectRead(' 70.040-010 ', '70040010');
  });

  it('restores the leading zero a spreadsheet number cell dropped (7 digits)', () => {
    expectRead('1310100', '01310100');
    expectRead(1310100, '01310100');
  });

  it.each(['013101', '131010', '013101000', '1234'])('refuses %s: wrong number of digits', (input) => {
    expectRefusal(parseCep(input), 'CEP_INVALID', 'deve ter 8 dígitos');
  });

  it('says how many digits a long paste had, with a thousands dot', () => {
    expectRefusal(parseCep('1'.repeat(1500)), 'CEP_INVALID', 'deve ter 8 dígitos (tem 1.500)');
  });

  it('refuses letters', () => {
    expectInvalid('0131O-100');
    expectInvalid('CEP 01310-100');
  });

  it('refuses 00000-000', () => {
    expectInvalid('00000-000');
  });

  it.each(['00123-456', '00999999', '0012345'])('refuses %s: no CEP starts with 00', (input) => {
    expectRefusal(parseCep(input), 'CEP_INVALID', 'nenhum CEP começa com 00');
  });

  it('refuses a 7-digit CEP typed with a hyphen or dot instead of padding it into another CEP', () => {
    expectRefusal(parseCep('13083-87'), 'CEP_INVALID', 'CEP incompleto: 13083-87 tem 7 dígitos');
    expectInvalid('1.308.387');
  });

  it('still restores the lost zero of 7 bare digits, typed or as a spreadsheet number', () => {
    expectRead(' 1308387 ', '01308387');
    expectRead(1308387, '01308387');
  });

  it('formats 8 digits as 00000-000 and leaves anything else as it is', () => {
    expect(formatCep('01310100')).toBe('01310-100');
    expect(formatCep('0131')).toBe('0131');
  });
});

describe('the UF of a CEP', () => {
  it('the ranges file covers every UF', () => {
    expect(Object.keys(RANGES).sort()).toEqual([...UFS].sort());
  });

  for (const uf of UFS) {
    it(`${uf}: the first and last prefix of each range belong to ${uf}, the ones just outside do not`, () => {
      const ranges = RANGES[uf] ?? [];
      expect(ranges.length).toBeGreaterThan(0);
      for (const [from, to] of ranges) {
        for (const cep of [cepOf(from), cepOf(to, '999')]) {
          expect(ufOfCep(cep)).toBe(uf);
          expect(cepBelongsToUf(cep, uf)).toBe(true);
        }
        const before = Number(from) - 1;
        const after = Number(to) + 1;
        if (before >= 0) expect(cepBelongsToUf(cepOf(prefix(before), '999'), uf)).toBe(false);
        if (after <= 99999) expect(cepBelongsToUf(cepOf(prefix(after)), uf)).toBe(false);
      }
    });
  }

  casesOf(ufOfCep, 'at the edges of interleaved ranges and at well-known addresses: %s is in %s', [
    // AM owns two ranges split by RR.
    ['69299999', 'AM'],
    ['69300000', 'RR'],
    ['69399999', 'RR'],
    ['69400000', 'AM'],
    ['69899999', 'AM'],
    ['69900000', 'AC'],
    // DF and GO interleave.
    ['72799999', 'DF'],
    ['72800000', 'GO'],
    ['72999999', 'GO'],
    ['73000000', 'DF'],
    ['73699999', 'DF'],
    ['73700000', 'GO'],
    ['76799999', 'GO'],
    ['76800000', 'RO'],
    // Well-known addresses fall in their UF.
    ['01310100', 'SP'], // Av. Paulista
    ['20040020', 'RJ'],
    ['70040010', 'DF'],
    ['90010000', 'RS'],
  ]);

  it('a CEP below the first range belongs to no UF', () => {
    expect(ufOfCep('00999999')).toBeNull();
    for (const uf of UFS) expect(cepBelongsToUf('00999999', uf)).toBe(false);
  });

  it('cepRangesOf gives the ranges of the data file', () => {
    expect(cepRangesOf('AM')).toEqual([
      ['69000', '69299'],
      ['69400', '69899'],
    ]);
  });
});

describe('CEP properties', () => {
  const rangeEntries = Object.entries(RANGES).flatMap(([uf, ranges]) =>
    ranges.map(([from, to]) => ({ uf: uf as Uf, from: Number(from), to: Number(to) })),
  );

  it('every CEP inside a UF range belongs to that UF and to no other', () => {
    const cepInRange = fc
      .constantFrom(...rangeEntries)
      .chain((range) =>
        fc.tuple(fc.constant(range.uf), fc.integer({ min: range.from, max: range.to }), fc.integer({ min: 0, max: 999 })),
      );
    fc.assert(
      fc.property(cepInRange, ([uf, head, tail]) => {
        const cep = prefix(head) + String(tail).padStart(3, '0');
        expect(ufOfCep(cep)).toBe(uf);
        expect(UFS.filter((other) => cepBelongsToUf(cep, other))).toEqual([uf]);
      }),
    );
  });

  it('any CEP belongs to at most one UF, and ufOfCep agrees with cepBelongsToUf', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const cep = String(n).padStart(8, '0');
        const owners = UFS.filter((uf) => cepBelongsToUf(cep, uf));
        expect(owners.length).toBeLessThanOrEqual(1);
        expect(ufOfCep(cep)).toBe(owners[0] ?? null);
      }),
    );
  });

  it('formatCep then parseCep gives back the same digits for every CEP that can exist (from 01000-000)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 99_999_999 }), (n) => {
        const cep = String(n).padStart(8, '0');
        expect(parseCep(formatCep(cep))).toEqual({ ok: true, value: cep });
      }),
    );
  });
});
