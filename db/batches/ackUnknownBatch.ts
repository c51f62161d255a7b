// Why an answer names a lote this computer does not have as it was sent: another desk's or another
// CRESS's lote, one not sent yet, or one a restore of an older backup undid (db/batches/undoneLotes.ts),
// which is named with its number, when it was sent and the restore that undid it.
import type { Database } from 'better-sqlite3';
import { basename } from 'node:path';
import { BATCH_STATE_LABELS, inSentence } from '../../shared/display/labels';
import { formatCount } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { getSettings } from '../settings';
import { statement } from '../statements';
import type { AckFile } from './ackRead';
import { requireBatchRow, type BatchRow } from './summary';
import { recordedUndoneLotes, undoneBefore } from './undoneLotes';

/**
 * What may explain an answer of items this computer never had: another desk of the CRESS (the head
 * office and each seccional number their lotes alike), another CRESS, or a restored backup.
 */
export function nothingKnown(db: Database): string {
  const seccional = getSettings(db)?.seccional;
  const desk = seccional ? `esta é a seccional ${seccional}` : 'esta é a sede';
  return `Confira se a confirmação é desta mesa (a sede e cada seccional têm lotes próprios, numerados da mesma forma; ${desk}) e deste CRESS; se for, uma cópia de segurança anterior a essas correções pode ter sido restaurada, e elas não estão mais neste computador. Nada foi alterado.`;
}

/** `O lote 2026-0001, enviado em …, foi desfeito pela restauração do backup … em …`, or null when no restore undid it. */
export function undoneByRestore(db: Database, uuid: string): string | null {
  const lote = recordedUndoneLotes(db)
    .filter((undone) => undone.uuid === uuid)
    .at(-1);
  if (!lote) return null;
  const sent = lote.sentAt ? `, enviado em ${formatDateTimeBr(lote.sentAt)},` : ', já exportado,';
  // The store that restore set aside is where the lote as it left still is.
  const aside = lote.previousStore ? ` (os dados de antes dela estão em ${basename(lote.previousStore)})` : '';
  return `O lote ${lote.number}${sent} foi desfeito pela restauração do backup ${basename(lote.backupFile)} em ${formatDateTimeBr(lote.restoredAt)}${aside}: o backup é anterior ao envio, e este computador não tem o lote como ele foi enviado.`;
}

/** Why a lote that was not sent cannot be answered, in the words of its state. */
export function notSentError(db: Database, batch: BatchRow): AppError {
  // Sent, then a restore of a backup from before it was sent took it back a step: say so.
  const undone = undoneByRestore(db, batch.uuid);
  if (undone && batch.state === 'cancelled') {
    // Under review in the backup: the restore (or the clerk after it) cancelled it here.
    return new AppError(
      'ACK_NOT_SENT',
      `${undone} No backup ele ainda estava em revisão; aqui ele foi cancelado, e suas correções voltaram para a fila: confira com a Implanta o que ela já aplicou antes de enviá-las de novo. Nada foi alterado.`,
    );
  }
  if (undone) {
    return new AppError(
      'ACK_NOT_SENT',
      `${undone} Aqui ele voltou a estar ${inSentence(BATCH_STATE_LABELS[batch.state])}, e é o mesmo lote: ${
        batch.state === 'exported' ? 'marque-o como enviado de novo e importe esta confirmação outra vez' : 'exporte-o e marque-o como enviado de novo, e importe esta confirmação outra vez'
      }. Nada foi alterado.`,
    );
  }
  const why: Record<string, string> = {
    open: 'ainda está em revisão: lacre, exporte e envie o pacote antes',
    sealed: 'foi lacrado, mas ainda não foi exportado: a Implanta não pode ter recebido o pacote desta mesa',
    exported: 'ainda não foi marcado como enviado: marque o envio antes de importar a confirmação',
    cancelled: 'foi cancelado nesta mesa, e suas correções voltaram para a fila: confira com a Implanta de que pacote é esta confirmação',
  };
  return new AppError('ACK_NOT_SENT', `O lote ${batch.number} ${why[batch.state] ?? why.exported}.${undoneBeforeNote(db, batch)} Nada foi alterado.`);
}

/** For a lote made after a restore undid a sent one: the answer may be that lote's, whose corrections this one carries again. */
function undoneBeforeNote(db: Database, batch: BatchRow): string {
  if (batch.state === 'cancelled') return '';
  const undone = undoneBefore(db, batch);
  if (undone.length === 0) return '';
  const lotes = undone.map((lote) => `${lote.number}${lote.sentAt ? `, enviado em ${formatDateTimeBr(lote.sentAt)},` : ''}`).join(' ou ');
  return ` Se a confirmação for do lote ${lotes} desfeito pela restauração de um backup em ${formatDateTimeBr(undone[0]!.restoredAt)}, as correções dele voltaram para a fila e estão neste lote: confira com a Implanta o que ela já aplicou antes de enviá-lo.`;
}

/** The lote of each item of this computer the answer names (null: an item in no lote). */
function batchesOfItems(db: Database, ids: readonly string[]): (number | null)[] {
  const correction = statement<{ batchId: number | null }>(db, 'SELECT batch_id AS batchId FROM corrections WHERE uuid = ?');
  const cepChange = statement<{ batchId: number | null }>(db, 'SELECT batch_id AS batchId FROM cep_changes WHERE uuid = ?');
  return ids.flatMap((id) => {
    const row = correction.get(id) ?? cepChange.get(id);
    return row ? [row.batchId] : [];
  });
}

/**
 * Why the lote the JSON names is not one of this computer's, in what the desk can see: its
 * identifier is another lote's under another number, a restore undid it, its number is another
 * lote's here (a backup older than the lote was restored and a new lote took the number), or the
 * corrections it answers are this computer's although the lote is not (the same restore). Only an
 * answer of nothing known here may be of another CRESS.
 */
export function unknownBatch(db: Database, ack: AckFile, named: BatchRow | null): AppError {
  const asked = ack.batch as NonNullable<AckFile['batch']>;
  if (named) {
    return new AppError(
      'ACK_UNKNOWN_BATCH',
      `O arquivo diz responder ao lote ${asked.number}, mas traz o identificador do lote ${named.number} deste computador: a confirmação foi alterada ou mistura dois lotes. Nada foi alterado: peça à Implanta a confirmação certa.`,
    );
  }
  const batchIds = batchesOfItems(
    db,
    ack.answers.map((a) => a.id),
  );
  const known = batchIds.length;
  const lotes = [...new Set(batchIds.flatMap((id) => (id === null ? [] : [requireBatchRow(db, id).number])))];
  const undone = undoneByRestore(db, asked.uuid);
  const same = asked.number === null ? undefined : statement<{ uuid: string }>(db, 'SELECT uuid FROM batches WHERE number = ?').get(asked.number);
  const which =
    undone ??
    (same
      ? `O arquivo responde ao lote ${asked.number} de identificador ${asked.uuid}, mas o lote ${asked.number} deste computador é outro (${same.uuid}).`
      : `O arquivo responde ao lote ${asked.number ?? asked.uuid}, que não existe neste computador.`);
  if (known === 0) {
    return new AppError(
      'ACK_UNKNOWN_BATCH',
      undone
        ? `${undone} As correções a que ele responde não estão no backup restaurado: a Implanta pode tê-las aplicado; confira com ela e registre de novo o que faltar. Nada foi alterado.`
        : `${which} ${nothingKnown(db)}`,
    );
  }
  const corrections = known === 1 ? 'A correção a que ele responde é deste computador' : `As ${formatCount(known)} correções a que ele responde são deste computador`;
  return new AppError(
    'ACK_UNKNOWN_BATCH',
    `${which} ${corrections}${undone ? '' : ': provavelmente uma cópia de segurança anterior ao lote foi restaurada, e este computador não o conhece mais'}. Nada foi alterado: ${
      lotes.length > 0
        ? `${known === 1 ? 'ela está' : 'elas estão'} ${lotes.length === 1 ? `no lote ${lotes[0]}` : `nos lotes ${lotes.join(', ')}`} deste computador; confira com a Implanta o que ela já aplicou e peça a confirmação desse lote.`
        : `confira com a Implanta o que ela já aplicou antes de enviar ${known === 1 ? 'essa correção' : 'essas correções'} de novo.`
    }`,
  );
}
