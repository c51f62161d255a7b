// Input masks that only ever add separators between digits already typed, so Backspace
// over a separator behaves as the clerk expects. The inputs they format carry no browser
// maxLength: a pasted " 01310-100" is longer than its formatted value, and the browser would cut
// its last digit before the mask could drop the space. Digits past the value's length are kept
// after it, never dropped: a pasted CPF of 12 digits cut to 11 could be another person's valid CPF,
// so the field shows them and its check says how many digits there are.

/** `01310100` → `01310-100`, progressively while typing. */
export function maskCep(input: string): string {
  const digits = input.replace(/\D/g, '');
  return digits.length > 5 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits;
}

/** A date pasted the ISO way (`2026-11-24`, as spreadsheets and systems write it). */
const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/;

/** `24112026` → `24/11/2026`, progressively while typing; `2026-11-24` pasted → `24/11/2026`. */
export function maskDate(input: string): string {
  const iso = ISO_DATE.exec(input);
  const digits = (iso ? `${iso[3]}${iso[2]}${iso[1]}` : input.replace(/\D/g, '')).slice(0, 8);
  if (digits.length > 4) return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
  if (digits.length > 2) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return digits;
}

/** `12345678909` → `123.456.789-09`, progressively while typing. */
export function maskCpf(input: string): string {
  const d = input.replace(/\D/g, '');
  if (d.length > 9) return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
  if (d.length > 6) return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`;
  if (d.length > 3) return `${d.slice(0, 3)}.${d.slice(3)}`;
  return d;
}

/** Digits of a count typed with or without thousands dots ("2.000" → 2000); null when empty. */
export function parseCount(input: string): number | null {
  const digits = input.replace(/\D/g, '');
  return digits === '' ? null : Number(digits);
}
