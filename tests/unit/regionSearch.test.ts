// The council list on the first screen finds the clerk's CRESS by the number or the UF typed.
import { describe, expect, it } from 'vitest';
import { regionLabel } from '../../shared/regions';
import { findRegions } from '../../renderer/lib/regionSearch';

const labels = (typed: string) => findRegions(typed).map((r) => regionLabel(r.region));

describe('finding a CRESS as it is typed', () => {
  it('lands on the council of the number typed, whatever words come with it', () => {
    for (const typed of ['9', 'CRESS 9', 'cress 9ª', '9ª Região', ' 9 ']) expect(labels(typed)[0]).toBe('CRESS 9ª Região (SP)');
    expect(labels('CRESS 2')[0]).toBe('CRESS 2ª Região (MA)');
  });

  it('lists the exact number first, then the numbers it starts', () => {
    expect(labels('1').slice(0, 3)).toEqual(['CRESS 1ª Região (PA)', 'CRESS 10ª Região (RS)', 'CRESS 11ª Região (PR)']);
    expect(labels('27')).toEqual(['CRESS 27ª Região (RR)']);
    expect(labels('99')).toEqual([]);
  });

  it('finds a council by its UF, in any case', () => {
    expect(labels('sp')).toEqual(['CRESS 9ª Região (SP)']);
    expect(labels('MA')).toEqual(['CRESS 2ª Região (MA)']);
  });

  it('lists every council before anything is typed', () => {
    expect(findRegions('')).toHaveLength(27);
  });
});
