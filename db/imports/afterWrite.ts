// What an import does once its rows are written, on a connection of the job's own: the pendências
// those rows could not see are checked. The import stands whatever happens here.
import type { Database } from 'better-sqlite3';
import { dirname } from 'node:path';
import type { ImportKind } from '../../shared/contract/imports';
import { openJobConnection } from '../connections';
import type { JobContext } from '../jobs/types';
import { refreshAfterImport } from '../pendencies';
import { queuePendencyScan, rescanRegistry } from '../pendencyScan';
import { isBusyError, isDiskFullError, writeTransaction } from '../storeLock';
import { cepsOfImport, refreshRecordsWithCeps } from '../cepPendencies';

/** Work on the store after the import's commit, on a connection of the job's own. */
function withJobConnection(storePath: string, work: (db: Database) => unknown): void {
  const db = openJobConnection(storePath);
  try {
    work(db);
  } finally {
    db.close();
  }
}

/**
 * The worklist after the rows were written: a load changes whole records (addresses now shared, DIP
 * requests now at risk), so the registry is checked again; corrections get what their rows could
 * not see (an e-mail now shared, a DIP request at risk), for the records they changed; CEPs of the
 * directory, the records that hold them (cepPendencies.ts). The import is
 * written by then: a failure here (a disk that filled up meanwhile) leaves the whole check to the
 * next open of the store and answers a warning, never an error that would say nothing was written.
 */
export function checkAfterWrite(context: JobContext, kind: ImportKind, importId: number): string | null {
  if (kind === 'registry') context.progress({ phase: 'pendencies', label: 'Conferindo as pendências do cadastro…', done: 0, total: null });
  try {
    withJobConnection(context.storePath, kind === 'registry' ? rescanRegistry : kind === 'cep' ? (db) => refreshAfterCepImport(db, importId) : (db) => refreshAfterImport(db, importId));
    return null;
  } catch (error) {
    try {
      withJobConnection(context.storePath, queuePendencyScan);
    } catch {
      // The disk may still be full: the warning tells the clerk what happened all the same.
    }
    const reason = isDiskFullError(error, dirname(context.storePath)) ? 'disco cheio' : isBusyError(error) ? 'banco ocupado por outro programa' : 'erro ao gravar';
    return `A importação nº ${importId} foi gravada, mas a conferência das pendências não terminou (${reason}): ela é refeita por inteiro na próxima vez que o banco for aberto.`;
  }
}

function refreshAfterCepImport(db: Database, importId: number): void {
  writeTransaction(db, () => refreshRecordsWithCeps(db, cepsOfImport(db, importId)));
}
