// The soft rules of the Pendências worklist, run on the record the draft would make: per changed
// field, what the clerk should look at again before saving (a misspelt e-mail provider, a
// município outside its UF, a name that looks incomplete). Warnings never block saving; a value
// the rules refuse keeps its error instead, never both.
import type { Professional } from '../../shared/domain';
import type { ErrorCode } from '../../shared/errors';
import type { FieldName, FieldValue } from '../../shared/fields';
import { todayIso } from '../../shared/rules/dates';
import { formatCep, ufOfCep } from '../../shared/rules/cep';
import { parseFieldValue } from '../../shared/rules/fieldValue';
import { recordPendencies, type FoundPendency } from '../../shared/rules/pendencies';
import { draftChanges, fieldErrors, type CorrectionDraft } from './draft';

export interface FieldWarning {
  code: ErrorCode;
  message: string;
  /** The value the clerk probably means (a misspelt e-mail's corrected address). */
  suggestion?: string;
  /** The field the suggestion is for, when not the warning's own (a CEP of RJ on an SP record: the UF). */
  suggestionField?: FieldName;
}

export type DraftWarnings = Partial<Record<FieldName, FieldWarning[]>>;

/**
 * Fields whose value decides another field's pendência: a new UF can make the município, or the
 * CEP, wrong. Such a pendência shows under the changed field when its own field was left alone.
 */
const DECIDED_BY: Partial<Record<FieldName, readonly FieldName[]>> = {
  cep: ['uf'],
  city: ['uf'],
  birthCity: ['birthUf'],
};

/** The record as it would be saved: each changed value normalised by its rule; refused values keep the stored one. */
function draftRecord(professional: Professional, changes: Record<string, FieldValue>, refused: ReadonlySet<string>): Professional {
  const next: Record<string, unknown> = { ...professional };
  for (const [field, value] of Object.entries(changes) as [FieldName, FieldValue][]) {
    if (refused.has(field)) continue;
    const parsed = parseFieldValue(field, value);
    if (parsed.ok) next[field] = parsed.value;
  }
  if (next.motherNotListed === true) next.motherName = null;
  return next as unknown as Professional;
}

/** The form shows the mother's name and "Não consta mãe" as one field: the name's. */
function changedFieldsOf(changes: Record<string, FieldValue>): Set<FieldName> {
  const fields = new Set(Object.keys(changes) as FieldName[]);
  if (fields.delete('motherNotListed')) fields.add('motherName');
  return fields;
}

const sameFinding = (a: FoundPendency, b: FoundPendency) => a.code === b.code && a.field === b.field && a.message === b.message;

/** Where a pendência of the draft shows: its own field if changed, else the changed field that caused it, else nowhere. */
function shownUnder(found: FoundPendency, changed: ReadonlySet<FieldName>, stored: readonly FoundPendency[]): FieldName | null {
  if (found.field === null) return null;
  if (changed.has(found.field)) return found.field;
  // Already the record's own pendência: said at the top of the record, not repeated here.
  if (stored.some((s) => sameFinding(s, found))) return null;
  return DECIDED_BY[found.field]?.find((cause) => changed.has(cause)) ?? null;
}

/**
 * A new CEP of another UF: the real fix is usually the UF too (the professional moved), in the same
 * correction — the store refuses a CEP outside the record's UF that the council's directory lacks.
 */
function ufForCep(changes: Record<string, FieldValue>, professional: Professional): Partial<FieldWarning> {
  const cep = typeof changes.cep === 'string' ? parseFieldValue('cep', changes.cep) : null;
  const uf = cep?.ok && typeof cep.value === 'string' ? ufOfCep(cep.value) : null;
  const recordUf = typeof changes.uf === 'string' ? changes.uf : professional.uf;
  if (!uf || !cep?.ok || uf === recordUf) return {};
  return { message: CEP_OF_ANOTHER_UF(formatCep(cep.value as string), uf, recordUf ?? '—'), suggestion: uf, suggestionField: 'uf' };
}

const CEP_OF_ANOTHER_UF = (cep: string, uf: string, recordUf: string) =>
  `O CEP ${cep} é de ${uf}, e o cadastro está em ${recordUf}. Se a/o profissional mudou de estado, mude a UF junto, na mesma correção.`;

/**
 * The worklist's pendências of the draft, under the changed field each belongs to, minus those of
 * fields showing an error. `sharedEmail`: the typed address the store says another record holds.
 */
export function draftWarnings(professional: Professional, draft: CorrectionDraft, now: Date = new Date(), sharedEmail: string | null = null): DraftWarnings {
  const changes = draftChanges(professional, draft);
  const changed = changedFieldsOf(changes);
  if (changed.size === 0) return {};
  const errors = fieldErrors(professional, draft);
  const hasError = (field: FieldName) =>
    errors[field] !== undefined || draft.serverErrors[field] !== undefined || (field === 'motherName' && draft.serverErrors.motherNotListed !== undefined);
  const refused = new Set(Object.keys(changes).filter((f) => hasError(f as FieldName)));
  // What the renderer can know: no CEP directory, no DIP history; of other records, only whether
  // one holds the typed e-mail (asked of the store).
  const context = { today: todayIso(now) };
  const stored = recordPendencies(professional, context);
  const warnings: DraftWarnings = {};
  const emailIsShared = (email: string) => email === sharedEmail;
  for (const found of recordPendencies(draftRecord(professional, changes, refused), { ...context, emailIsShared })) {
    const field = shownUnder(found, changed, stored);
    if (field === null || hasError(field) || (found.field !== null && hasError(found.field))) continue;
    const warning: FieldWarning = { code: found.code, message: found.message };
    if (found.suggestion !== undefined) warning.suggestion = found.suggestion;
    if (found.code === 'CEP_UF_MISMATCH') Object.assign(warning, ufForCep(changes, professional));
    (warnings[field] ??= []).push(warning);
  }
  return warnings;
}
