// How long a typed text may be, said to the clerk rather than enforced by the browser: an input's
// maxLength cuts a pasted text at the limit without a word, and the cut text would be saved.
import { formatCount } from '../../shared/display/numbers';

/** From this share of the limit on, the field counts its characters. */
const COUNTER_FROM = 0.8;

/** The length that counts: the text is saved trimmed. */
const savedLength = (value: string): number => value.trim().length;

/** "O que aconteceu: texto muito longo, no máximo 4.000 caracteres (tem 4.120)." or null when it fits. */
export function tooLongError(name: string, value: string, max: number): string | null {
  const length = savedLength(value);
  return length > max ? `${name}: texto muito longo, no máximo ${formatCount(max)} caracteres (tem ${formatCount(length)}).` : null;
}

/** "3.950 de 4.000 caracteres" once the text nears its limit; null before. */
export function lengthCounter(value: string, max: number): string | null {
  const length = savedLength(value);
  return length >= max * COUNTER_FROM ? `${formatCount(length)} de ${formatCount(max)} caracteres` : null;
}
