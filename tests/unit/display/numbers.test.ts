// Numbers as people in Brazil write them, the same as the browser's and Node's own pt-BR form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatFileSize } from '../../../shared/display/numbers';

describe('formatCount', () => {
  it('groups thousands with dots', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(250000)).toBe('250.000');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(-1234)).toBe('-1.234');
  });

  it('writes any whole number as toLocaleString("pt-BR") does', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => formatCount(n) === n.toLocaleString('pt-BR')));
  });
});

describe('formatDecimal', () => {
  it('writes a decimal comma, one decimal by default and none when it is zero', () => {
    expect(formatDecimal(1.5)).toBe('1,5');
    expect(formatDecimal(1.25)).toBe('1,3');
    expect(formatDecimal(2)).toBe('2');
    expect(formatDecimal(1234.56)).toBe('1.234,6');
    expect(formatDecimal(3.14159, 2)).toBe('3,14');
  });
});

describe('formatFileSize', () => {
  it('says whole KB (at least 1), then MB and GB with one decimal', () => {
    expect(formatFileSize(0)).toBe('1 KB');
    expect(formatFileSize(500)).toBe('1 KB');
    expect(formatFileSize(1536)).toBe('2 KB');
    expect(formatFileSize(1023 * 1024)).toBe('1.023 KB');
    expect(formatFileSize(1024 * 1024)).toBe('1 MB');
    expect(formatFileSize(34.25 * 1024 * 1024)).toBe('34,3 MB');
    expect(formatFileSize(1.5 * 1024 * 1024 * 1024)).toBe('1,5 GB');
  });
});
