// Cells that leave the desk in CSV or xlsx files: a spreadsheet program treats a text cell that
// starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (CSV/formula injection,
// OWASP). Prefixing a `'` makes it plain text in Excel and LibreOffice and shows the value intact.

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** True when a spreadsheet would read this text as the start of a formula. */
export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0] as string);
}

/** The cell text a spreadsheet shows as written, never runs. */
export function neutralizeCell(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

/**
 * A cell read back from a file the desk (or another careful exporter) neutralised: `'=…` is `=…`.
 * CSV keeps the apostrophe as text, so without this a round trip would change the value.
 */
export function unneutralizeCell(text: string): string {
  return text.length > 1 && text[0] === "'" && startsLikeFormula(text.slice(1)) ? text.slice(1) : text;
}

/** `="01077"`: the formula a system writes in a CSV so that Excel keeps a number's zeros as text. */
const TEXT_FORMULA = /^="((?:[^"]|"")*)"$/;

/**
 * A cell read from a spreadsheet the way its program shows it: without the guards that only tell the
 * program "this is text" — the desk's own `'` before a formula sign, `="01077"`, and a `'` before
 * digits (`'01077`, how a number is typed as text) — so 01077 is found as 01077.
 */
export function unguardedCell(text: string): string {
  const first = text.charCodeAt(0);
  if (first === 61 /* = */) {
    const inner = TEXT_FORMULA.exec(text);
    return inner ? (inner[1] as string).replace(/""/g, '"') : text;
  }
  if (first !== 39 /* ' */ || text.length < 2) return text;
  const next = text.charCodeAt(1);
  return next >= 48 && next <= 57 ? text.slice(1) : unneutralizeCell(text);
}

const QUOTE_TRIGGERS = /["\r\n]/;
// Most cells need nothing: one test finds those that need neutralising or quoting (`;` files).
const NEEDS_WORK_SEMICOLON = /^[=+\-@\t\r]|[;"\r\n]/;

/** One CSV field with `separator`: neutralised, then quoted when it holds the separator, a quote or a line break. */
export function csvField(text: string, separator = ';'): string {
  if (separator === ';' && !NEEDS_WORK_SEMICOLON.test(text)) return text;
  const safe = neutralizeCell(text);
  return safe.includes(separator) || QUOTE_TRIGGERS.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (without its line break). */
export function csvLine(cells: readonly string[], separator = ';'): string {
  return cells.map((cell) => csvField(cell, separator)).join(separator);
}
