// The store file as someone with a SQLite tool and the desk's key opens it, outside the desk: to
// read what a command left, or to change the file (or the bytes under its encryption) behind the
// desk's back. The store and the backups' copies are encrypted with the desk's key
// (db/connections.ts); a plain database (a store an older version left, a copy made before
// encryption) opens as it is, without a key.
import Database from 'better-sqlite3';
import { sealWritten } from '../db/audit';
import { isPlainDatabaseFile } from '../db/plainFiles';
import { writeTransaction } from '../db/storeLock';
import { currentStoreKey, STORE_KEY_ENV } from '../db/storeKey';

/** The pragmas that give a connection to `path` the desk's key, in order (none for a plain database). */
export function storeKeyPragmas(path: string): string[] {
  if (isPlainDatabaseFile(path)) return [];
  const key = currentStoreKey();
  if (!key) throw new Error(`No store key to open "${path}" with: ${STORE_KEY_ENV} names no key file, or the file is missing.`);
  return ["cipher = 'sqlcipher'", 'legacy = 4', `key = "x'${key.toString('hex')}'"`];
}

/**
 * Lets `change` work on the bytes of the database `path` as they are under its encryption: the file
 * is taken out of it with the desk's key, changed, then encrypted again with the same key (as
 * someone with the key, a SQLite tool and a hex editor would). A plain database is changed as it is.
 * The file must not be in WAL mode (a backup's copy is not).
 */
export function changePlainBytes(path: string, change: (plainPath: string) => void): void {
  const pragmas = storeKeyPragmas(path);
  if (pragmas.length === 0) return change(path);
  const encrypted = openRawStore(path);
  try {
    encrypted.pragma("rekey = ''");
  } finally {
    encrypted.close();
  }
  change(path);
  const plain = new Database(path);
  try {
    for (const pragma of pragmas) plain.pragma(pragma.replace(/^key = /, 'rekey = '));
  } finally {
    plain.close();
  }
}

/** `path` opened with better-sqlite3's `options` and, unless it is a plain database, the desk's key. */
export function openRawStore(path: string, options?: Database.Options): Database.Database {
  const pragmas = storeKeyPragmas(path);
  const db = new Database(path, options);
  try {
    for (const pragma of pragmas) db.pragma(pragma);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * The rows `sql` answers on the store at `path`, read as someone with the key would, outside the desk.
 * A missing store is an error, never an empty new database.
 */
export function readRawRows<T = unknown>(path: string, sql: string, params: unknown[] = []): T[] {
  const db = openRawStore(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * Writes rows straight into the store at `path` as the desk's own work: in one transaction that
 * seals them for the audit trail, as each desk write ends (rows written and left unsealed are what
 * the desk takes for another program's changes).
 */
export function writeAsTheDesk<T>(path: string, write: (db: Database.Database) => T): T {
  const db = openRawStore(path);
  try {
    return writeTransaction(db, () => {
      const result = write(db);
      sealWritten(db);
      return result;
    });
  } finally {
    db.close();
  }
}
