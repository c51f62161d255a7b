// A number cell a spreadsheet program showed, and saved, in scientific notation: 1,19877E+10 for
// the phone 11987700000. Its last digits are gone — the real value cannot be read back from it.

const SCIENTIFIC = /^\d+([.,]\d+)?e\+?\d+$/i;

/** True when the text is a number in scientific notation (`7,23483E+10`, `1.96465e6`). */
export function inScientificNotation(text: string): boolean {
  return SCIENTIFIC.test(text.trim());
}

/** Why such a value is refused, and what the clerk does about it (after the field's name). */
export function scientificNotationProblem(text: string): string {
  return `em notação científica (${text.trim()}): a planilha guardou o número como número e perdeu dígitos. Formate a coluna como Texto e digite o valor de novo.`;
}
