// The dates of Implanta's answer: acknowledgedAt, and a DIP status's date (dd/mm/aaaa, AAAA-MM-DD
// or an ISO 8601 date-time). Each is read whole: a date-time naming no real moment (month 13,
// 30 February, 25:99) is no date, never half read or taken for "no date". A real one however far
// (year 1, year 9999) is read, so the rules on when an answer may be dated (ackDip.ts) weigh it.
import { brasilia, instantOfBrasiliaTime } from './clock';

/**
 * An ISO 8601 date-time as the answer's JSON schema takes one: seconds, decimals (.NET writes
 * seven) and zone optional. The schema's pattern and this one go together.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_BR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * Years whose Brasília offsets (daylight saving, the local mean time before 1914) the time-zone
 * database gives as the desk reads them; far from them a plain −3 h, as no such date is kept.
 */
const ZONE_YEARS = { from: 1900, to: 2100 };
const FAR_OFFSET_MS = -3 * 3_600_000;

/** Midnight UTC of a day of any four-digit year (Date.UTC reads 0–99 as 1900–1999). */
function utcDay(year: number, month: number, day: number): Date {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return at;
}

/** A day of the Gregorian calendar, from year 1 (there is no year 0). */
function isRealDay(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= utcDay(year, month + 1, 0).getUTCDate();
}

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a date written `AAAA-MM-DD` or `dd/mm/aaaa`; null when it is no day. */
function calendarDay(value: string): string | null {
  const iso = DATE_ISO.exec(value);
  const br = iso ? null : DATE_BR.exec(value);
  if (!iso && !br) return null;
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number) : [br?.[3], br?.[2], br?.[1]].map(Number);
  if (!isRealDay(year as number, month as number, day as number)) return null;
  return `${String(year).padStart(4, '0')}-${two(month as number)}-${two(day as number)}`;
}

/** The UTC instant (ISO) of an answer's date-time, one with no zone read as Brasília time; null when it names no real moment. */
export function dateTimeInstant(text: string): string | null {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [number, number, number, number, number, number];
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const wall = utcDay(year, month, day);
  wall.setUTCHours(hour, minute, second, Number((match[7] ?? '').slice(0, 3).padEnd(3, '0')));
  if (match[8] === 'Z') return wall.toISOString();
  if (match[8] !== undefined) {
    const [hours, minutes] = [Number(match[10]), Number(match[11])];
    if (hours > 23 || minutes > 59) return null;
    const offset = (match[9] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return new Date(wall.getTime() - offset).toISOString();
  }
  if (year < ZONE_YEARS.from || year > ZONE_YEARS.to) return new Date(wall.getTime() - FAR_OFFSET_MS).toISOString();
  return instantOfBrasiliaTime(wall.toISOString().slice(0, 23)).toISOString();
}

/**
 * A DIP date as written (dd/mm/aaaa, AAAA-MM-DD or ISO date-time, Brasília time when it names no zone):
 * `YYYY-MM-DD` or a UTC ISO date-time; null when not a real date.
 */
export function normaliseDipDate(text: string): string | null {
  const value = text.trim();
  return value.includes('T') ? dateTimeInstant(value) : calendarDay(value);
}

/**
 * The day (`YYYY-MM-DD`) in Brasília of a date as normaliseDipDate gives it, where the councils keep
 * their dates. A plain date is its own day: read back through an instant, a day before 1914
 * (Brasília's local mean time, −3:06:28) would come out as the evening before.
 */
export function dayInBrasilia(date: string): string {
  if (DATE_ISO.test(date)) return date;
  const at = instantOfBrasiliaTime(date);
  const year = at.getUTCFullYear();
  if (year >= ZONE_YEARS.from && year <= ZONE_YEARS.to) return brasilia(at).date;
  const far = new Date(at.getTime() + FAR_OFFSET_MS).toISOString();
  // Past year 9999 an ISO year takes six digits and a sign.
  return far.startsWith('+') ? '9999-12-31' : far.slice(0, 10);
}

/**
 * A DIP date cell of a spreadsheet as Excel may leave it: a date with its time (a date-time cell
 * saved as CSV, "09/03/2026 14:30", or as a database writes one, "2026-03-09 14:30:00.000"), or the
 * day's serial number (a date cell whose format was lost, "46090", with the time as a fraction,
 * "46090,6041666667"); the day it names, else the cell as it is.
 */
export function spreadsheetDate(cell: string): string {
  const withTime = /^(\d{1,2}\/\d{1,2}\/\d{4})[ T]\d{1,2}:\d{2}(?::\d{2})?$/.exec(cell);
  // A time that does not exist (25:00, 10:60) leaves the cell as it is: no date, refused naming it.
  if (withTime) return impossibleTime(cell) === null ? (withTime[1] as string) : cell;
  const isoWithTime = /^(\d{4}-\d{2}-\d{2}) ([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?$/.exec(cell);
  if (isoWithTime) return isoWithTime[1] as string;
  const serial = /^(\d{5})(?:[.,]\d+)?$/.exec(cell);
  if (serial) {
    // Days since 30/12/1899 (Excel's 1900 date system, as every Excel for Windows writes).
    const day = new Date(Date.UTC(1899, 11, 30) + Number(serial[1]) * 86_400_000);
    return `${two(day.getUTCDate())}/${two(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;
  }
  return cell;
}

/**
 * The time a date-time cell writes when no clock shows it (25:00, 99:99:99, 10:60), for the refusal
 * to name; null when the cell has no time or a real one.
 */
export function impossibleTime(cell: string): string | null {
  const time = /^(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2})[ T]((\d{1,2}):(\d{2})(?::(\d{2}))?)(?:[.,]\d+)?$/.exec(cell.trim());
  if (!time) return null;
  const [hour, minute, second] = [time[2], time[3], time[4] ?? '0'].map(Number) as [number, number, number];
  return hour > 23 || minute > 59 || second > 59 ? (time[1] as string) : null;
}
