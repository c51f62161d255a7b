// Seed case F: a mother's "name" that only says there is none ("Não consta", "Ignorada", "XXX",
// "N/C"). Such a value hides the defect the notice describes; the flag "Não consta mãe" is the
// registry's way to say it, so the value is refused wherever it is parsed and flagged when stored.
import { fail, type Parsed } from '../errors';
import { foldForSearch } from '../text';

const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'nao consta', 'nao consta mae', 'nao consta nome', 'nao consta nome da mae', 'nada consta',
  'ignorada', 'ignorado', 'ignorada mae', 'mae ignorada', 'desconhecida', 'desconhecido', 'mae desconhecida',
  'nao declarado', 'nao declarada', 'nao informado', 'nao informada', 'sem informacao', 'sem info',
  'nao tem', 'nao possui', 'nao ha', 'sem mae', 'sem nome', 'sem registro', 'nenhum', 'nenhuma',
  'inexistente', 'nao existe', 'nao sabe', 'nao identificada', 'nao identificado', 'nao registrada',
  'n c', 'nc', 'n a', 'na', 'nd', 'n d', 'ni', 'n i', 'nao', 'null', 'nulo', 'vazio',
]);
const NOT_LETTERS = /[^a-z]+/g;
const ONLY_X = /^x+(?: x+)*$/;
const ONLY_X_RAW = /^[\sxX.\-/]*$/;
const LONGEST_PLACEHOLDER = 26;

export const MOTHER_PLACEHOLDER_MESSAGE =
  '“{value}” não é um nome de mãe: se o documento não traz o nome da mãe, marque “Não consta mãe”.';

/** Whether a mother's "name" is a placeholder saying there is none. */
export function isMotherPlaceholder(value: string): boolean {
  // Placeholders are short: a longer value is a name unless it is only X and dashes (skips the folding in the scan).
  if (value.length > LONGEST_PLACEHOLDER && !ONLY_X_RAW.test(value)) return false;
  const key = foldForSearch(value).replace(NOT_LETTERS, ' ').trim();
  return key === '' || PLACEHOLDERS.has(key) || ONLY_X.test(key);
}

/** The refusal for a placeholder mother's name, or null when the value may be a name. */
export function refuseMotherPlaceholder(value: string): Parsed<never> | null {
  if (!isMotherPlaceholder(value)) return null;
  return fail('MOTHER_PLACEHOLDER', MOTHER_PLACEHOLDER_MESSAGE.replace('{value}', value.trim()));
}
