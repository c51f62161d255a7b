// What makes a supporting document acceptable for a correction, the same for the form, the store,
// the command line and the imports: identification data (what the DIP prints) is changed only
// against a document really seen — brought in person or sent by post, as the council's notice says
// (case G); what arrives by e-mail or is told over the phone backs contact data only — and a
// document is never received in the future.
import type { EvidenceArrival } from '../domain';
import { FIELDS, fieldLabel, isFieldName, MOTHER_FACT_FIELD } from '../fields';

/**
 * Words that stand for "no document": defaults of older versions and of tools, never evidence of
 * identification data.
 */
const PLACEHOLDER_EVIDENCE = ['nao informado', 'planilha importada', 'sem documento', 'nenhum', '-'];

export const EVIDENCE_MESSAGES = {
  futureDate: 'A data de recebimento não pode estar no futuro.',
  identificationRequired: (labels: string[]) =>
    `Correção de dados de identificação (${labels.join(', ')}) exige o documento comprobatório apresentado pela/o profissional: informe qual documento foi conferido.`,
  identificationNotRemote: (labels: string[]) =>
    `Dados de identificação (${labels.join(', ')}) só são corrigidos com o documento apresentado pessoalmente ou enviado pelos Correios: o que chega por e-mail ou telefone serve só para dados de contato.`,
} as const;

/** The identification fields among those a correction changes (the mother fact counts as one). */
export function identificationFieldsOf(fields: Iterable<string>): string[] {
  const found: string[] = [];
  for (const field of fields) {
    const identification = isFieldName(field) ? FIELDS[field].identification : field === MOTHER_FACT_FIELD;
    if (identification) found.push(field);
  }
  return found;
}

/** True when the text names no document at all (empty, or a placeholder such as "Não informado"). */
export function isPlaceholderEvidence(kind: string | null | undefined): boolean {
  const folded = (kind ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase();
  return folded === '' || PLACEHOLDER_EVIDENCE.includes(folded);
}

/** Ways of arrival that never back identification data: no original document was seen. */
const REMOTE_ARRIVALS: ReadonlySet<EvidenceArrival> = new Set(['email', 'phone']);

/** Why this evidence cannot back a change of these fields, or null when it can. `arrival`: how it reached the council, when known. */
export function evidenceProblem(changedFields: Iterable<string>, kind: string | null | undefined, arrival: EvidenceArrival | null = null): string | null {
  const identification = identificationFieldsOf(changedFields);
  if (identification.length === 0) return null;
  const labels = [...new Set(identification.map((f) => fieldLabel(f === 'motherName' || f === 'motherNotListed' ? MOTHER_FACT_FIELD : f)))];
  if (isPlaceholderEvidence(kind)) return EVIDENCE_MESSAGES.identificationRequired(labels);
  if (arrival !== null && REMOTE_ARRIVALS.has(arrival)) return EVIDENCE_MESSAGES.identificationNotRemote(labels);
  return null;
}

/** An evidence date (ISO `aaaa-mm-dd`) after today (ISO too) is refused. */
export function isFutureEvidenceDate(isoDate: string, todayIso: string): boolean {
  return isoDate > todayIso;
}
