// Pieces every kind of import shares: the row's reason, the duplicate message, the cells worth checking.
import type { Professional } from '../../../shared/domain';
import { FIELDS, isFieldName } from '../../../shared/fields';
import { importTargetLabel, type ImportTarget } from '../../../shared/contract/imports';
import type { ColumnMap, RowIssue } from '../columns';
import type { ProcessorContext } from './types';

const REASON_MIN = 5;
const REASON_MAX = 500;

/** The row's "Motivo", or the import's default when empty; a too short or long one is a problem of the row. */
export function reasonOf(context: ProcessorContext, cells: readonly string[], issues: RowIssue[]): string {
  const { columns } = context;
  const reason = columns.cell(cells, 'reason').replace(/\s+/g, ' ');
  if (reason === '') return context.defaultReason;
  if (reason.length < REASON_MIN) {
    issues.push({ column: columns.columnOf('reason'), code: 'REASON_REQUIRED', message: `Motivo curto demais: escreva pelo menos ${REASON_MIN} caracteres.` });
  } else if (reason.length > REASON_MAX) {
    issues.push({ column: columns.columnOf('reason'), code: 'VALUE_TOO_LONG', message: `Motivo muito longo: no máximo ${REASON_MAX} caracteres.` });
  }
  return reason;
}

export function targetLabel(field: string): string {
  if (isFieldName(field)) return FIELDS[field].label;
  return importTargetLabel(field as ImportTarget);
}

/** DUPLICATE_CONFLICT: an earlier row of the file gave this record another value for the field. */
export function duplicateIssue(columns: ColumnMap, field: string, earlierRow: number, subject: string): RowIssue {
  return {
    column: columns.columnFor(field),
    code: 'DUPLICATE_CONFLICT',
    message: `${subject} já aparece na linha ${earlierRow} desta planilha com outro valor para ${targetLabel(field)}, e aquela linha vale. Se o certo for o valor desta linha, importe-a de novo (pelo relatório de erros); se não, apague-a do relatório.`,
  };
}

/**
 * The requested values that are not, as written, what the record already holds. Stored values are
 * already normalised, so a cell equal to one is no change and need not be parsed again — on a
 * monthly file where most cells repeat the registry, this is most of the checking.
 */
export function differing(current: Professional, requested: Record<string, string>): Record<string, string> {
  const record = current as unknown as Record<string, unknown>;
  const rest: Record<string, string> = {};
  for (const [field, value] of Object.entries(requested)) {
    if (record[field] !== value) rest[field] = value;
  }
  return rest;
}
