// The mother rule of the notice: a mother's name, or "Não consta mãe", never both and never neither.
import { fail, ok, type Parsed } from '../errors';

export interface MotherFact {
  motherName: string | null;
  motherNotListed: boolean;
}

/** Messages of the mother rule, used by the form, the store and imports alike. */
export const MOTHER_MESSAGES = {
  conflict: 'Informe o nome da mãe ou marque “Não consta mãe” — não os dois ao mesmo tempo.',
  missing: 'Informe o nome da mãe ou marque “Não consta mãe” — um dos dois é obrigatório.',
} as const;

/**
 * The mother's name and "Não consta Mãe" are one fact: after any change exactly one holds.
 * `change` holds only what the clerk changed (undefined = untouched). Setting the flag clears
 * the name, giving a name clears the flag; both at once, or neither in the end, is refused.
 */
export function applyMotherRule(
  current: MotherFact,
  change: { motherName?: string | null; motherNotListed?: boolean },
): Parsed<MotherFact> {
  const nameGiven = change.motherName !== undefined && change.motherName !== null && change.motherName !== '';
  if (nameGiven && change.motherNotListed === true) return fail('MOTHER_CONFLICT', MOTHER_MESSAGES.conflict);
  if (change.motherNotListed === true) return ok({ motherName: null, motherNotListed: true });
  if (nameGiven) return ok({ motherName: change.motherName as string, motherNotListed: false });
  // Neither a name nor the flag set: the name may be cleared and/or the flag unset.
  const name = change.motherName === undefined ? current.motherName : null;
  const notListed = change.motherNotListed === undefined ? current.motherNotListed : false;
  if (!notListed && !name) return fail('MOTHER_MISSING', MOTHER_MESSAGES.missing);
  return ok({ motherName: name, motherNotListed: notListed });
}
