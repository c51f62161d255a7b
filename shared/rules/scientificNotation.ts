// A number cell a spreadsheet program showed, and saved, in scientific notation: 1,19877E+10 for
// the phone 11987700000, its last digits gone — the real value cannot be read back from it. A wide
// enough column shows every digit (1,1987700000E+10), and the value is still refused (it is typed
// again as text), but without saying digits were lost: that would send the clerk looking for them.
// One rule decides which it was (scientificDigitsLost), for every message that says so.

const SCIENTIFIC = /^\d+([.,]\d+)?e\+?\d+$/i;
const PARTS = /^(\d+)(?:[.,](\d+))?e\+?(\d+)$/i;

/** True when the text is a number in scientific notation (`7,23483E+10`, `1.96465e6`). */
export function inScientificNotation(text: string): boolean {
  return SCIENTIFIC.test(text.trim());
}

/**
 * Whether the notation shows fewer digits than the number it stands for has: 1,73334E+10 shows 6 of
 * 11 (lost), 1,7333421848E+10 shows all 11 (none lost). Leading zeros count on neither side.
 */
export function scientificDigitsLost(text: string): boolean {
  const [, whole = '', fraction = '', exponent = '0'] = PARTS.exec(text.trim()) ?? [];
  const written = whole + fraction;
  const zeros = written.length - written.replace(/^0+/, '').length;
  return written.length - zeros < whole.length + Number(exponent) - zeros;
}

/** How a message names what the cell held: the CPF, or any other number. */
export interface ScientificWords {
  /** What the spreadsheet kept as a number: "o CPF". */
  it: string;
  /** One such, written that way: "um CPF". */
  one: string;
  /** What the clerk types again: "o CPF". */
  again: string;
}

export const AS_NUMBER: ScientificWords = { it: 'o número', one: 'um valor', again: 'o valor' };
export const AS_CPF: ScientificWords = { it: 'o CPF', one: 'um CPF', again: 'o CPF' };

/** What happened to the value, without the notation: "a planilha guardou o CPF como número e perdeu dígitos". */
export function scientificNotationCause(text: string, words: ScientificWords = AS_NUMBER): string {
  return scientificDigitsLost(text)
    ? `a planilha guardou ${words.it} como número e perdeu dígitos`
    : `a planilha guardou ${words.it} como número, e ${words.one} escrito assim não é aceito, mesmo com todos os dígitos`;
}

/** Why such a value is refused, without what to do (after the field's name): "em notação científica (…): a planilha…". */
export function scientificNotationNote(text: string, words: ScientificWords = AS_NUMBER): string {
  return `em notação científica (${text.trim()}): ${scientificNotationCause(text, words)}`;
}

/** Why such a value is refused, and what the clerk does about it (after the field's name). */
export function scientificNotationProblem(text: string, words: ScientificWords = AS_NUMBER): string {
  return `${scientificNotationNote(text, words)}. Formate a coluna como Texto e digite ${words.again} de novo.`;
}
