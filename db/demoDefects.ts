// The mistakes of a real registry, for the demo data: about one record in twenty carries one defect
// (a CPF with wrong check digits, a misspelt e-mail provider, a placeholder mother, a CEP of another
// UF…) so a demo desk shows every code of the Pendências worklist. Shares and values are data
// (resources/demo-defects.json); this module only writes a chosen defect into a row.
import defectData from '../resources/demo-defects.json';
import type { Uf } from '../shared/domain';
import { municipalityCode } from '../shared/reference/municipalities';
import { Weighted } from './demoRandom';

export type DefectKind = keyof typeof defectData.weights;

/** Share of the records that carry a defect. */
export const DEFECT_SHARE: number = defectData.share;

export const DEFECT_KINDS = new Weighted(Object.entries(defectData.weights) as [DefectKind, number][]);
const TYPO_DOMAINS = new Weighted(defectData.emailTypoDomains as [string, number][]);
const PLACEHOLDERS = new Weighted(defectData.motherPlaceholders as [string, number][]);
const BAD_AREA_CODES = defectData.phoneInvalidAreaCodes;
const DISTRICTS_AS_CITY = defectData.districtsAsCity as Partial<Record<Uf, string[]>>;
const NAME_PARTICLES = ['da', 'de', 'dos', 'do'];

/** A city someone might write for a place in `uf` that is no município of it: a district, or a city of another UF. */
export function cityNotIn(uf: Uf, random: () => number, otherCity: () => string): string {
  const districts = DISTRICTS_AS_CITY[uf];
  if (districts && random() < 0.7) return districts[Math.floor(random() * districts.length)]!;
  for (;;) {
    const name = otherCity();
    if (municipalityCode(name, uf) === null) return name;
  }
}

/** An e-mail address that is not one: the @ left out, a space, no ending after the provider, two dots. */
export function invalidEmail(local: string, domain: string, random: () => number): string {
  const roll = random();
  if (roll < 0.3) return `${local}${domain}`;
  if (roll < 0.55) return `${local.slice(0, Math.ceil(local.length / 2))} ${local.slice(Math.ceil(local.length / 2))}@${domain}`;
  if (roll < 0.8) return `${local}@${domain.split('.')[0]}`;
  return `${local}..${domain.split('.')[0]}@${domain}`;
}

export function typoDomain(random: () => number): string {
  return TYPO_DOMAINS.pick(random());
}

export function motherPlaceholder(random: () => number): string {
  return PLACEHOLDERS.pick(random());
}

/** A name cut short: the first name alone, or ending in a particle ("Maria Aparecida da"). */
export function suspectName(firstName: string, surnames: string, random: () => number): string {
  if (random() < 0.5) return firstName.split(' ')[0]!;
  const particle = NAME_PARTICLES[Math.floor(random() * NAME_PARTICLES.length)]!;
  const kept = surnames.split(' ').filter((word) => !NAME_PARTICLES.includes(word))[0];
  return kept ? `${firstName} ${kept} ${particle}` : `${firstName} ${particle}`;
}

/** A birth date no professional can have: a minor's (a year typed wrong) or one a century ahead. */
export function implausibleBirthDate(birthDate: string, nowYear: number, random: () => number): string {
  const rest = birthDate.slice(4) === '-02-29' ? '-02-28' : birthDate.slice(4);
  if (random() < 0.7) return `${nowYear - 1 - Math.floor(random() * 15)}${rest}`;
  return `${Number(birthDate.slice(0, 4)) + 100}${rest}`;
}

/** A phone the rules refuse: an area code that does not exist, or a landline typed with an extra digit. */
export function invalidPhone(ddd: string, random: () => number): string {
  const eight = String(10_000_000 + Math.floor(random() * 90_000_000));
  if (random() < 0.6) return `${BAD_AREA_CODES[Math.floor(random() * BAD_AREA_CODES.length)]}9${eight}`;
  return `${ddd}${2 + Math.floor(random() * 4)}${eight}`;
}
