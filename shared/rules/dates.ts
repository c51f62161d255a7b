// Dates as clerks type and read them (dd/mm/aaaa) and as the store keeps them (ISO), in the desk's local time.
import { fail, ok, type Parsed } from '../errors';

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Parse `dd/mm/aaaa` (or ISO `aaaa-mm-dd`) into ISO `aaaa-mm-dd`. */
export function parseDateBr(input: string): Parsed<string> {
  const value = input.trim();
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  let y: number, m: number, d: number;
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return fail('DATE_INVALID', 'Data inválida: use o formato dd/mm/aaaa.');
  if (y < 1900 || y > 2100 || !isRealDate(y, m, d)) return fail('DATE_INVALID', `Data inválida: ${value} não existe no calendário.`);
  return ok(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/** ISO date or date-time → `dd/mm/aaaa`. */
export function formatDateBr(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** ISO date-time → `dd/mm/aaaa hh:mm` in the desk's local time. */
export function formatDateTimeBr(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** Today's local date as ISO. */
export function todayIso(now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
