// The correction form as data: what the clerk typed, which fields really change, what is wrong
// with them, and the exact inputs for `corrections:preview` and `corrections:save`.
import type { Input } from '../../shared/contract';
import { EVIDENCE_KIND_MAX, EVIDENCE_NOTE_MAX } from '../../shared/contract/corrections';
import { formatCount } from '../../shared/display/numbers';
import { punctuate } from '../../shared/display/values';
import type { EvidenceArrival, Professional } from '../../shared/domain';
import { FIELD_GROUP_LABELS, FIELD_NAMES, FIELDS, type FieldGroup, type FieldName, type FieldValue } from '../../shared/fields';
import { formatDateBr, parseDateBr, todayIso } from '../../shared/rules/dates';
import { EVIDENCE_MESSAGES, evidenceProblem, isFutureEvidenceDate } from '../../shared/rules/evidence';
import { parseFieldValue } from '../../shared/rules/fieldValue';
import { MOTHER_MESSAGES } from '../../shared/rules/mother';
import { tooLongError } from './textLimit';

export type MotherChoice = 'name' | 'notListed';

/** Fields edited as text; the mother's name and flag are one choice, handled apart. */
export const TEXT_FIELDS = FIELD_NAMES.filter((f) => f !== 'motherName' && f !== 'motherNotListed');

export interface CorrectionDraft {
  /** Row version of the record when the clerk started; a newer one on save means someone else changed it. */
  baseRowVersion: number;
  /** Only the fields the clerk touched, as typed. */
  edits: Partial<Record<FieldName, string>>;
  /** null while the clerk has not chosen: the record's own state applies. */
  motherChoice: MotherChoice | null;
  reason: string;
  evidenceKind: string;
  evidenceArrival: EvidenceArrival;
  /** dd/mm/aaaa as typed. */
  evidenceDate: string;
  evidenceNote: string;
  /** Fields the clerk has left once: their errors show from then on. */
  visited: Partial<Record<string, true>>;
  /** Set by the first "Revisar correção": every error shows. */
  showAllErrors: boolean;
  /** Errors the store gave back, by field, until the clerk edits that field. */
  serverErrors: Partial<Record<string, string>>;
  /** An error that names no field. */
  topError: string | null;
  /** The record changed under the clerk (VERSION_CONFLICT). */
  conflict: boolean;
  /** The atendimento the correction deals with (linked when it is saved), or none. */
  contactId: number | null;
}

export function newDraft(professional: Professional, now: Date = new Date()): CorrectionDraft {
  return {
    baseRowVersion: professional.rowVersion,
    edits: {},
    motherChoice: null,
    reason: '',
    evidenceKind: '',
    evidenceArrival: 'in_person',
    evidenceDate: formatDateBr(todayIso(now)),
    evidenceNote: '',
    visited: {},
    showAllErrors: false,
    serverErrors: {},
    topError: null,
    conflict: false,
    contactId: null,
  };
}

/** What an input shows before the clerk edits it: the stored value in the form it is typed. */
/** The clerk typed something in the form (a field, the mother's choice, the reason or the document). */
export function draftTyped(draft: CorrectionDraft): boolean {
  return Object.keys(draft.edits).length > 0 || draft.motherChoice !== null || draft.reason !== '' || draft.evidenceKind !== '';
}

export function initialText(professional: Professional, field: FieldName): string {
  const value = professional[field];
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  return punctuate(FIELDS[field].rule, String(value));
}

export function shownText(draft: CorrectionDraft, professional: Professional, field: FieldName): string {
  return draft.edits[field] ?? initialText(professional, field);
}

export function recordMotherChoice(professional: Professional): MotherChoice | null {
  if (professional.motherNotListed) return 'notListed';
  return professional.motherName ? 'name' : null;
}

export function motherChoiceOf(draft: CorrectionDraft, professional: Professional): MotherChoice | null {
  return draft.motherChoice ?? recordMotherChoice(professional);
}

/** Text as it travels: trimmed, empty means "clear the field", birth dates in ISO. */
function toWire(field: FieldName, typed: string): string | null {
  const text = typed.trim();
  if (text === '') return null;
  if (FIELDS[field].rule === 'date') {
    const parsed = parseDateBr(text);
    return parsed.ok ? parsed.value : text;
  }
  return text;
}

function changesValue(professional: Professional, field: FieldName, typed: string | undefined): string | null | undefined {
  if (typed === undefined) return undefined;
  if (typed.trim() === initialText(professional, field).trim()) return undefined;
  const wire = toWire(field, typed);
  const parsed = parseFieldValue(field, wire);
  // Typed differently but meaning the same (a CPF without dots, a phone without brackets): no change.
  if (parsed.ok && parsed.value === (professional[field] ?? null)) return undefined;
  return wire;
}

/** Only the fields that really change, ready for `corrections:preview`. */
export function draftChanges(professional: Professional, draft: CorrectionDraft): Record<string, FieldValue> {
  const changes: Record<string, FieldValue> = {};
  for (const field of TEXT_FIELDS) {
    const value = changesValue(professional, field, draft.edits[field]);
    if (value !== undefined) changes[field] = value;
  }
  const choice = motherChoiceOf(draft, professional);
  if (choice === 'notListed' && !professional.motherNotListed) changes.motherNotListed = true;
  if (choice === 'name') {
    if (professional.motherNotListed) {
      changes.motherNotListed = false;
      changes.motherName = toWire('motherName', draft.edits.motherName ?? '');
    } else {
      const value = changesValue(professional, 'motherName', draft.edits.motherName);
      if (value !== undefined) changes.motherName = value;
    }
  }
  return changes;
}

/** Inline validation of the changed fields, with the same rules the store applies. */
export function fieldErrors(professional: Professional, draft: CorrectionDraft): Partial<Record<FieldName, string>> {
  const changes = draftChanges(professional, draft);
  const errors: Partial<Record<FieldName, string>> = {};
  for (const [field, value] of Object.entries(changes) as [FieldName, FieldValue][]) {
    if (field === 'motherNotListed') continue;
    const parsed = parseFieldValue(field, value);
    if (!parsed.ok) errors[field] = parsed.message;
  }
  const choice = motherChoiceOf(draft, professional);
  const name = (draft.edits.motherName ?? professional.motherName ?? '').trim();
  if (choice === 'name' && name === '' && ('motherName' in changes || 'motherNotListed' in changes)) {
    errors.motherName = MOTHER_MESSAGES.missing;
  }
  return errors;
}

export type EvidenceField = 'reason' | 'evidenceKind' | 'evidenceDate' | 'evidenceArrival' | 'evidenceNote';

/** The document and the note on it as their length's message names them, and how long they may be (the store's limits). */
const EVIDENCE_KIND = { name: 'Documento apresentado', max: EVIDENCE_KIND_MAX } as const;
export const EVIDENCE_NOTE = { name: 'Observação sobre o documento', max: EVIDENCE_NOTE_MAX } as const;

/** The evidence's problems; identification data among `changedFields` needs a real document named. */
/** The longest reason the store keeps ('corrections:save'). */
export const REASON_MAX = 500;

export function evidenceErrors(draft: CorrectionDraft, now: Date = new Date(), changedFields: readonly string[] = []): Partial<Record<EvidenceField, string>> {
  const errors: Partial<Record<EvidenceField, string>> = {};
  const reason = draft.reason.trim();
  if (reason === '') errors.reason = 'Informe o motivo da correção.';
  // The input has no maxLength (a pasted text would lose its end without a word): the rule says it.
  else if (reason.length > REASON_MAX) errors.reason = `Motivo muito longo: no máximo ${formatCount(REASON_MAX)} caracteres (tem ${formatCount(reason.length)}).`;
  const kindTooLong = tooLongError(EVIDENCE_KIND.name, draft.evidenceKind, EVIDENCE_KIND.max);
  if (draft.evidenceKind.trim().length < 2) {
    errors.evidenceKind = 'Informe o documento apresentado (ex.: RG, Certidão de casamento).';
  } else if (kindTooLong) {
    errors.evidenceKind = kindTooLong;
  } else {
    const noEvidence = evidenceProblem(changedFields, draft.evidenceKind);
    if (noEvidence) errors.evidenceKind = noEvidence;
    // A real document, but one that came by e-mail or phone: the way of arrival is what is wrong.
    else {
      const remote = evidenceProblem(changedFields, draft.evidenceKind, draft.evidenceArrival);
      if (remote) errors.evidenceArrival = remote;
    }
  }
  const date = parseDateBr(draft.evidenceDate);
  if (!date.ok) errors.evidenceDate = date.message;
  else if (isFutureEvidenceDate(date.value, todayIso(now))) errors.evidenceDate = EVIDENCE_MESSAGES.futureDate;
  const noteTooLong = tooLongError(EVIDENCE_NOTE.name, draft.evidenceNote, EVIDENCE_NOTE.max);
  if (noteTooLong) errors.evidenceNote = noteTooLong;
  return errors;
}

/**
 * The form's fields as it shows them, top to bottom: group by group, the mother's choice first in
 * Identificação, then what the correction is based on.
 */
export const FORM_ORDER: readonly (FieldName | EvidenceField)[] = [
  ...(Object.keys(FIELD_GROUP_LABELS) as FieldGroup[]).flatMap((group) => [
    ...(group === 'identification' ? (['motherName', 'motherNotListed'] as const) : []),
    ...TEXT_FIELDS.filter((f) => FIELDS[f].group === group),
  ]),
  'reason',
  'evidenceKind',
  'evidenceDate',
  'evidenceArrival',
  'evidenceNote',
];

/** The first field, as the form shows them, that has an error: where the focus goes. */
export function firstFieldWithError(errors: Partial<Record<string, string | null | undefined>>): FieldName | EvidenceField | undefined {
  return FORM_ORDER.find((field) => errors[field]);
}

export type SaveInput = Input<'corrections:save'>;

export function saveInput(
  professional: Professional,
  draft: CorrectionDraft,
  changes: Record<string, FieldValue>,
  dipAcknowledged: boolean,
): SaveInput {
  const date = parseDateBr(draft.evidenceDate);
  const note = draft.evidenceNote.trim();
  return {
    professionalId: professional.id,
    expectedRowVersion: draft.baseRowVersion,
    changes,
    reason: draft.reason.trim(),
    evidence: {
      kind: draft.evidenceKind.trim(),
      arrival: draft.evidenceArrival,
      date: date.ok ? date.value : draft.evidenceDate,
      note: note === '' ? null : note,
    },
    dipAcknowledged,
    ...(draft.contactId === null ? {} : { contactId: draft.contactId }),
  };
}
