// Dates as clerks type and read them (dd/mm/aaaa) and as the store keeps them (ISO), in the desk's local time.
import { fail, ok, type Parsed } from '../errors';

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const DATE_BR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Why a text is no date, naming the two shapes a spreadsheet leaves one in (a day's serial number, a
 * date with its time), neither of which is guessed into a day.
 */
function notADate(value: string): string {
  if (/^\d{5}$/.test(value)) {
    return `Data inválida: ${value} é o número de série de uma data no Excel, não a data: formate a coluna como data (dd/mm/aaaa) e salve a planilha de novo.`;
  }
  if (/^\d{1,2}\/\d{1,2}\/\d{4}[ T]\d{1,2}:\d{2}(?::\d{2})?$/.test(value)) {
    return `Data inválida: ${value} traz a hora; escreva só o dia (dd/mm/aaaa), ou formate a coluna como data sem hora.`;
  }
  return 'Data inválida: use o formato dd/mm/aaaa.';
}

/**
 * Why a day does not exist. Written dd/mm/aaaa with a month over 12 that is a real day month first
 * (4/22/1955), it is a date in the American order: the rest of its column may have been read with
 * day and month swapped (7/10/1949 is 7 October here, 10 July there), and only the clerk can tell.
 */
function notInCalendar(value: string): string {
  if (!isMonthFirstOnly(value)) return `Data inválida: ${value} não existe no calendário.`;
  return `Data inválida: ${value} está na ordem mês/dia/ano (a de um Excel em inglês); o CRESS Desk lê dia/mês/ano. Confira toda a coluna — uma data como 07/10 seria lida como 7 de outubro — e salve a planilha com as datas em dd/mm/aaaa.`;
}

/** 4/22/1955: written with slashes, a real day only month first (the order of an Excel in English). */
export function isMonthFirstOnly(value: string): boolean {
  const match = DATE_BR.exec(value.trim());
  if (!match) return false;
  const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return second > 12 && isRealDate(year, first, second);
}

/**
 * Parse `dd/mm/aaaa` (or ISO `aaaa-mm-dd`) into ISO for any calendar day of a four-digit year;
 * the caller decides which years make sense (parseDateBr, parseBirthDate).
 */
export function parseCalendarDate(input: string): Parsed<string> {
  const value = input.trim();
  // ISO first: the stored form, read 250 000 times by the pendência scan.
  let match = DATE_ISO.exec(value);
  let y: number, m: number, d: number;
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = DATE_BR.exec(value))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return fail('DATE_INVALID', notADate(value));
  if (!isRealDate(y, m, d)) return fail('DATE_INVALID', notInCalendar(value));
  return ok(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/** Parse `dd/mm/aaaa` (or ISO `aaaa-mm-dd`) into ISO `aaaa-mm-dd`, for a year from 1900 to 2100. */
export function parseDateBr(input: string): Parsed<string> {
  const parsed = parseCalendarDate(input);
  if (!parsed.ok) return parsed;
  const year = Number(parsed.value.slice(0, 4));
  if (year < 1900 || year > 2100) return fail('DATE_INVALID', `Data fora do intervalo aceito: ${input.trim()} (o ano deve estar entre 1900 e 2100).`);
  return parsed;
}

/**
 * ISO date → `dd/mm/aaaa` as written; ISO date-time (an instant) → its day in the desk's local time,
 * the day formatDateTimeBr shows with it (22:00 in Brasília is 01:00 UTC of the next day).
 */
export function formatDateBr(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  if (iso.length > 10) {
    const date = new Date(iso);
    if (!Number.isNaN(date.getTime())) return formatDateTimeBr(iso).slice(0, 10);
  }
  return `${match[3]}/${match[2]}/${match[1]}`;
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
