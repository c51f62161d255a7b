// The council's capitalisation of a person's name, offered to the clerk as a suggestion (never
// applied on its own: a name is kept as typed): each word with a capital initial, the particles
// da, de, do, das, dos and e in lower case, and the letter after an apostrophe or hyphen
// capitalised too (D'Ávila, Maria-José).
import { collapseSpaces } from '../text';

const LOWER_PARTICLES: ReadonlySet<string> = new Set(['da', 'de', 'do', 'das', 'dos', 'e']);

function capitalised(part: string): string {
  const lower = part.toLocaleLowerCase('pt-BR');
  return lower.charAt(0).toLocaleUpperCase('pt-BR') + lower.slice(1);
}

/** One word: each piece between apostrophes and hyphens capitalised ("d'ávila" → "D'Ávila"). */
function capitaliseWord(word: string): string {
  return word
    .split(/(['’-])/u)
    .map((piece, i) => (i % 2 === 1 ? piece : capitalised(piece)))
    .join('');
}

/** The name as the council writes it; the first word is capitalised even when it is a particle. */
export function councilCapitalisation(name: string): string {
  const words = collapseSpaces(name.normalize('NFC')).split(' ');
  return words
    .map((word, i) => {
      const lower = word.toLocaleLowerCase('pt-BR');
      return i > 0 && LOWER_PARTICLES.has(lower) ? lower : capitaliseWord(word);
    })
    .join(' ');
}

/** The suggestion for a typed name, or null when there is none to offer (empty, or already so written). */
export function capitalisationSuggestion(typed: string): string | null {
  if (typed.trim() === '') return null;
  const suggested = councilCapitalisation(typed);
  return suggested === collapseSpaces(typed.normalize('NFC')) ? null : suggested;
}
