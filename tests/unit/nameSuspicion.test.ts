import { describe, expect, it } from 'vitest';
import { nameSuspicion } from '../../shared/rules/nameSuspicion';

describe('names that look wrong on the DIP', () => {
  it.each(["D'Ávila Mendes", "Carla D'Ávila", "Pedro Sant'Anna", 'Maria das Graças Souza', 'João Batista dos Santos Filho', 'Ana Luíza de Sá', 'Ana Maria e Silva', 'Zoë Duarte'])(
    '“%s” looks like a full name',
    (name) => {
      expect(nameSuspicion(name)).toBeNull();
    },
  );

  it('flags a name of one word', () => {
    expect(nameSuspicion('Maria')).toContain('uma palavra só');
    expect(nameSuspicion("D'Ávila")).toContain('uma palavra só');
  });

  it.each([['da Silva', 'da'], ['Maria da', 'da'], ['Maria dos', 'dos'], ['DE Souza', 'DE'], ['Ana Souza e', 'e']])(
    'flags “%s”, which starts or ends with the particle “%s”',
    (name, particle) => {
      expect(nameSuspicion(name)).toContain(`“${particle}”`);
    },
  );

  it.each([['Mаria Souza', 'a Cyrillic а'], ['Ana Ѕouza', 'a Cyrillic Ѕ'], ['Αna Souza', 'a Greek Α']])('flags “%s”, which hides %s', (name) => {
    expect(nameSuspicion(name)).toContain('outro alfabeto');
  });
});
