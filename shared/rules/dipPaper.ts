// The DIP's paper side in the clerk's words, and when it is complete: the signed form, the 3×4
// photo and the payment receipt arrive by post or in person while the request waits for them.
// Paper is taken while a request can still use it, from 2000 on, and does not apply otherwise.
import type { DipPaperItem, DipPaperWay, DipStatus } from '../domain';
import { DIP_LABELS } from './vocabulary';

export const DIP_PAPER_ITEM_LABELS: Record<DipPaperItem, string> = {
  form: 'Formulário assinado',
  photo: 'Foto 3×4',
  payment_receipt: 'Comprovante de pagamento',
};

export const DIP_PAPER_WAY_LABELS: Record<DipPaperWay, string> = {
  post: 'Correios',
  in_person: 'Pessoalmente',
};

/** The DIP states in which the council still waits for the paper side. */
export function waitsForPaper(status: DipStatus): boolean {
  return status === 'requested' || status === 'awaiting_documents';
}

/**
 * The DIP states in which an arrival is recorded: those that wait for paper, and `confirmed` — a
 * confirmed request being corrected goes to Implanta with the paper items received
 * (docs/batch-format.md, `paperItems`), and an item posted before the confirmation may reach the
 * council after it. Not `none` (there is no request the paper belongs to) nor `in_manufacture`,
 * `issued`, `delivered` (the card is being made or is made: the request no longer waits for paper).
 * An undo is not bound by this: a mistaken arrival can be undone whatever the state now.
 */
export function takesPaper(status: DipStatus): boolean {
  return waitsForPaper(status) || status === 'confirmed';
}

/**
 * The first day an arrival may carry. The desk does not know when a DIP was requested:
 * `dip_status_at` is when it learnt the current status (a registry load, an answer of Implanta), and
 * paper can reach the council before the desk learns of the request; a record's `created_at` is when
 * it was loaded into the desk, after a backlog of paper the clerk may still enter. So the floor is
 * fixed, well before any request this desk handles: an earlier day is a mistyped year (1900, 1925…).
 */
export const DIP_PAPER_EARLIEST = '2000-01-01';

/** The paper side is complete for a DIP that waits for it: nothing missing. */
export function paperComplete(status: DipStatus, missing: readonly DipPaperItem[]): boolean {
  return waitsForPaper(status) && missing.length === 0;
}

/** What the record and the command line say of the paper side, in one line. */
export function paperSummary(paper: { dipStatus: DipStatus; missing: readonly DipPaperItem[]; complete: boolean }): string {
  if (paper.complete) return 'Documentos completos';
  if (paper.missing.length === 0) return 'Todos os documentos chegaram';
  // A DIP not waiting for paper lacks nothing: saying "Faltam" of an issued card would mislead.
  if (!waitsForPaper(paper.dipStatus)) return `Documentos do DIP não se aplicam: o DIP está “${DIP_LABELS[paper.dipStatus]}” e não espera documentos.`;
  return `Faltam: ${paper.missing.map((item) => DIP_PAPER_ITEM_LABELS[item]).join(', ')}`;
}
