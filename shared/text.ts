/** Trim and collapse inner white space. */
export function collapseSpaces(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

/** Lower case without accents: the key for accent- and case-insensitive search and header matching. */
export function foldForSearch(value: string): string {
  return collapseSpaces(value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
}

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}
