// A store refused as damaged while a -wal lies beside it may be sound on its own: the -wal of a desk
// killed outright, left beside another copy of the store put in its place. SQLite reads the two
// together and finds pages of two stores. Read alone — a private copy of the file, without that
// -wal, so nothing beside the store is touched — the file tells which it is; when it is sound, the
// refusal says what really happened and what to do, instead of "damaged: restore a backup".
import { constants, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../shared/errors';
import { openBackupCopy } from './connections';
import { schemaVersionOf } from './migrate';

function staleLogError(path: string, log: string): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `O arquivo de dados "${path}" está íntegro, mas o registro de alterações ao lado dele, "${log}", não é dele: é de outra cópia do banco (a de um CRESS Desk encerrado à força antes de este arquivo ser posto no lugar). ` +
      `Nada foi alterado. Para abrir o arquivo como está, mova "${log}" para outra pasta (guarde-o: as últimas alterações daquela cópia estão nele) e tente de novo.`,
    { details: { path, log, cause: 'stale log' } },
  );
}

/** Is the file, read without any -wal, a sound store of ours? Never touches the file nor what lies beside it. */
function soundWithoutLog(path: string): boolean {
  let folder: string | null = null;
  try {
    folder = mkdtempSync(join(tmpdir(), 'cress-desk-check-'));
    const copy = join(folder, 'store.sqlite');
    copyFileSync(path, copy, constants.COPYFILE_FICLONE);
    const db = openBackupCopy(copy);
    try {
      return db.pragma('quick_check', { simple: true }) === 'ok' && schemaVersionOf(db) > 0;
    } finally {
      db.close();
    }
  } catch {
    return false; // unreadable, another key, no room for the copy: nothing more can be said
  } finally {
    if (folder !== null) rmSync(folder, { recursive: true, force: true });
  }
}

/** `error`, or — when it calls the store damaged, a -wal lies beside it and the file alone is sound — what really happened. */
export function explainStaleLog(error: unknown, path: string): unknown {
  if (!(error instanceof AppError && error.code === 'STORE_CORRUPT')) return error;
  const log = `${path}-wal`;
  if (!((statSync(log, { throwIfNoEntry: false })?.size ?? 0) > 0)) return error;
  return soundWithoutLog(path) ? staleLogError(path, log) : error;
}
