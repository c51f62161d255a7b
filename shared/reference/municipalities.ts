// The IBGE list of municípios (resources/reference/municipalities.json, made by
// build/scripts/reference/generate.mjs): is a written name a município of a UF? Lookups ignore
// case, accents, apostrophe style, hyphens and spaces, and accept the older spellings the second
// source keeps (Moji Mirim, Açu). Maps are built once at load: the pendência scan asks 250 000 times.
import data from '../../resources/reference/municipalities.json';
import type { Uf } from '../domain';

type Entry = readonly [code: string, name: string];
const BY_UF = data.byUf as unknown as Record<Uf, Entry[]>;
const ALIASES = data.aliases as unknown as Record<string, string[]>;

/** Letters only, lower case, no accents: "Santa Bárbara d'Oeste" and "SANTA BARBARA D OESTE" share a key. */
export function municipalityKey(name: string): string {
  return name.normalize('NFD').replace(MARKS, '').toLowerCase().replace(NOT_LETTER, '');
}
const MARKS = /\p{M}/gu;
const NOT_LETTER = /[^a-z]/g;

/** Per UF: the exact IBGE spelling → code (the fast path for clean data), and every key → code. */
const exactByUf = new Map<string, Map<string, string>>();
const keyedByUf = new Map<string, Map<string, string>>();
const nameByCode = new Map<string, { name: string; uf: Uf }>();
for (const [uf, entries] of Object.entries(BY_UF) as [Uf, Entry[]][]) {
  const exact = new Map<string, string>();
  const keyed = new Map<string, string>();
  for (const [code, name] of entries) {
    exact.set(name, code);
    keyed.set(municipalityKey(name), code);
    nameByCode.set(code, { name, uf });
    for (const alias of ALIASES[code] ?? []) keyed.set(municipalityKey(alias), code);
  }
  exactByUf.set(uf, exact);
  keyedByUf.set(uf, keyed);
}

/** How many municípios the list holds. */
export const MUNICIPALITY_COUNT: number = data.count;

/** The IBGE 7-digit code of the município written `name` in `uf`, or null if the UF has none such. */
export function municipalityCode(name: string, uf: Uf): string | null {
  const exact = exactByUf.get(uf)?.get(name);
  if (exact !== undefined) return exact;
  return keyedByUf.get(uf)?.get(municipalityKey(name)) ?? null;
}

/**
 * Why `city` cannot be the município of an address in `uf` — IBGE lists no such município there —,
 * or null when it can.
 */
export function cityNotInUf(city: string, uf: Uf): string | null {
  if (municipalityCode(city, uf) !== null) return null;
  return `Município “${city}” não é um município de ${uf} na lista do IBGE. Confira o município e a UF.`;
}

/** The município of an IBGE code, with its name as IBGE writes it. */
export function municipalityOfCode(code: string): { name: string; uf: Uf } | null {
  return nameByCode.get(code) ?? null;
}
