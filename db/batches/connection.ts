// The batch jobs' own connection to the store. The desk opened this file moments ago with every
// check (quick_check over the whole file, migrations — see db/open.ts); a job that runs beside it
// only needs the same schema version. Skipping the whole-file check saves a pass over hundreds
// of megabytes on a big registry, which matters for an export timed against Info-ZIP.
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { KNOWN_SCHEMA_VERSION, schemaVersionOf } from '../migrate';
import { waitForWriters } from '../storeLock';

export function openJobConnection(path: string): Database.Database {
  const db = new Database(path, { fileMustExist: true });
  try {
    waitForWriters(db);
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    const version = schemaVersionOf(db);
    if (version !== KNOWN_SCHEMA_VERSION) {
      throw new AppError('STORE_CORRUPT', `O arquivo de dados mudou de versão durante a tarefa (esquema ${version}, esperado ${KNOWN_SCHEMA_VERSION}). Tente de novo.`);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
