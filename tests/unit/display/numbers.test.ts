// Numbers as people in Brazil write them, the same as the browser's and Node's own pt-BR form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatFileSize } from '../../../shared/display/numbers';

describe('formatCount', () => {
  it.each([
    [1234567, '1.234.567'],
    [250000, '250.000'],
    [999, '999'],
    [0, '0'],
    [-1234, '-1.234'],
  ])('groups thousands with dots: %i is %s', (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });

  it('writes any whole number as toLocaleString("pt-BR") does', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => formatCount(n) === n.toLocaleString('pt-BR')));
  });
});

describe('formatDecimal', () => {
  it.each([
    [1.5, undefined, '1,5'],
    [1.25, undefined, '1,3'],
    [2, undefined, '2'],
    [1234.56, undefined, '1.234,6'],
    [3.14159, 2, '3,14'],
  ])('writes a decimal comma, one decimal by default and none when it is zero: %d (decimals %s) is %s', (n, decimals, expected) => {
    expect(formatDecimal(n, decimals)).toBe(expected);
  });
});

describe('formatFileSize', () => {
  it.each([
    [0, '1 KB'],
    [500, '1 KB'],
    [1536, '2 KB'],
    [1023 * 1024, '1.023 KB'],
    [1024 * 1024, '1 MB'],
    [34.25 * 1024 * 1024, '34,3 MB'],
    [1.5 * 1024 * 1024 * 1024, '1,5 GB'],
  ])('says whole KB (at least 1), then MB and GB with one decimal: %i bytes are %s', (bytes, expected) => {
    expect(formatFileSize(bytes)).toBe(expected);
  });
});
