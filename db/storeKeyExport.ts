// The recovery key written for the council's IT (`cress-desk key export`, Configurações → "Chave de
// recuperação"): the store's encryption key in its key file format, 0600, never over another file
// unless the clerk confirmed replacing it. The key travels from the process that holds it straight
// to the file: never through the window. Whoever holds it reads the data, so only an operator who
// signed in may write it (the dispatcher refuses the channel otherwise: shared/contract/sessions.ts), and the audit trail says who did and under which file name (never the key,
// nor the folder it went to).
import type { Database } from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../shared/errors';
import { writeExportFile } from './exportFile';
import { appendOperatorAudit } from './settings';
import { currentStoreKey, storeKeyFileText } from './storeKey';
import { writeTransaction } from './storeLock';

export function exportStoreKey(db: Database, input: { path: string; replace?: boolean }, now: string): { path: string } {
  const key = currentStoreKey();
  if (!key) throw new AppError('STORE_KEY', 'Chave do banco ausente ou incorreta: este computador não tem a chave do banco para exportar.');
  writeExportFile(input.path, storeKeyFileText(key), { replace: input.replace === true });
  try {
    writeTransaction(db, () => appendOperatorAudit(db, now, { action: 'key.export', entity: 'store_key', entityId: null, detail: { fileName: basename(input.path) } }));
  } catch (error) {
    // A recovery key the trail does not mention must not stay behind.
    rmSync(input.path, { force: true });
    throw error;
  }
  return { path: input.path };
}
