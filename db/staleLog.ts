// A store refused as damaged while a -wal lies beside it may be sound on its own: the -wal of a desk
// killed outright, left beside another copy of the store put in its place. SQLite reads the two
// together and finds pages of two stores. Read alone — a private copy of the file, without that
// -wal, so neither the store nor its -wal is touched — the file tells which it is; when it is
// sound, the refusal says what really happened and what to do, instead of "damaged: restore a
// backup". SQLite cannot be told to ignore a -wal (this build takes no `immutable` URI), hence the
// copy. It holds the registry's personal data, so it is made beside the store — never in the
// system's temporary folder, which other users share — in a 0700 folder named after this process,
// removed once examined, and by the next examination when a killed process left it (db/leftovers.ts).
import { constants, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../shared/errors';
import { openBackupCopy } from './connections';
import { escapeRegExp, ownerTag, removeLeftovers, type LeftoverKind } from './leftovers';
import { schemaVersionOf } from './migrate';
import { diskFullError, diskWriteRefusedError, isDiskFullError, isWriteRefusedError } from './storeLock';

function examinedCopyPrefix(path: string): string {
  return `.${basename(path)}.check-`;
}

/** The folders of examinations killed outright: `.<store>.check-<pid>-<start>-XXXXXX`, removed once that process is gone. */
function examinedCopies(path: string): LeftoverKind {
  return {
    named: new RegExp(`^${escapeRegExp(examinedCopyPrefix(path))}(\\d+)-(\\d+)-[^-]+$`),
    unnamed: /$^/,
    unnamedAfterMs: Infinity,
    namedAfterMs: 0,
    directory: true,
  };
}

function staleLogError(path: string, log: string): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `O arquivo de dados "${path}" está íntegro, mas o registro de alterações ao lado dele, "${log}", não é dele: é de outra cópia do banco (a de um CRESS Desk encerrado à força antes de este arquivo ser posto no lugar). ` +
      `Nada foi alterado. Para abrir o arquivo como está, mova "${log}" para outra pasta (guarde-o: as últimas alterações daquela cópia estão nele) e tente de novo.`,
    { details: { path, log, cause: 'stale log' } },
  );
}

/** Is the file, read without any -wal, a sound store of ours? Never changes the file nor its -wal. Throws DISK_FULL (or DISK_WRITE_REFUSED) when the disk takes no copy. */
function soundWithoutLog(path: string): boolean {
  const beside = dirname(path);
  removeLeftovers(beside, examinedCopies(path));
  let folder: string | null = null;
  try {
    folder = mkdtempSync(join(beside, `${examinedCopyPrefix(path)}${ownerTag()}-`));
    const copy = join(folder, 'store.sqlite');
    copyFileSync(path, copy, constants.COPYFILE_FICLONE);
    const db = openBackupCopy(copy);
    try {
      return db.pragma('quick_check', { simple: true }) === 'ok' && schemaVersionOf(db) > 0;
    } finally {
      db.close();
    }
  } catch (error) {
    if (isDiskFullError(error, beside)) {
      throw diskFullError(beside, `Não há espaço para examinar "${path}", que não pôde ser aberto: nada foi alterado.`);
    }
    // A copy the disk would not take (a file-size limit): said so, not left to read as damage.
    if (isWriteRefusedError(error)) {
      throw diskWriteRefusedError(beside, (error as NodeJS.ErrnoException).code ?? '', `Não foi possível examinar "${path}", que não pôde ser aberto: nada foi alterado.`);
    }
    return false; // unreadable, another key, a folder that takes no copy: nothing more can be said
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
