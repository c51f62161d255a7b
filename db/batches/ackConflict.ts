// A correction already answered that the file answers otherwise (ACK_CONFLICT): nothing is changed,
// and each one is named so the clerk finds it at the desk (the professional's CPF) and in the file
// (its line, and sheet, or item; the correction's id), with what it was answered before and now.
import { formatCount } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import type { ItemNamer } from './ackJsonErrors';
import { listShown, placeOf } from './ackPlace';
import type { AckAnswer, AckFormat } from './ackTypes';

/** An answer of the file against what the correction was answered before. */
export interface Conflict {
  answer: AckAnswer;
  /** Its status now, and whether Implanta said it corrected the DIP request too (0: registry only). */
  before: { status: string; dipRequestCorrected: number | null };
}

const REGISTRY_ONLY = 'aplicada no cadastro, DIP não corrigido';
const STATUS_WORDS: Record<string, string> = { synced: 'aplicada', rejected: 'rejeitada' };

export function conflictRefusal(format: AckFormat, conflicts: readonly Conflict[], nameOf: ItemNamer): AppError {
  const [first] = conflicts as [Conflict];
  const now = first.answer.registryOnly ? REGISTRY_ONLY : STATUS_WORDS[first.answer.status];
  const before = first.before.status === 'synced' && first.before.dipRequestCorrected === 0 ? REGISTRY_ONLY : STATUS_WORDS[first.before.status];
  const named = conflicts.map(({ answer }) => {
    const who = nameOf(answer.id);
    return who === null ? `id ${answer.id} (${placeOf(format, answer)})` : `${who} (${placeOf(format, answer)}, id ${answer.id})`;
  });
  const one = conflicts.length === 1;
  return new AppError(
    'ACK_CONFLICT',
    `${one ? 'Uma correção já respondida recebe' : `${formatCount(conflicts.length)} correções já respondidas recebem`} outra resposta neste arquivo: ${listShown(named)}${one ? ',' : '; a primeira,'} antes “${before}”, agora “${now}”. Nada foi alterado: confira com a Implanta qual resposta vale.`,
    { details: { ids: conflicts.map(({ answer }) => answer.id) } },
  );
}
