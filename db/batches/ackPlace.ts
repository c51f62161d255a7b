// Where an answer is in Implanta's file, as every message about it says: "linha 4" of a CSV or a
// sheet, "aba “Rejeitadas”, linha 4" when the workbook has more than one sheet with answers (the
// same row number is on each of them), "item 4" of a JSON list; and a refusal's list of them.
import { formatCount } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import type { AckAnswer, AckFormat } from './ackTypes';

type Placed = Pick<AckAnswer, 'line' | 'sheet'>;

/** "aba “X”, linha 4", "linha 4" or "item 4". */
export function placeOf(format: AckFormat, answer: Placed): string {
  if (format === 'json') return `item ${answer.line}`;
  return answer.sheet === undefined ? `linha ${answer.line}` : `aba “${answer.sheet}”, linha ${answer.line}`;
}

/** Several places: "linhas 3 e 7" (or "itens 1 e 4") on one sheet, each with its sheet when they are on several. */
export function placesOf(format: AckFormat, answers: readonly Placed[]): string {
  if (answers.length === 1) return placeOf(format, answers[0] as Placed);
  if (answers.some((answer) => answer.sheet !== undefined)) return answers.map((answer) => placeOf(format, answer)).join(' e ');
  return `${format === 'json' ? 'itens' : 'linhas'} ${answers.map((answer) => answer.line).join(' e ')}`;
}

/** The same place starting a sentence: "Linha 4", "Aba “X”, linha 4", "Item 4". */
export function placeOfStarting(format: AckFormat, answer: Placed): string {
  const place = placeOf(format, answer);
  return place.charAt(0).toUpperCase() + place.slice(1);
}

/**
 * A refusal about a sheet's rows or header said with the sheet: "Linha 4, …" becomes "Aba “X”,
 * linha 4, …", any other message is preceded by "Aba “X”: ".
 */
export function inSheet(error: unknown, sheet: string): unknown {
  if (!(error instanceof AppError)) return error;
  const message = /^Linha \d/.test(error.message) ? `Aba “${sheet}”, l${error.message.slice(1)}` : `Aba “${sheet}”: ${error.message}`;
  return new AppError(error.code, message, { ...(error.field === undefined ? {} : { field: error.field }), ...(error.details === undefined ? {} : { details: error.details }) });
}

/** Ids (or items) shown in a refusal; the rest are counted. */
const SHOWN = 5;

/** The first few items of a refusal, the rest counted: "a, b, c, d, e e mais 3". */
export function listShown(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN).join(', ');
  return items.length > SHOWN ? `${shown} e mais ${formatCount(items.length - SHOWN)}` : shown;
}
