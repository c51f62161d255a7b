// Dates of batches in Brasília time (the legal time of the councils' paperwork), whatever the
// computer's time zone: a package exported on another machine must carry the same dates.
const ZONE = 'America/Sao_Paulo';

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface BrasiliaTime {
  year: number;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** Minutes from UTC (−180 today). */
  offsetMinutes: number;
  /** A Date whose UTC fields are the Brasília wall-clock time (for DOS times in zips). */
  wallClock: Date;
}

/**
 * The Brasília wall-clock time of an instant. A string is read as `instantOfBrasiliaTime` reads it:
 * a plain date is that day (not UTC midnight, the evening before in Brasília), a date-time without
 * a zone is Brasília time.
 */
export function brasilia(at: string | Date): BrasiliaTime {
  const date = typeof at === 'string' ? instantOfBrasiliaTime(at) : at;
  const parts = Object.fromEntries(PARTS.formatToParts(date).map((p) => [p.type, p.value])) as Record<string, string>;
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMinutes = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  return {
    year: Number(parts.year),
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    offsetMinutes,
    wallClock: new Date(wall),
  };
}

/** A date-time that names its zone: `Z` or an offset such as `-03:00`. */
const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** A date alone, `YYYY-MM-DD`. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The UTC instant of an ISO date-time: as written when it names its zone, else read as the time in
 * Brasília (Implanta's and the councils' clock), never as this computer's, whose zone may be another;
 * a plain date is the start of that day in Brasília.
 */
export function instantOfBrasiliaTime(dateTime: string): Date {
  if (ZONED.test(dateTime)) return new Date(dateTime);
  const wall = Date.parse(`${PLAIN_DATE.test(dateTime) ? `${dateTime}T00:00:00` : dateTime}Z`);
  if (Number.isNaN(wall)) return new Date(Number.NaN);
  // The offset in force at that wall-clock time (−180 today; daylight saving before 2019).
  const offset = brasilia(new Date(wall + 180 * 60_000)).offsetMinutes;
  return new Date(wall - offset * 60_000);
}

// Offsets change only on the hour (daylight saving, abolished in 2019): one Intl call per hour.
const offsetByHour = new Map<string, number>();

const formattedByMinute = new Map<string, string>();

/** `dd/mm/aaaa hh:mm`, Brasília time, of a UTC ISO time (fast: exports format 100 000 of them). */
export function brasiliaDateTime(at: string): string {
  const minute = at.slice(0, 16);
  const known = formattedByMinute.get(minute);
  if (known !== undefined) return known;
  if (formattedByMinute.size > 100_000) formattedByMinute.clear();
  const formatted = formatBrasilia(at);
  formattedByMinute.set(minute, formatted);
  return formatted;
}

function formatBrasilia(at: string): string {
  const hour = at.slice(0, 13);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = brasilia(at).offsetMinutes;
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  const local = new Date(Date.parse(at) + offset * 60_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

/** SQLite modifier that turns a UTC ISO time into Brasília time: `date(x, '-180 minutes')`. */
export function sqliteOffset(at: string | Date = new Date()): string {
  const minutes = brasilia(at).offsetMinutes;
  return `${minutes >= 0 ? '+' : ''}${minutes} minutes`;
}
