// Input masks that only ever add separators between digits already typed, so Backspace
// over a separator behaves as the clerk expects.

/** `01310100` → `01310-100`, progressively while typing. */
export function maskCep(input: string): string {
  const digits = input.replace(/\D/g, '').slice(0, 8);
  return digits.length > 5 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits;
}

/** `24112026` → `24/11/2026`, progressively while typing. */
export function maskDate(input: string): string {
  const digits = input.replace(/\D/g, '').slice(0, 8);
  if (digits.length > 4) return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
  if (digits.length > 2) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return digits;
}

/** Digits of a count typed with or without thousands dots ("2.000" → 2000); null when empty. */
export function parseCount(input: string): number | null {
  const digits = input.replace(/\D/g, '');
  return digits === '' ? null : Number(digits);
}
