// Seed case G: a name that passes the character rule but is probably wrong on the DIP — one word
// only, a particle left at an end ("da Silva", "Maria da"), or letters of another script mixed into
// a Latin name (a Cyrillic "а" that looks like "a"). Apostrophes and hyphens inside a word
// (D'Ávila, Sant'Anna, Pingo-d'Água) are normal Portuguese spelling.

const PARTICLES: ReadonlySet<string> = new Set(['da', 'das', 'de', 'do', 'dos', 'du', 'di', 'del', 'e', 'y', "d'", 'd’']);
const MAX_PARTICLE_LENGTH = 3;

function isParticle(word: string): boolean {
  return word.length <= MAX_PARTICLE_LENGTH && PARTICLES.has(word.toLowerCase());
}

const LATIN_LETTER = /\p{Script=Latin}/u;
/** Anything past Latin Extended-B: only such a name can mix scripts (a cheap test before the Unicode one). */
const BEYOND_LATIN = /[^ -\u024f]/;
const OTHER_SCRIPT_LETTER = /(?!\p{Script=Latin})\p{L}/u;

/** Why a person's name looks wrong (in Portuguese), or null when it looks like a full name. */
export function nameSuspicion(input: string): string | null {
  // Parsed names are trimmed with single spaces; words found by index, not split (the scan is hot).
  const name = input.trim();
  if (name === '') return null;
  const firstSpace = name.indexOf(' ');
  if (firstSpace < 0) return `“${name}” tem uma palavra só: confira se está completo no documento.`;
  const first = name.slice(0, firstSpace);
  const last = name.slice(name.lastIndexOf(' ') + 1);
  const particle = isParticle(first) ? first : isParticle(last) ? last : null;
  if (particle !== null) return `“${name}” começa ou termina com “${particle}”: parte do nome parece faltar.`;
  if (BEYOND_LATIN.test(name) && OTHER_SCRIPT_LETTER.test(name) && LATIN_LETTER.test(name)) {
    return `“${name}” mistura letras de outro alfabeto (cirílico, grego…) parecidas com as nossas: digite o nome de novo.`;
  }
  return null;
}
