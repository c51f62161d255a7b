// What an import's rows came to (counts, problems, the preview's sample), and how it is put right
// when rows checked against a record were not written after all because someone changed it first.
import type { ImportError, ImportMapping, ImportSummary, PreviewRow } from '../../shared/contract/imports';
import { columnLetter } from '../../shared/display/columnLetter';
import type { DipConsequence } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ProcessorTotals } from './kinds/types';
import type { ColumnSpan } from './readers/source';
import type { ReportRow } from './report';
import { staleTotals, type StaleRow } from './writer/ops';

export interface RowsOutcome {
  counts: { rows: number; accepted: number; unchanged: number; rejected: number };
  dip: Record<Exclude<DipConsequence, 'none'>, number>;
  dipPeople: ImportSummary['dipPeople'];
  errors: ImportError[];
  errorsTotal: number;
  /** Rows that go in with a warning (accepted, with a problem listed): few, so kept by row. */
  warned: Set<number>;
  sample: PreviewRow[];
  reportRows: ReportRow[];
  hiddenRows: ImportSummary['hiddenRows'];
}

/**
 * The columns the import reads that the sheet hides: their values go in like the others, so the
 * clerk is told which, as she would find them (letter and header). Columns left unread are no news.
 */
export function hiddenMappedColumns(spans: readonly ColumnSpan[], headers: readonly string[], mapping: ImportMapping): ImportSummary['hiddenColumns'] {
  const hidden: ImportSummary['hiddenColumns'] = [];
  if (spans.length === 0) return hidden;
  mapping.forEach((target, column) => {
    if (target !== null && spans.some((span) => column >= span.first && column <= span.last)) {
      hidden.push({ letter: columnLetter(column), header: headers[column] ?? '' });
    }
  });
  return hidden;
}

/** `rows`: rows found touching a DIP (the first of them, in the file's order; the check may stop at the first). */
export function dipNotAcknowledged(rows: readonly number[]): AppError {
  const named = rows.length === 0 ? '' : rows.length === 1 ? ` (linha ${rows[0]})` : ` (linhas ${rows.slice(0, 5).join(', ')}${rows.length > 5 ? '…' : ''})`;
  return new AppError(
    'DIP_CONFIRMATION_REQUIRED',
    `Esta planilha altera dados de quem já tem a solicitação do DIP confirmada ou o cartão em confecção${named}: confira na conferência quem são e marque que entendeu a consequência (na linha de comando, --dry-run lista as linhas e --accept-dip confirma). Nada foi gravado.`,
    { details: { rows: [...rows] } },
  );
}

/**
 * Rows whose record someone else changed before the import was written (a staged import: see
 * writer/stagedWriter.ts) were not written: they count as rejected, with the reason.
 */
export function leaveOutStale(outcome: RowsOutcome, totals: ProcessorTotals, stale: readonly StaleRow[]): void {
  if (stale.length === 0) return;
  const off = staleTotals(stale);
  outcome.counts.accepted -= off.rows;
  outcome.counts.rejected += off.rows;
  totals.corrections -= off.items;
  totals.updated -= off.rows;
  for (const [consequence, rows] of Object.entries(off.dip)) outcome.dip[consequence as keyof RowsOutcome['dip']] -= rows;
  const byRow = new Map(stale.map((s) => [s.row, s]));
  for (const row of stale) outcome.errors.push({ row: row.row, column: row.column, code: 'VERSION_CONFLICT', message: row.message });
  outcome.errorsTotal += stale.length;
  for (const row of stale) outcome.warned.delete(row.row);
  for (const sample of outcome.sample) {
    const row = byRow.get(sample.row);
    if (!row || sample.status !== 'accepted') continue;
    sample.status = 'rejected';
    sample.errors = [{ row: row.row, column: row.column, code: 'VERSION_CONFLICT', message: row.message }];
  }
}
