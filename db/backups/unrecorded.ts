// A backup already whole under its final name whose record the store refused (busy past the bounded
// wait, moved, replaced): the answer is that refusal, which says nothing was written — so the file
// goes too. A file that cannot be removed is named instead, so the answer is never "nothing written"
// while a backup lies there.
import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { AppError } from '../../shared/errors';

/** Removes the backup at `path` and throws `error`; when it cannot be removed, says where it stayed. */
export async function dropUnrecorded(path: string, error: unknown): Promise<never> {
  try {
    await rm(path, { force: true });
  } catch {
    const why = error instanceof AppError ? ` (${error.message})` : '';
    throw new AppError(
      'BACKUP_DESTINATION',
      `O backup ${basename(path)} foi gravado em "${dirname(path)}", mas o banco não pôde registrá-lo${why}, e o arquivo não pôde ser apagado. Ele não aparece na lista de backups desta mesa: apague-o e faça o backup de novo.`,
      { details: { path, cause: error instanceof AppError ? error.code : null } },
    );
  }
  throw error;
}
