// Looking a record up by CPF (the command line's CPF-or-registration, a corrections file's key, the
// search box's exact match) follows the one rule parseCpf follows for a CPF that lost its leading
// zeros in a number cell, and reads a key as it looks, without the characters that take no room.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { cpfKeyOf } from '../../db/registry';
import { cpfCheckDigits, parseCpf } from '../../shared/rules/cpf';
import type { Professional } from '../../shared/domain';
import { addProfessional, openBatchDesk, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

const find = (key: string) => desk.handlers['registry:find']({ key }) as Professional | null;

describe('a lookup by a CPF held as a number', () => {
  it('finds a CPF that lost three or more leading zeros, as its text form finds it', () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store, { registrationNumber: '00123', cpf: '00014089173' });
    for (const key of ['14089173', '00014089173', '000.140.891-73']) expect(find(key)?.id, key).toBe(maria.id);
  });

  it('is found by the key the way parseCpf reads the number, for any valid CPF', () => {
    // Nine digits with up to eight leading zeros, and their check digits.
    const cpfWithZeros = fc
      .oneof(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999_999 }))
      .map((n) => String(n).padStart(9, '0'))
      .map((nine) => nine + cpfCheckDigits(nine))
      .filter((cpf) => !/^(\d)\1{10}$/.test(cpf));
    fc.assert(
      fc.property(cpfWithZeros, (cpf) => {
        const asNumber = String(Number(cpf));
        expect(parseCpf(asNumber)).toEqual({ ok: true, value: cpf });
        expect(cpfKeyOf(asNumber)).toBe(cpf);
      }),
    );
  });

  it('does not pad what parseCpf would not: a typed CPF missing digits, a short typo', () => {
    expect(cpfKeyOf('140.891-73')).toBeNull();
    expect(cpfKeyOf('14089174')).toBeNull();
    // 9 or 10 digits of a number cell are padded whatever their check digits (the registry may hold a wrong CPF).
    expect(cpfKeyOf('123456789')).toBe('00123456789');
  });
});

describe('a lookup key carrying a character that takes no room', () => {
  it('finds the record by CPF and by registration number', () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store, { registrationNumber: '00123', cpf: '52998224725' });
    for (const key of ['529.982\u200b.247-25', '\ufeff52998224725', '529\u00ad982\u00ad247\u00ad25', '\u00a0529.982.247-25\u00a0', '00123\u200b', '\u206000123']) {
      expect(find(key)?.id, JSON.stringify(key)).toBe(maria.id);
    }
  });
});
