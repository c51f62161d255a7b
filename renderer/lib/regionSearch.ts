// Finding a regional council as the clerk types it: by its number ("9", "CRESS 9", "9ª região") or
// by its UF ("SP", "São Paulo" is not needed: the UF is on every badge). A number matches exactly
// first, then the numbers it starts ("1" → 1ª, 10ª…19ª); letters match the UF or the label.
import { REGIONS, regionLabel, type Region } from '../../shared/regions';
import { foldForSearch } from '../../shared/text';

export function findRegions(typed: string, regions: readonly Region[] = REGIONS): Region[] {
  const words = foldForSearch(typed)
    .replace(/\bcress\b|\bregiao\b|[ªº°]/g, ' ')
    .trim();
  if (words === '') return [...regions];
  const number = /^(\d{1,2})\s*a?$/.exec(words)?.[1];
  if (number !== undefined) {
    const exact = regions.filter((r) => String(r.region) === number);
    return [...exact, ...regions.filter((r) => String(r.region).startsWith(number) && !exact.includes(r))];
  }
  const byUf = regions.filter((r) => r.uf.toLowerCase() === words);
  if (byUf.length > 0) return byUf;
  return regions.filter((r) => foldForSearch(regionLabel(r.region)).includes(words));
}
