// What the chain's verification (db/audit.ts) says of the sections signed by a key this desk no
// longer holds, and of a key that started without a restore: the words alone, kept apart from the
// chain's arithmetic.

/**
 * What a new key cannot vouch for: it seals the rows as they are when it starts (auditSeals.ts
 * sealAll), so a change made outside the desk before that reads as theirs from then on.
 */
const RESEALED =
  'Cadastros e correções foram selados de novo como estavam nesse momento: uma alteração feita neles antes, fora do CRESS Desk, não pode mais ser apontada pela conferência.';

/** The entries `from`..`startedAt - 1`, signed by a key this desk does not hold, checked by SHA-256 only; `when`: the new key's start. */
export function uncheckableSectionNotice(reason: unknown, from: number, startedAt: number, when: string): string {
  const one = from === startedAt - 1;
  const range = one ? `A entrada ${from} foi assinada` : `As entradas ${from} a ${startedAt - 1} foram assinadas`;
  return reason === 'key_replaced'
    ? `${range} com uma chave que se perdeu; uma nova chave assina o histórico desde a entrada ${startedAt} (${when}). ${one ? 'Ela foi conferida' : 'Elas foram conferidas'} só pela soma SHA-256. ${RESEALED}`
    : `${range} em outro computador (backup restaurado): ${one ? 'conferida' : 'conferidas'} só pela soma SHA-256. A chave deste computador assina o histórico desde a entrada ${startedAt} (${when}). ${RESEALED}`;
}

export function otherKeyProblem(entry: number): string {
  return `Na entrada ${entry} o banco passou a ser assinado pela chave deste computador sem uma restauração de backup: as entradas anteriores foram assinadas com outra chave e não podem ser conferidas.`;
}
