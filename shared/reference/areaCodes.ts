// The DDDs (area codes) in use in Brazil, as ANATEL lists them (resources/reference/area-codes.json,
// made by build/scripts/reference/generate.mjs): a phone whose DDD is not one of them is a typo.
import data from '../../resources/reference/area-codes.json';

const AREA_CODES: ReadonlySet<string> = new Set(data.codes.map(String));

/** Every DDD in use, ascending. */
export const AREA_CODE_LIST: readonly number[] = data.codes;

/** Whether a two-digit DDD ("11") is in use. */
export function isAreaCode(ddd: string): boolean {
  return AREA_CODES.has(ddd);
}
