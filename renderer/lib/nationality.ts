// The nationality as the form offers it: the DIP's fixed list as a choice and, for a foreigner, the
// country — composed into exactly the text the rule (parseNationality) accepts, and read back from it.
import { NATIONALITY_LABELS, parseNationality } from '../../shared/rules/vocabulary';

export type NationalityKind = keyof typeof NATIONALITY_LABELS;

export const NATIONALITY_KINDS = Object.keys(NATIONALITY_LABELS) as NationalityKind[];

export interface NationalityChoice {
  /** null when empty or not on the list. */
  kind: NationalityKind | null;
  /** A foreigner's country, as typed. */
  country: string;
  /** A value off the list (stored before the rule existed): shown as it is, for the clerk to replace. */
  unlisted: string | null;
}

const FOREIGN_PREFIX = `${NATIONALITY_LABELS.foreign} (`;

/** The choice a nationality text stands for; the country keeps its spaces while the clerk types it. */
export function nationalityChoice(text: string): NationalityChoice {
  if (text.trim() === '') return { kind: null, country: '', unlisted: null };
  if (text === NATIONALITY_LABELS.brazilian) return { kind: 'brazilian', country: '', unlisted: null };
  if (text === NATIONALITY_LABELS.naturalized) return { kind: 'naturalized', country: '', unlisted: null };
  if (text === NATIONALITY_LABELS.foreign) return { kind: 'foreign', country: '', unlisted: null };
  if (text.startsWith(FOREIGN_PREFIX) && text.endsWith(')')) {
    return { kind: 'foreign', country: text.slice(FOREIGN_PREFIX.length, -1), unlisted: null };
  }
  // Another spelling the rule accepts ("brasileiro", "Estrangeira - Portugal"): its own form.
  const parsed = parseNationality(text);
  if (parsed.ok && parsed.value !== text) return nationalityChoice(parsed.value);
  return { kind: null, country: '', unlisted: text };
}

/** The text of a choice: "Brasileira", "Brasileira naturalizada", "Estrangeira (País)"; a foreigner without a country is refused by the rule. */
export function composeNationality(kind: NationalityKind | null, country = ''): string {
  if (kind === null) return '';
  if (kind !== 'foreign') return NATIONALITY_LABELS[kind];
  return country.trim() === '' ? NATIONALITY_LABELS.foreign : `${FOREIGN_PREFIX}${country})`;
}
