// What the benchmark prints: the machine it ran on and one line per case, in Portuguese.
import { cpus, release, totalmem, type as osType } from 'node:os';
import type { CaseResult } from './runner';

const integer = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fine = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatMs(value: number): string {
  if (Number.isNaN(value)) return '—';
  // Lookups take microseconds: below 1 ms show them to the microsecond.
  const format = value >= 1000 ? integer : value >= 1 ? decimal : fine;
  return `${format.format(value)} ms`;
}

export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1024 ? `${decimal.format(mb / 1024)} GB` : `${decimal.format(mb)} MB`;
}

export function machineLines(sqliteVersion: string): string[] {
  const cpu = cpus();
  return [
    `Processador: ${cpu[0]?.model.trim() ?? 'desconhecido'} (${cpu.length} núcleos)`,
    `Memória: ${formatBytes(totalmem())}`,
    `Sistema: ${osType()} ${release()} (${process.platform}/${process.arch})`,
    `Node: ${process.version} · SQLite: ${sqliteVersion}`,
  ];
}

export const VERDICT_OK = 'ok';
export const VERDICT_OVER = 'ACIMA DO ALVO';

/** A fixed-width table: caso | p50 | p95 | máx | alvo | referência p95 | veredito. */
/** ok, or over — saying what was over when it was not (only) the time. */
function verdictOf(r: CaseResult): string {
  if (r.withinTarget) return VERDICT_OK;
  if (r.otherMiss === null) return VERDICT_OVER;
  return r.measured.p95 < r.targetMs ? `${VERDICT_OVER} (${r.otherMiss})` : `${VERDICT_OVER} (tempo; ${r.otherMiss})`;
}

export function resultTable(results: readonly CaseResult[]): string {
  const header = ['caso', 'execuções', 'p50', 'p95', 'máx', 'alvo (p95)', 'referência p95', 'veredito'];
  const rows = results.map((r) => [
    r.name,
    formatCount(r.measured.runs),
    formatMs(r.measured.p50),
    formatMs(r.measured.p95),
    formatMs(r.measured.max),
    `< ${formatMs(r.targetMs)}`,
    r.reference ? formatMs(r.reference.p95) : '—',
    verdictOf(r),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  // Names left-aligned, figures right-aligned so digits line up.
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
