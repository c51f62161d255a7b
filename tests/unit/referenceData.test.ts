import { describe, expect, it } from 'vitest';
import { UFS } from '../../shared/domain';
import { AREA_CODE_LIST, isAreaCode } from '../../shared/reference/areaCodes';
import { MUNICIPALITY_COUNT, municipalityCode, municipalityOfCode } from '../../shared/reference/municipalities';

describe('the IBGE list of municípios shipped with the app', () => {
  it('holds every município of Brazil (5 570 plus Boa Esperança do Norte, 2023)', () => {
    expect(MUNICIPALITY_COUNT).toBe(5571);
    expect(municipalityCode('Boa Esperança do Norte', 'MT')).toBe('5101837');
  });

  it.each([
    ['São Paulo', 'SP', '3550308'],
    ['Rio de Janeiro', 'RJ', '3304557'],
    ['Brasília', 'DF', '5300108'],
    ["Santa Bárbara d'Oeste", 'SP', '3545803'],
    ["Pingo-d'Água", 'MG', '3150539'],
  ] as const)('knows %s/%s by its IBGE code %s', (name, uf, code) => {
    expect(municipalityCode(name, uf)).toBe(code);
    expect(municipalityOfCode(code)).toEqual({ name, uf });
  });

  it('gives every UF its municípios, each code starting with the UF’s IBGE number', () => {
    for (const uf of UFS) expect(municipalityCode('Nome Que Não Existe', uf)).toBeNull();
    expect(municipalityOfCode('3550308')?.uf).toBe('SP');
    expect(municipalityOfCode('9999999')).toBeNull();
  });

  it.each([
    ['SAO PAULO', 'SP'],
    ['sao paulo', 'SP'],
    ['São  Paulo', 'SP'],
    ['EMBU DAS ARTES', 'SP'],
    ['Santa Barbara D’Oeste', 'SP'],
    ['santa barbara d oeste', 'SP'],
    ['Mogi Mirim', 'SP'],
    ['Moji Mirim', 'SP'],
    ['ITAGUAI', 'RJ'],
    ['Pingo d’Agua', 'MG'],
  ] as const)('finds “%s” in %s whatever the case, accents, apostrophe or spacing', (name, uf) => {
    expect(municipalityCode(name, uf)).not.toBeNull();
  });

  it('does not take a município of another UF', () => {
    expect(municipalityCode('Niterói', 'SP')).toBeNull();
    expect(municipalityCode('Campinas', 'SP')).toBe('3509502');
    expect(municipalityCode('Campinas', 'RJ')).toBeNull();
  });
});

describe('the DDDs in use', () => {
  it('are the 67 codes of the ANATEL list', () => {
    expect(AREA_CODE_LIST).toHaveLength(67);
    for (const ddd of ['11', '19', '21', '22', '24', '27', '28', '38', '49', '51', '55', '69', '71', '77', '79', '89', '99']) expect(isAreaCode(ddd)).toBe(true);
  });

  it.each(['10', '20', '23', '25', '26', '29', '30', '36', '39', '40', '50', '52', '56', '60', '70', '72', '76', '78', '80', '90'])('does not include %s', (ddd) => {
    expect(isAreaCode(ddd)).toBe(false);
  });
});
