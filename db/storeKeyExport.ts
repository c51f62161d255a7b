// The recovery key written for the council's IT (`cress-desk key export`, Configurações → "Chave de
// recuperação"): the store's encryption key in its key file format, 0600, written whole under a
// temporary name and renamed, never over another file unless the clerk confirmed replacing it.
// The key travels from the process that holds it straight to the file: never through the window.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../shared/errors';
import { PRIVATE_FILE } from './fileModes';
import { currentStoreKey, storeKeyFileText } from './storeKey';

function alreadyThere(path: string): AppError {
  return new AppError('INPUT_INVALID', `O arquivo já existe: ${path}. Escolha outro nome ou confirme a substituição.`);
}

export function exportStoreKey(input: { path: string; replace?: boolean }): { path: string } {
  const key = currentStoreKey();
  if (!key) throw new AppError('STORE_KEY', 'Chave do banco ausente ou incorreta: este computador não tem a chave do banco para exportar.');
  const replace = input.replace === true;
  if (!replace && existsSync(input.path)) throw alreadyThere(input.path);
  const temporary = join(dirname(input.path), `.chave-${process.pid}-${Date.now()}.partial`);
  try {
    const fd = openSync(temporary, 'wx', PRIVATE_FILE);
    try {
      writeSync(fd, storeKeyFileText(key));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!replace && existsSync(input.path)) throw alreadyThere(input.path);
    renameSync(temporary, input.path);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof AppError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new AppError('INPUT_INVALID', `Não foi possível gravar a chave em ${input.path} (${reason}). Escolha outra pasta.`);
  }
  return { path: input.path };
}
