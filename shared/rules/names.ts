// Names and free text as the registry keeps them: trimmed, single spaces, no control characters
// (nor the invisible bidirectional ones).
import { fail, ok, type Parsed } from '../errors';
import { collapseSpaces, firstControlCharacter, withoutZeroWidth } from '../text';

// Letters with their accents, spaces, apostrophes (straight or typographic) and hyphens. Dots are
// refused: registry names are written in full, never abbreviated ("Ma.").
const PERSON_NAME = /^[\p{L}][\p{L}\p{M}' ’-]*[\p{L}\p{M}]$/u;

// Most stored values are already tidy: these tests (no allocation) let them skip the rewriting.
const ASCII_ONLY = /^[\x20-\x7e]*$/;
const SPACING_TO_FIX = /^\s|\s$|\s\s|[^\S ]/;

/** NFC with single spaces, trimmed, without zero-width characters; the same string when it already is. */
function tidy(input: string): string {
  const composed = ASCII_ONLY.test(input) ? input : withoutZeroWidth(input).normalize('NFC');
  return SPACING_TO_FIX.test(composed) ? collapseSpaces(composed) : composed;
}

/** Trim, collapse spaces and check a person's name. */
export function parsePersonName(input: string, maxLength: number): Parsed<string> {
  const value = tidy(input);
  if (value.length < 2) return fail('NAME_INVALID', 'Nome inválido: informe o nome completo.');
  if (value.length > maxLength) return fail('VALUE_TOO_LONG', `Nome muito longo: no máximo ${maxLength} caracteres.`);
  if (!PERSON_NAME.test(value) || /['’-]{2}|\s['’-]|['’-]\s/u.test(value)) {
    return fail('NAME_INVALID', 'Nome inválido: use apenas letras, espaços, apóstrofos e hífens.');
  }
  return ok(value);
}

/** Free text (street, city, RG...): trimmed, spaces collapsed, no control characters. */
export function parseText(input: string, maxLength: number): Parsed<string> {
  const value = tidy(input);
  const control = firstControlCharacter(value);
  if (control) {
    return fail('VALUE_INVALID', `Texto inválido: contém um caractere de controle invisível (${control.codePoint}, o ${control.place}º caractere), que muda a leitura do texto na tela. Apague-o e escreva o texto de novo.`);
  }
  if (value.length > maxLength) return fail('VALUE_TOO_LONG', `Texto muito longo: no máximo ${maxLength} caracteres.`);
  return ok(value);
}
