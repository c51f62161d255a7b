// The 27 regional councils (CRESS), their numbers and UFs, from the data the app ships.
import regionsData from '../resources/regions.json';
import type { Uf } from './domain';
import { foldForSearch } from './text';

export interface Region {
  region: number;
  uf: Uf;
}

export const REGIONS = regionsData.regions as Region[];

export function regionUf(region: number): Uf | null {
  return REGIONS.find((r) => r.region === region)?.uf ?? null;
}

/** "CRESS 9ª Região (SP)". */
export function regionLabel(region: number): string {
  const uf = regionUf(region);
  return uf ? `CRESS ${region}ª Região (${uf})` : `CRESS ${region}ª Região`;
}

/** "CRESS09": the prefix of file names that leave the desk. */
export function regionCode(region: number): string {
  return `CRESS${String(region).padStart(2, '0')}`;
}

/**
 * The start of the name of a file the desk writes for people to read: `CRESS09`, or
 * `CRESS09-DEMONSTRACAO` while the registry holds demo records, so a demo file is never taken for a real one.
 */
export function exportPrefix(region: number, demo: boolean): string {
  return demo ? `${regionCode(region)}-${DEMO_MARK}` : regionCode(region);
}

/** The word every file a demo desk writes for someone else carries in its name. */
export const DEMO_MARK = 'DEMONSTRACAO';

/**
 * Any file name the desk suggests or writes, marked on a demo desk: `CRESS09-…` becomes
 * `CRESS09-DEMONSTRACAO-…`, any other name gets `-DEMONSTRACAO` before its extension
 * (`pedidos-erros.xlsx` → `pedidos-erros-DEMONSTRACAO.xlsx`). A name already marked stays as it is.
 */
export function demoFileName(fileName: string, demo: boolean): string {
  if (!demo || fileName.toUpperCase().includes(DEMO_MARK)) return fileName;
  const region = /^CRESS\d{2}(?=-)/i.exec(fileName);
  if (region) return `${region[0]}-${DEMO_MARK}${fileName.slice(region[0].length)}`;
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)}-${DEMO_MARK}${fileName.slice(dot)}` : `${fileName}-${DEMO_MARK}`;
}

/** Longest seccional mark in a file name: room for the rest of the name within every system's limits. */
const SECCIONAL_TAG_MAX = 40;

/**
 * The seccional as a file name says it, `campinas` for "Campinas", `sao-jose-do-rio-preto` for
 * "São José do Rio Preto": lower case, no accents, words joined by hyphens. Null at the head office
 * (no seccional); a name with no letter or digit is `seccional`, so the mark is never lost.
 */
export function seccionalTag(seccional: string | null): string | null {
  if (seccional === null || seccional.trim() === '') return null;
  const words = foldForSearch(seccional).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  // Cut at a word's end where it must be cut.
  const whole = words.length <= SECCIONAL_TAG_MAX || words[SECCIONAL_TAG_MAX] === '-';
  const cut = whole ? words.slice(0, SECCIONAL_TAG_MAX) : words.slice(0, SECCIONAL_TAG_MAX).replace(/-[^-]*$/, '');
  return cut || words.slice(0, SECCIONAL_TAG_MAX) || 'seccional';
}
