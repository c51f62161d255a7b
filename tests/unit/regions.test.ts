import { describe, expect, it } from 'vitest';
import { UFS } from '../../shared/domain';
import { REGIONS, regionCode, regionLabel, regionUf } from '../../shared/regions';

describe('CRESS regions', () => {
  it('has 27 regions numbered 1 to 27', () => {
    expect(REGIONS).toHaveLength(27);
    expect(REGIONS.map((r) => r.region).sort((a, b) => a - b)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
  });

  it('gives each UF to exactly one region', () => {
    expect(REGIONS.map((r) => r.uf).sort()).toEqual([...UFS].sort());
  });

  it('maps well-known regions to their UF', () => {
    expect(regionUf(9)).toBe('SP');
    expect(regionUf(7)).toBe('RJ');
    expect(regionUf(8)).toBe('DF');
    expect(regionUf(1)).toBe('PA');
    expect(regionUf(28)).toBeNull();
  });

  it('codes a region with two digits for file names', () => {
    expect(regionCode(9)).toBe('CRESS09');
    expect(regionCode(27)).toBe('CRESS27');
  });

  it('labels a region in Portuguese with its ordinal and UF', () => {
    expect(regionLabel(9)).toBe('CRESS 9ª Região (SP)');
    expect(regionLabel(15)).toBe('CRESS 15ª Região (AM)');
    expect(regionLabel(99)).toBe('CRESS 99ª Região');
  });
});
