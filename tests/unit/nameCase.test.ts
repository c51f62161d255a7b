// The council's capitalisation of names, as the form suggests it.
import { describe, expect, it } from 'vitest';
import { capitalisationSuggestion, councilCapitalisation } from '../../shared/rules/nameCase';
import { casesOf } from './cases';

describe("the council's capitalisation of a name", () => {
  casesOf(councilCapitalisation, 'writes %j as %j', [
    // Each word of a name typed in capitals capitalised, with da/de/do/das/dos/e in lower case.
    ['MARIA DAS GRAÇAS DE SOUZA E SILVA', 'Maria das Graças de Souza e Silva'],
    ['joão do carmo dos santos', 'João do Carmo dos Santos'],
    // Apostrophes and hyphens kept, what follows them capitalised (D'Ávila, Maria-José).
    ["ANA D'ÁVILA", "Ana D'Ávila"],
    ['ana d’ávila', 'Ana D’Ávila'],
    ['maria-josé pereira', 'Maria-José Pereira'],
    // A particle that opens the name capitalised, and spaces collapsed.
    ['  da  silva ', 'Da Silva'],
  ]);

  it('offers nothing for an empty name or one already written so, and the suggestion otherwise', () => {
    expect(capitalisationSuggestion('')).toBeNull();
    expect(capitalisationSuggestion('Maria da Silva')).toBeNull();
    expect(capitalisationSuggestion('MARIA DA SILVA')).toBe('Maria da Silva');
  });
});
