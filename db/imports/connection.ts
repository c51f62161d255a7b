// The import jobs' own connection to the store. The desk opened the file first (integrity check,
// migrations) and keeps it open; a job only needs a second connection of the same schema version,
// without repeating a full-file check that takes longer than a small import.
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { KNOWN_SCHEMA_VERSION, schemaVersionOf } from '../migrate';
import { waitForWriters } from '../storeLock';

/**
 * Page caches, in KiB. The checking side only looks records up; the writing side updates records
 * and appends corrections to indexes of a million entries, and needs room for their pages.
 */
export const CHECKING_CACHE_KIB = 8 * 1024;
export const WRITING_CACHE_KIB = 48 * 1024;

export function openJobConnection(path: string, cacheKib = CHECKING_CACHE_KIB): Database.Database {
  const db = new Database(path, { fileMustExist: true });
  try {
    if (schemaVersionOf(db) !== KNOWN_SCHEMA_VERSION) {
      throw new AppError('STORE_CORRUPT', 'O arquivo de dados mudou enquanto o aplicativo estava aberto. Feche e abra o CRESS Desk de novo.');
    }
    db.pragma('foreign_keys = ON');
    waitForWriters(db);
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${cacheKib}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
