// Pieces every kind of import shares: the row's reason, the duplicate message, the cells worth checking.
import { formatFieldValue } from '../../../shared/display/values';
import type { Professional } from '../../../shared/domain';
import { FIELDS, isFieldName } from '../../../shared/fields';
import { parseFieldValue } from '../../../shared/rules/fieldValue';
import { importTargetLabel, type ImportTarget } from '../../../shared/contract/imports';
import { plainLine } from '../../../shared/text';
import type { ColumnMap, RowIssue } from '../columns';
import type { ProcessorContext } from './types';

const REASON_MIN = 5;
const REASON_MAX = 500;

/** The row's "Motivo", or the import's default when empty; a too short or long one is a problem of the row. */
export function reasonOf(context: ProcessorContext, cells: readonly string[], issues: RowIssue[]): string {
  const { columns } = context;
  // Words only, as a reason typed in the app (shared/contract/common.ts, typedLine).
  const reason = plainLine(columns.cell(cells, 'reason'));
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

/**
 * DUPLICATE_CONFLICT: an earlier row of the file gave this record another value for the field (or,
 * `linked`, for a field that goes with it: "Nome da mãe" and "Não consta mãe").
 */
export function duplicateIssue(columns: ColumnMap, field: string, earlierRow: number, subject: string, linked?: string, allOrNothing = false): RowIssue {
  const what = linked === undefined ? targetLabel(field) : `${targetLabel(field)} e ${targetLabel(linked)}, que andam juntos`;
  // "All or nothing" writes no row, the earlier one neither: the report (the refused rows alone) is no file to import then.
  const remedy = allOrNothing
    ? `Só uma das duas pode valer: deixe na planilha só a linha com o valor certo e importe a planilha inteira de novo (com “tudo ou nada”, nenhuma linha foi gravada).`
    : `Aquela linha vale. Se o certo for o valor desta linha, importe-a de novo (pelo relatório de erros); se não, apague-a do relatório.`;
  return {
    column: columns.columnFor(field),
    code: 'DUPLICATE_CONFLICT',
    message: `${subject} já aparece na linha ${earlierRow} desta planilha com outro valor para ${what}. ${remedy}`,
  };
}

/**
 * Digits-only fields: how many digits they keep, and the fewest a number cell may have left after
 * losing leading zeros (as parseCpf and parseCep accept them).
 */
const DIGIT_FIELDS: Record<string, { width: number; shortest: number }> = { cpf: { width: 11, shortest: 1 }, cep: { width: 8, shortest: 7 }, phone: { width: 0, shortest: 0 } };

/** The cell as the stored form of a digits field would be, or null when it is not that simple. */
function digitsLike(field: string, value: string): string | null {
  const rule = DIGIT_FIELDS[field];
  if (rule === undefined || !/^[\d\s().-]+$/.test(value)) return null;
  const digits = value.replace(/\D/g, '');
  if (rule.width === 0 || digits.length === rule.width) return digits;
  return digits.length >= rule.shortest && digits.length < rule.width ? digits.padStart(rule.width, '0') : null;
}

/**
 * A row repeating the record's mother fact as the pendências export wrote it (an empty name, "Não")
 * does not touch it: a record missing its mother then still takes the e-mail fixed on that row, and
 * the mother stays a pendência (seed cases D and F) instead of refusing the row as MOTHER_MISSING.
 */
function repeatsMotherFact(field: string, stored: unknown, value: string): boolean {
  if (field !== 'motherName' && field !== 'motherNotListed') return false;
  const parsed = parseFieldValue(field, value);
  return parsed.ok && (parsed.value ?? null) === (stored ?? null);
}

/**
 * The requested values that are not, as written, what the record already holds. Stored values are
 * already normalised, so a cell equal to one — or to it as the desk's own exports write it (a date
 * dd/mm/aaaa, a CPF punctuated), or, for CPF, CEP and phone, equal once punctuation and lost leading
 * zeros are accounted for — is no change and need not be checked again: on a monthly file where most
 * cells repeat the registry, that is most of the checking, and the Pendências worklist imports back
 * untouched even where a stored value breaks today's rules (a birth date found implausible).
 */
export function differing(current: Professional, requested: Record<string, string>): Record<string, string> {
  const record = current as unknown as Record<string, unknown>;
  const rest: Record<string, string> = {};
  for (const [field, value] of Object.entries(requested)) {
    const stored = record[field];
    if (stored === value) continue;
    if (typeof stored === 'string' && field in DIGIT_FIELDS && digitsLike(field, value) === stored) continue;
    if (typeof stored === 'string' && stored !== '' && formatFieldValue(field, stored, '') === value) continue;
    if (repeatsMotherFact(field, stored, value)) continue;
    rest[field] = value;
  }
  return rest;
}
