// A cell as the import sees it: text, as the clerk would read it in her spreadsheet program —
// numbers without exponents or float noise, dates as dd/mm/aaaa, booleans in Portuguese.

/** 15 significant digits, as spreadsheet programs show them; integers (CPF, CEP, phone) in full. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  return String(Number(value.toPrecision(15)));
}

/** The text of a number cell as written in the file (`1.2E+10`, `11912340000`, `3.5`). */
export function numberCellText(raw: string): string {
  // The usual case, a whole number as written (1234567890), needs no conversion: check by hand,
  // a quarter of a million rows make a regular expression per cell count.
  const length = raw.length;
  if (length > 0 && length <= 15 && raw.charCodeAt(0) !== 48) {
    let digits = true;
    for (let i = 0; i < length; i++) {
      const code = raw.charCodeAt(i);
      if (code < 48 || code > 57) {
        digits = false;
        break;
      }
    }
    if (digits) return raw;
  }
  const trimmed = raw.trim();
  if (/^-?\d{1,15}$/.test(trimmed)) return trimmed.replace(/^(-?)0+(?=\d)/, '$1');
  const value = Number(trimmed);
  // No finite number (NaN, 1e400 in a crafted file): kept as written, never read as an empty cell.
  return Number.isFinite(value) ? numberText(value) : trimmed;
}

export function booleanText(value: boolean): string {
  return value ? 'VERDADEIRO' : 'FALSO';
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 31/12/9999, the last day Excel has: past it a date cell shows ####, and a JavaScript date goes invalid soon after. */
const LAST_EXCEL_DAY = 2_958_465;

/**
 * Days since 1899-12-30 (the 1900 system, with Lotus's phantom 29/02/1900) → dd/mm/aaaa; a serial
 * outside Excel's days (a crafted or broken file) is read as the number it is, for the rules to name.
 * Serials 0 and 60 are days Excel shows but the calendar lacks (00/01/1900, 29/02/1900): read as
 * shown, so the date rules refuse them as they refuse a typed 31/02 — never as a neighbouring day.
 */
export function serialDateText(serial: number, date1904 = false): string {
  if (!Number.isFinite(serial)) return String(serial); // named by the rules, never an empty cell
  let days = Math.floor(serial);
  if (date1904) days += 1462;
  else if (days === 0) return '00/01/1900';
  else if (days === 60) return '29/02/1900';
  else if (days < 60) days += 1; // before the phantom day a serial is one short of the days since 30/12/1899
  if (days < 1 || days > LAST_EXCEL_DAY) return numberText(serial);
  const date = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

/** An ISO date or date-time (`t="d"` cells, ODS office:date-value) → dd/mm/aaaa. */
export function isoDateText(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso.trim();
}

// Built-in number formats that show dates (ECMA-376 18.8.30; 27–36 and 50–58 are the East Asian ones).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isBuiltinDateFormat(id: number): boolean {
  return BUILTIN_DATE_FORMATS.has(id);
}

/** A custom format code that shows a date: it has day or year parts outside quotes and brackets. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '');
  // The first section is the one positive numbers (dates) use.
  const first = bare.split(';')[0] ?? '';
  return /[dy]/i.test(first) && !/^general$/i.test(first.trim());
}
