// Masks the clerk sees while typing (how values read is tested in tests/unit/display).
import { describe, expect, it } from 'vitest';
import { maskCep, maskCpf, maskDate, parseCount } from '../../../renderer/lib/masks';

describe('input masks', () => {
  it('writes a CEP as 00000-000 while it is typed, ignoring anything but digits', () => {
    expect(['0', '01310', '013101', '01310100', '01310-1009'].map(maskCep)).toEqual(['0', '01310', '01310-1', '01310-100', '01310-1009']);
    expect(maskCep('01.310 100')).toBe('01310-100');
  });

  it('writes a date as dd/mm/aaaa while it is typed', () => {
    expect(['2', '24', '241', '2411', '24112', '24112026', '241120261'].map(maskDate)).toEqual([
      '2',
      '24',
      '24/1',
      '24/11',
      '24/11/2',
      '24/11/2026',
      '24/11/2026',
    ]);
  });

  it('turns a date pasted the ISO way into dd/mm/aaaa', () => {
    expect(maskDate('1990-11-24')).toBe('24/11/1990');
    expect(maskDate(' 1990-11-24T00:00:00 ')).toBe('24/11/1990');
  });

  it('writes a CPF as 000.000.000-00 while it is typed or pasted with spaces', () => {
    expect(['1', '1234', '1234567', '12345678909', '123456789091'].map(maskCpf)).toEqual(['1', '123.4', '123.456.7', '123.456.789-09', '123.456.789-091']);
    expect(maskCpf(' 123. 456. 789-09 ')).toBe('123.456.789-09');
    expect(maskCpf('123.456.789-')).toBe('123.456.789');
  });

  it('lets Backspace remove a separator: no slash or hyphen is added after the last digit', () => {
    expect(maskDate('24/')).toBe('24');
    expect(maskDate('24/11/')).toBe('24/11');
    expect(maskCep('01310-')).toBe('01310');
  });

  it('reads counts typed with thousands dots', () => {
    expect(parseCount('2.000')).toBe(2000);
    expect(parseCount('250000')).toBe(250000);
    expect(parseCount('')).toBeNull();
  });
});
