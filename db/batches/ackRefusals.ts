// The words of an answer of Implanta refused before anything is applied: the lote is not sent, the
// lote is not one of this computer's, or its ids are not; each says what the desk can see and that
// nothing was changed.
import type { Database } from 'better-sqlite3';
import { formatCount } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import { getSettings } from '../settings';
import { statement } from '../statements';
import type { AckFile } from './ackRead';
import { requireBatchRow, type BatchRow } from './summary';

const SHOWN_IDS = 5;

/** The lote of an item of this computer (null when in none), or undefined for an id unknown here. */
export type BatchOfItem = (id: string) => number | null | undefined;

export function listIds(ids: string[]): string {
  const shown = ids.slice(0, SHOWN_IDS).join(', ');
  return ids.length > SHOWN_IDS ? `${shown} e mais ${formatCount(ids.length - SHOWN_IDS)}` : shown;
}

/** Why a lote that was not sent cannot be answered, in the words of its state. */
export function notSentError(batch: BatchRow): AppError {
  const why: Record<string, string> = {
    open: 'ainda está em revisão: lacre, exporte e envie o pacote antes',
    sealed: 'foi lacrado, mas ainda não foi exportado: a Implanta não pode ter recebido o pacote desta mesa',
    exported: 'ainda não foi marcado como enviado: marque o envio antes de importar a confirmação',
    cancelled: 'foi cancelado nesta mesa, e suas correções voltaram para a fila: confira com a Implanta de que pacote é esta confirmação',
  };
  return new AppError('ACK_NOT_SENT', `O lote ${batch.number} ${why[batch.state] ?? why.exported}. Nada foi alterado.`);
}

/**
 * What may explain an answer of items this computer never had: another desk of the CRESS (the head
 * office and each seccional number their lotes alike), another CRESS, or a restored backup.
 */
export function nothingKnown(db: Database): string {
  const seccional = getSettings(db)?.seccional;
  const desk = seccional ? `esta é a seccional ${seccional}` : 'esta é a sede';
  return `Confira se a confirmação é desta mesa (a sede e cada seccional têm lotes próprios, numerados da mesma forma; ${desk}) e deste CRESS; se for, uma cópia de segurança anterior a essas correções pode ter sido restaurada, e elas não estão mais neste computador. Nada foi alterado.`;
}

/**
 * Why the lote the JSON names is not one of this computer's, in what the desk can see: its
 * identifier is another lote's under another number, its number is another lote's here (a backup
 * older than the lote was restored and a new lote took the number), or the corrections it answers
 * are this computer's although the lote is not (the same restore). Only an answer of nothing known
 * here may be of another CRESS.
 */
export function unknownBatch(db: Database, ack: AckFile, named: BatchRow | null, batchOf: BatchOfItem): AppError {
  const asked = ack.batch as NonNullable<AckFile['batch']>;
  if (named) {
    return new AppError(
      'ACK_UNKNOWN_BATCH',
      `O arquivo diz responder ao lote ${asked.number}, mas traz o identificador do lote ${named.number} deste computador: a confirmação foi alterada ou mistura dois lotes. Nada foi alterado: peça à Implanta a confirmação certa.`,
    );
  }
  const batchIds = ack.answers.map((a) => batchOf(a.id)).filter((batchId) => batchId !== undefined);
  const known = batchIds.length;
  const lotes = [...new Set(batchIds.flatMap((batchId) => (batchId === null ? [] : [requireBatchRow(db, batchId).number])))];
  const same = asked.number === null ? undefined : statement<{ uuid: string }>(db, 'SELECT uuid FROM batches WHERE number = ?').get(asked.number);
  const which = same
    ? `O arquivo responde ao lote ${asked.number} de identificador ${asked.uuid}, mas o lote ${asked.number} deste computador é outro (${same.uuid}).`
    : `O arquivo responde ao lote ${asked.number ?? asked.uuid}, que não existe neste computador.`;
  if (known === 0) return new AppError('ACK_UNKNOWN_BATCH', `${which} ${nothingKnown(db)}`);
  const corrections = known === 1 ? 'A correção a que ele responde é deste computador' : `As ${formatCount(known)} correções a que ele responde são deste computador`;
  return new AppError(
    'ACK_UNKNOWN_BATCH',
    `${which} ${corrections}: provavelmente uma cópia de segurança anterior ao lote foi restaurada, e este computador não o conhece mais. Nada foi alterado: ${
      lotes.length > 0
        ? `${known === 1 ? 'ela está' : 'elas estão'} ${lotes.length === 1 ? `no lote ${lotes[0]}` : `nos lotes ${lotes.join(', ')}`} deste computador; confira com a Implanta o que ela já aplicou e peça a confirmação desse lote.`
        : `confira com a Implanta o que ela já aplicou antes de enviar ${known === 1 ? 'essa correção' : 'essas correções'} de novo.`
    }`,
  );
}
