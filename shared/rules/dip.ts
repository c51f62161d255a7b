// What changing identification data means for the professional's DIP request, in the clerk's words.
import type { DipConsequence, DipStatus } from '../domain';

/**
 * Seed case G: identification data changed on a professional whose DIP request was confirmed
 * must also be corrected on the DIP request at Implanta — possible only until manufacture.
 */
export function dipConsequence(status: DipStatus, identificationChanged: boolean): DipConsequence {
  if (!identificationChanged) return 'none';
  if (status === 'confirmed') return 'correct_dip_request';
  if (status === 'in_manufacture' || status === 'issued') return 'new_card_required';
  return 'none';
}

export const DIP_CONSEQUENCE_MESSAGES: Record<DipConsequence, string | null> = {
  none: null,
  correct_dip_request:
    'A solicitação do DIP desta profissional já foi confirmada: a Implanta também precisará corrigir a solicitação do DIP. Isso ficará registrado na correção.',
  new_card_required:
    'O DIP desta profissional já foi enviado para confecção: a correção será feita no cadastro, mas o cartão não poderá ser corrigido. Oriente a solicitação de um novo DIP.',
};

export const DIP_CONSEQUENCE_LABELS: Record<DipConsequence, string> = {
  none: 'Nenhuma',
  correct_dip_request: 'Corrigir solicitação do DIP',
  new_card_required: 'Novo DIP necessário',
};
