// Words for the closed vocabularies people read, on screen, in the command line and in the lote
// package: one table per vocabulary, with a word for every code (the unit tests enumerate them).
import type { BatchState, CorrectionSource, CorrectionStatus, EvidenceArrival } from '../domain';

export const CORRECTION_STATUS_LABELS: Record<CorrectionStatus, string> = {
  pending: 'Pendente',
  batched: 'Em lote',
  sent: 'Enviada',
  synced: 'Sincronizada',
  rejected: 'Rejeitada',
  cancelled: 'Cancelada',
};

export const EVIDENCE_ARRIVAL_LABELS: Record<EvidenceArrival, string> = {
  in_person: 'Pessoalmente',
  post: 'Pelos Correios',
  email: 'Por e-mail',
  phone: 'Por telefone',
};

/** These words are also in the CSV of every lote package: changing one changes the package bytes. */
export const CORRECTION_SOURCE_LABELS: Record<CorrectionSource, string> = {
  manual: 'Manual',
  import: 'Importação',
  conflict: 'Cadastro principal (conflito)',
};

export const BATCH_STATE_LABELS: Record<BatchState, string> = {
  open: 'Em revisão',
  sealed: 'Lacrado',
  exported: 'Exportado',
  sent: 'Enviado',
  acknowledged: 'Respondido',
  cancelled: 'Cancelado',
};

/** The word for a code read back from the store or a file; a code the table does not know is shown as it is. */
export function labelOf<Code extends string>(labels: Readonly<Record<Code, string>>, code: string): string {
  return Object.hasOwn(labels, code) ? labels[code as Code] : code;
}

/** A label inside a sentence: "Em revisão" → "o lote está em revisão". */
export function inSentence(label: string): string {
  return label.charAt(0).toLocaleLowerCase('pt-BR') + label.slice(1);
}
