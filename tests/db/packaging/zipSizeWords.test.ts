// A zip refused for its sizes (a bomb given as Implanta's answer, a backup, a lote) is said in
// sizes a clerk reads — "512 MB", "2 GB" — not in raw byte counts of nine or ten digits.
import { describe, expect, it } from 'vitest';
import { ZipFault } from '../../../db/zip/faults';
import { zipErrorOf } from '../../../db/zip/zipError';

function words(kind: ConstructorParameters<typeof ZipFault>[0], facts: ConstructorParameters<typeof ZipFault>[1]): string {
  return (zipErrorOf(new ZipFault(kind, facts)) as Error).message;
}

describe('sizes in zip refusals', () => {
  it('says the limit of the whole zip in MB or GB', () => {
    const message = words('too-large', { limit: 536_870_912 });
    expect(message).toContain('512 MB');
    expect(message).not.toMatch(/\d{6,}/);
  });

  it('says an implausible compression ratio in sizes and as a ratio', () => {
    const message = words('ratio', { entry: 'bag/data/banco.sqlite', size: 2_097_152_000, compressedSize: 2_038_341 });
    expect(message).toContain('bag/data/banco.sqlite');
    expect(message).toContain('2 GB');
    expect(message).toContain('1,9 MB');
    expect(message).not.toMatch(/\d{6,}/);
  });

  it('says the size of an entry too large to read', () => {
    const message = words('entry-too-large', { entry: 'bag/bag-info.txt', size: 3_221_225_472 });
    expect(message).toContain('3 GB');
    expect(message).not.toMatch(/\d{6,}/);
  });

  it('writes counts of entries with thousands separated', () => {
    expect(words('too-many-entries', { count: 70_000, limit: 10_000 })).toBe('O zip tem 70.000 arquivos, mais do que os 10.000 aceitos.');
  });

  it('writes the byte counts of an entry whose size differs from the index with thousands separated', () => {
    expect(words('size-mismatch', { entry: 'corrections.csv', produced: 12_345, size: 12_288 })).toBe('O arquivo zip está danificado ("corrections.csv" tem 12.345 bytes, o índice declara 12.288).');
  });
});
