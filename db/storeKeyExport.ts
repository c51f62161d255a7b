// The recovery key written for the council's IT (`cress-desk key export`, Configurações → "Chave de
// recuperação"): the store's encryption key in its key file format, 0600, never over another file
// unless the clerk confirmed replacing it. The key travels from the process that holds it straight
// to the file: never through the window.
import { AppError } from '../shared/errors';
import { writeExportFile } from './exportFile';
import { currentStoreKey, storeKeyFileText } from './storeKey';

export function exportStoreKey(input: { path: string; replace?: boolean }): { path: string } {
  const key = currentStoreKey();
  if (!key) throw new AppError('STORE_KEY', 'Chave do banco ausente ou incorreta: este computador não tem a chave do banco para exportar.');
  writeExportFile(input.path, storeKeyFileText(key), { replace: input.replace === true });
  return { path: input.path };
}
