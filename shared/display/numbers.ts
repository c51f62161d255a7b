// Numbers as people in Brazil write them: thousands with dots, decimals with a comma ("250.000",
// "1,5"). Every count on screen, in the command line and in the store's messages goes through here.
const formats = new Map<number, Intl.NumberFormat>();

function ptBr(maximumFractionDigits: number): Intl.NumberFormat {
  let format = formats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('pt-BR', { maximumFractionDigits });
    formats.set(maximumFractionDigits, format);
  }
  return format;
}

/** `1234567` → `1.234.567`. */
export function formatCount(value: number): string {
  return ptBr(3).format(value);
}

/** `1.25` → `1,3` (one decimal unless told otherwise; none shown when they are zeros). */
export function formatDecimal(value: number, maximumFractionDigits = 1): string {
  return ptBr(maximumFractionDigits).format(value);
}

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** A file's size: whole KB (at least 1), then MB and GB with one decimal. */
export function formatFileSize(bytes: number): string {
  if (bytes < MB) return `${formatCount(Math.max(1, Math.round(bytes / KB)))} KB`;
  if (bytes < GB) return `${formatDecimal(bytes / MB)} MB`;
  return `${formatDecimal(bytes / GB)} GB`;
}
