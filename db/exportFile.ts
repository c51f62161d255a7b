// Writing a file the clerk asked for (an audit export, the recovery key): whole under a temporary
// name beside it, flushed, then renamed — never over another file unless replacing it was
// confirmed, including one that appeared while this one was written. A failure leaves nothing.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../shared/errors';
import { alreadyThere } from './fileGrants';
import { PRIVATE_FILE } from './fileModes';

export function writeExportFile(path: string, data: string | Buffer, options: { replace: boolean }): void {
  if (!options.replace && existsSync(path)) throw alreadyThere(path);
  const temporary = join(dirname(path), `.cress-desk-${process.pid}-${Date.now()}.partial`);
  try {
    const fd = openSync(temporary, 'wx', PRIVATE_FILE);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!options.replace && existsSync(path)) throw alreadyThere(path);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof AppError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new AppError('INPUT_INVALID', `Não foi possível gravar o arquivo em ${path} (${reason}). Escolha outra pasta.`);
  }
}
