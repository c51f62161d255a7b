// The council's capitalisation of names, as the form suggests it.
import { describe, expect, it } from 'vitest';
import { capitalisationSuggestion, councilCapitalisation } from '../../shared/rules/nameCase';

describe("the council's capitalisation of a name", () => {
  it('capitalises each word of a name typed in capitals, with da/de/do/das/dos/e in lower case', () => {
    expect(councilCapitalisation('MARIA DAS GRAÇAS DE SOUZA E SILVA')).toBe('Maria das Graças de Souza e Silva');
    expect(councilCapitalisation('joão do carmo dos santos')).toBe('João do Carmo dos Santos');
  });

  it("keeps apostrophes and hyphens, capitalising what follows them (D'Ávila, Maria-José)", () => {
    expect(councilCapitalisation("ANA D'ÁVILA")).toBe("Ana D'Ávila");
    expect(councilCapitalisation('ana d’ávila')).toBe('Ana D’Ávila');
    expect(councilCapitalisation('maria-josé pereira')).toBe('Maria-José Pereira');
  });

  it('capitalises a particle that opens the name, and collapses spaces', () => {
    expect(councilCapitalisation('  da  silva ')).toBe('Da Silva');
  });

  it('offers nothing for an empty name or one already written so, and the suggestion otherwise', () => {
    expect(capitalisationSuggestion('')).toBeNull();
    expect(capitalisationSuggestion('Maria da Silva')).toBeNull();
    expect(capitalisationSuggestion('MARIA DA SILVA')).toBe('Maria da Silva');
  });
});
