// The DIP's paper side in the clerk's words, and when it is complete: the signed form, the 3×4
// photo and the payment receipt arrive by post or in person while the request waits for them.
import type { DipPaperItem, DipPaperWay, DipStatus } from '../domain';

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

/** The paper side is complete for a DIP that waits for it: nothing missing. */
export function paperComplete(status: DipStatus, missing: readonly DipPaperItem[]): boolean {
  return waitsForPaper(status) && missing.length === 0;
}

/** What the record and the command line say of the paper side, in one line. */
export function paperSummary(paper: { dipStatus: DipStatus; missing: readonly DipPaperItem[]; complete: boolean }): string {
  if (paper.complete) return 'Documentos completos';
  if (paper.missing.length === 0) return 'Todos os documentos chegaram';
  return `Faltam: ${paper.missing.map((item) => DIP_PAPER_ITEM_LABELS[item]).join(', ')}`;
}
