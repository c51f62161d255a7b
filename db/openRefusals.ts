// Files of the store's folder that are not the store, given as the store (--db, CRESS_DESK_DB, the
// app's "open another file"): named for what they are, with the file to give instead, before
// SQLite reads them — which would call them damaged, or encrypted with another key, and send the
// IT person to restore a backup or look for a key. Told by their names alone: reading a file of the
// store takes a descriptor, and closing it would drop every lock this process holds on it.
import { existsSync } from 'node:fs';
import { AppError } from '../shared/errors';

const COMPANION = /^(.+)-(wal|shm|journal)$/;

/** Refuses a -wal/-shm/-journal beside a store, or a .zip, given as the store. `path`: an existing file. */
export function refuseNotAStore(path: string): void {
  const companion = COMPANION.exec(path);
  if (companion && existsSync(companion[1] as string)) {
    const store = companion[1] as string;
    throw new AppError(
      'STORE_NOT_FOUND',
      `"${path}" é um arquivo auxiliar do banco "${store}", não o banco: informe "${store}". Nunca apague, mova ou copie os arquivos -wal e -shm com o CRESS Desk aberto. Nada foi alterado.`,
      { details: { path, store } },
    );
  }
  if (/\.zip$/i.test(path)) {
    throw new AppError(
      'STORE_NOT_FOUND',
      `"${path}" é um arquivo .zip (uma cópia de segurança ou um pacote de lote), não o arquivo de dados. Para voltar a uma cópia de segurança, restaure-a sobre o banco: Backups → Restaurar, ou cress-desk backup restore "${path}". Nada foi alterado.`,
      { details: { path } },
    );
  }
}
