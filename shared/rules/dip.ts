// What changing identification data means for the professional's DIP request, in the clerk's words.
import type { DipConsequence, DipStatus, DipWarning } from '../domain';

/**
 * Seed case G: identification data changed on a professional whose DIP request was confirmed
 * must also be corrected on the DIP request at Implanta — possible only until manufacture.
 */
export function dipConsequence(status: DipStatus, identificationChanged: boolean): DipConsequence {
  if (!identificationChanged) return 'none';
  if (status === 'confirmed') return 'correct_dip_request';
  // A card made (and perhaps already in the professional's hands) cannot be corrected.
  if (status === 'in_manufacture' || status === 'issued' || status === 'delivered') return 'new_card_required';
  return 'none';
}

export const DIP_CONSEQUENCE_MESSAGES: Record<DipConsequence, string | null> = {
  none: null,
  correct_dip_request:
    'A solicitação do DIP da/o profissional já foi confirmada: a Implanta também precisará corrigir a solicitação do DIP. Isso ficará registrado na correção.',
  new_card_required:
    'O DIP da/o profissional já foi enviado para confecção: a correção será feita no cadastro, mas o cartão não poderá ser corrigido. Oriente a/o profissional a solicitar um novo DIP.',
};

export const DIP_CONSEQUENCE_LABELS: Record<DipConsequence, string> = {
  none: 'Nenhuma',
  correct_dip_request: 'Corrigir solicitação do DIP',
  new_card_required: 'Novo DIP necessário',
};

/**
 * Warnings that do not change what goes to Implanta but that the clerk must pass on (seed case G):
 * a DIP only requested would be confirmed with the old data.
 */
export const DIP_WARNING_MESSAGES: Record<DipWarning, string> = {
  wait_for_sync:
    'A/O profissional já solicitou o DIP, mas ainda não confirmou: oriente a/o profissional a não confirmar a solicitação do DIP até a correção ser sincronizada pela Implanta (cerca de 24 horas depois do envio do lote).',
};

/** The warning a change of identification data carries on a DIP in this state, if any. */
export function dipWarning(status: DipStatus, identificationChanged: boolean): DipWarning | null {
  // Awaiting the paper side, the request is not confirmed yet either.
  return identificationChanged && (status === 'requested' || status === 'awaiting_documents') ? 'wait_for_sync' : null;
}
