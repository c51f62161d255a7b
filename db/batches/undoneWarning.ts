// A package of a lote a restore undid on this desk: the package itself is sound, so checking it
// passes, but this desk no longer holds the lote as it left and refuses Implanta's answer to it
// (db/batches/ackUnknownBatch.ts). The check says so, naming the restore, instead of passing in silence.
import type { Database } from 'better-sqlite3';
import { basename } from 'node:path';
import type { VerifyResult } from '../../shared/contract/batches';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { openStoreReader } from '../connections';
import { statement } from '../statements';
import { recordedUndoneLotes } from './undoneLotes';

/** Why a package of lote `uuid` must not go to Implanta from this desk; null when no restore took the lote away. */
export function undoneLoteWarning(db: Database, uuid: string): { code: string; message: string } | null {
  const lote = recordedUndoneLotes(db)
    .filter((undone) => undone.uuid === uuid)
    .at(-1);
  if (!lote) return null;
  // Back on this desk at a step before sending (or sent again since): the same lote and package.
  const now = statement<{ state: string }>(db, 'SELECT state FROM batches WHERE uuid = ?').get(uuid);
  if (now && now.state !== 'cancelled') return null;
  const aside = lote.previousStore ? ` (os dados de antes dela estão em ${basename(lote.previousStore)})` : '';
  const restore = `pela restauração do backup ${basename(lote.backupFile)} em ${formatDateTimeBr(lote.restoredAt)}${aside}`;
  const sent = lote.sentAt
    ? ` Ele foi enviado em ${formatDateTimeBr(lote.sentAt)}: confira com a Implanta o que ela já aplicou, e não o envie de novo.`
    : ' Não envie este pacote.';
  return {
    code: 'BATCH_UNDONE',
    message: `O lote ${lote.number} foi desfeito nesta mesa ${restore}: esta mesa não tem mais o lote como ele saiu, e a resposta da Implanta a ele será recusada.${sent}`,
  };
}

/** The check's result with that warning when its lote is one a restore took away from the store at `storePath`. */
export function withUndoneWarning(storePath: string, result: VerifyResult): VerifyResult {
  if (!result.batch) return result;
  let db: Database;
  try {
    db = openStoreReader(storePath);
  } catch {
    // No store to ask (a package checked away from its desk): nothing to add.
    return result;
  }
  try {
    const warning = undoneLoteWarning(db, result.batch.id);
    return warning ? { ...result, warnings: [warning] } : result;
  } finally {
    db.close();
  }
}
