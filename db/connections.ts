// Every SQLite connection the desk opens, in one place, so that what each kind of connection sets —
// and in which order — cannot drift between the desk, its jobs and its backups, and so that what
// every opening of the store must do happens here alone (`connect`).
//
// To the store: the desk's own (`connectStore` + `settleStore`, checked and migrated by
// db/open.ts), a job's (`openJobConnection`), a reader's (`openStoreReader`), a backup's snapshot
// source (`openSnapshotSource`) and a restore's exclusive claim (`claimStoreAlone`). To a copy of
// it: a backup's snapshot or a database copied out of a backup (`openBackupCopy`,
// `readBackupCopy`). Each writer of the store sets the same
// things in the same order (`settle`): foreign keys on, its bounded wait for the writer lock
// (db/storeLock.ts), synchronous = NORMAL, then its page cache.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { AppError } from '../shared/errors';
import { KNOWN_SCHEMA_VERSION, schemaVersionOf } from './migrate';
import { isPlainDatabaseFile } from './plainFiles';
import { keyPragmaValue, type CopySecret } from './copySecrets';
import { writeProtected } from './fileModes';
import { currentStoreKey, ensureStoreKey, storeKeyMissingError, storesArePlain } from './storeKey';
import { isBusyError, requireWritableStore, storeInUseError, waitForWriters } from './storeLock';
import { watchContent } from './storeContent';
import { watchGuards } from './guardWatch';
import { rememberOpenedFile, rememberOpenedLog } from './storeLockFiles';
import { requireSharedIndex } from './storeSessions';

/**
 * Page caches, in KiB. The desk's connection sorts tens of thousands of hits of a name search;
 * an import's checking side only looks records up; its writing side (and an undo) updates records
 * and appends corrections to indexes of a million entries, and needs room for their pages.
 */
export const STORE_CACHE_KIB = 32 * 1024;
export const CHECKING_CACHE_KIB = 8 * 1024;
export const WRITING_CACHE_KIB = 48 * 1024;
/**
 * A copy's full check (`PRAGMA integrity_check`) looks every index entry up in its table, all over
 * the file: with SQLite's default 2 MB cache each miss of an encrypted page is decrypted and its
 * HMAC checked again. Measured on a 250 000-record store (155 MB): 26 s with 2 MB, 4.5–7.5 s with
 * 64 MB; a plain file's misses come from the OS cache and barely cost. On a store with a million
 * corrections (600 MB) 192 MB checked no faster than 64 MB (the same CPU time, within noise), so
 * the cache stays at 64 MB: a check's thread should not hold a copy's size in memory.
 */
export const COPY_CHECK_CACHE_KIB = 64 * 1024;

/**
 * The size the store's log (-wal) is brought back to when SQLite starts it over after a fold: a
 * large import leaves it hundreds of megabytes long, and SQLite otherwise reuses it at that size.
 */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** How long a connection that only reads the store waits for a lock (SQLite's busy timeout). */
export const READ_WAIT_MS = 5000;

/**
 * The one place a database file is opened: with the store's key (db/storeKey.ts), SQLCipher 4's
 * format with a raw 256-bit key (no passphrase to stretch: the key is random). Every page the
 * connection writes — the store, its log, a staging file, a backup's copy — is encrypted, and
 * nothing goes to a temporary file. A file
 * its owner made read-only is opened read-only, whoever runs the desk: a write is then refused
 * (STORE_READ_ONLY, db/storeLock.ts) instead of going through for a user the system lets write
 * anything.
 */
function connect(
  path: string,
  options: { readonly?: boolean; fileMustExist: boolean; timeout?: number },
  secret: CopySecret | null = deskSecret(ensureKeyFor(path, options)),
): Database.Database {
  const db = new Database(path, { ...options, readonly: options.readonly === true || writeProtected(path) });
  rememberOpenedFile(db);
  // SQLite's own scratch files (the pages a savepoint or a statement may have to put back, a sort
  // too big for the cache) are not encrypted: left to go to the system's temp folder, they would
  // hold people's data in the clear. Kept in memory instead.
  db.pragma('temp_store = MEMORY');
  if (secret) {
    try {
      db.pragma("cipher = 'sqlcipher'");
      db.pragma('legacy = 4');
      db.pragma(`key = ${keyPragmaValue(secret)}`);
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return db;
}

function deskSecret(key: Buffer | null): CopySecret | null {
  return key ? { raw: key } : null;
}

/**
 * The key of a connection to the store (or to an import's staging file): the process's, never
 * chosen by reading the file's first bytes. Reading them takes a file descriptor of this process
 * on the store, and on Linux and macOS closing any descriptor of a file lets go of every lock this
 * process holds on it — the shared lock of each of its open connections, which is how another
 * program (a restore) sees the store is in use. db/open.ts settles a plain store (encrypts it)
 * before any of these connections opens it. `create`: a missing file gets a key made for it.
 */
function storeSecret(path: string, create = false): CopySecret | null {
  if (create && !existsSync(path)) return deskSecret(ensureStoreKey());
  const key = currentStoreKey();
  // Every store is encrypted before a connection like these opens it (db/open.ts): without a key,
  // the key file is gone, and the file would only read as damaged. An empty file has nothing to
  // read yet (a store is made in it).
  if (!key && !storesArePlain() && (statSync(path, { throwIfNoEntry: false })?.size ?? 0) > 0) throw storeKeyMissingError(path);
  return deskSecret(key);
}

/**
 * The key a connection uses: the process's, made now when a file may be created. A file that is a
 * plain database (a backup made by an older version, a store not yet encrypted) opens without one:
 * read as it is, and a store is encrypted by db/open.ts before anything writes to it.
 */
function ensureKeyFor(path: string, options: { fileMustExist: boolean }): Buffer | null {
  if (isPlainDatabaseFile(path)) return null;
  // Only a file about to be made gets a key made for it: an existing one is opened with the key
  // there is (or none, and is then refused), never with a new one that cannot read it.
  return options.fileMustExist || existsSync(path) ? currentStoreKey() : ensureStoreKey();
}

/** A connection to a plain (not encrypted) database file: only to encrypt a store an older version left plain. */
export function connectPlainFile(path: string): Database.Database {
  return connect(path, { fileMustExist: true }, null);
}

/** A connection to an encrypted file with a given key (a copy just encrypted, checked before it takes the store's place). */
export function connectWithKey(path: string, key: Buffer): Database.Database {
  return connect(path, { fileMustExist: true }, { raw: key });
}

/** What every connection that writes the store sets, in this order. `cacheKib` null: SQLite's default cache. */
function settle(db: Database.Database, cacheKib: number | null, guards: { held: boolean }): void {
  rememberOpenedLog(db);
  watchContent(db, () => openStoreReader(db.name));
  watchGuards(db, guards);
  db.pragma('foreign_keys = ON');
  waitForWriters(db);
  db.pragma('synchronous = NORMAL');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  if (cacheKib !== null) db.pragma(`cache_size = -${cacheKib}`);
}

/**
 * The desk's (or a command's) connection, before db/open.ts checks the file: it already waits its
 * turn for a writer or a restore, so the checks do not fail at once. Nothing in the file is read
 * yet; `create`: a missing file may be created.
 */
export function connectStore(path: string, create: boolean): Database.Database {
  const db = connect(path, { fileMustExist: !create }, storeSecret(path, create));
  try {
    waitForWriters(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Once the file was found sound and of a schema this build knows: WAL mode, then what every writer sets. */
export function settleStore(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // Its writes look for another program's changes once openStore checked the store (armGuardWatch).
  settle(db, STORE_CACHE_KIB, { held: true });
}

function storeChangedError(version: number): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `O arquivo de dados mudou de versão enquanto o aplicativo estava aberto (esquema ${version}, esperado ${KNOWN_SCHEMA_VERSION}). Feche e abra o CRESS Desk de novo.`,
  );
}

/**
 * A job's own connection to the store (an import, a batch export, a backup's bookkeeping). The
 * desk opened the file first with every check (db/open.ts) and keeps it open; a job only needs
 * the same schema version, without a full-file check that would take longer than a small import.
 * `cacheKib`: its page cache (null: SQLite's default).
 */
export function openJobConnection(path: string, cacheKib: number | null = null): Database.Database {
  const db = connect(path, { fileMustExist: true }, storeSecret(path));
  try {
    settle(db, cacheKib, { held: false });
    const version = schemaVersionOf(db);
    if (version !== KNOWN_SCHEMA_VERSION) throw storeChangedError(version);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A read-only connection to the store, with no checks: a setting, the audit key's id, a signed
 * chain to verify, the source of a backup's snapshot. `waitMs`: how long it waits for a lock.
 */
export function openStoreReader(path: string, waitMs: number = READ_WAIT_MS): Database.Database {
  return openWaiting(path, true, waitMs);
}

/**
 * The source of a backup's snapshot (db/backups/snapshot.ts): it only reads the store, but folds
 * the write-ahead log into the file first (a checkpoint writes the file, which a read-only
 * connection cannot). `waitMs`: how long it waits for a lock.
 */
export function openSnapshotSource(path: string, waitMs: number = READ_WAIT_MS): Database.Database {
  return openWaiting(path, false, waitMs);
}

/** A connection to an existing store once no writer holds it (up to `waitMs`); closed if it never gets there. */
function openWaiting(path: string, readonly: boolean, waitMs: number): Database.Database {
  const db = connect(path, { readonly, fileMustExist: true }, storeSecret(path));
  try {
    requireSharedIndex(path);
    waitForWriters(db, waitMs);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** An exclusive hold on the store: no other connection, of this process or any other, can open it meanwhile. */
export interface StoreClaim {
  /** The claiming connection (locking mode EXCLUSIVE), for what must happen while the store is held. */
  readonly db: Database.Database;
  release(): void;
}

/**
 * Claims the store for the caller alone, waiting up to `waitMs` for others to let go (a job's
 * connection closing, a writer finishing). Refused with BACKUP_STORE_IN_USE while any other
 * connection has the store open — the app, the browser host, a command, a sqlite3 session, even
 * one only reading: in WAL mode every open connection keeps a shared lock on the file.
 */
export function claimStoreAlone(path: string, waitMs = 3000): StoreClaim {
  requireWritableStore(path); // never replaced when its owner made it read-only, nor by a user who may not write it
  const db = connect(path, { fileMustExist: true }, storeSecret(path));
  try {
    waitForWriters(db, waitMs);
    db.pragma('locking_mode = EXCLUSIVE');
    // Reading opens the write-ahead log, which in exclusive mode takes the file's EXCLUSIVE lock
    // first; the empty write transaction takes it for a store in rollback mode too.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    db.close();
    if (isBusyError(error)) throw storeInUseError();
    throw error;
  }
  let held = true;
  return {
    db,
    release() {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}

/**
 * A copy of the store that only its backup writes: the snapshot being made (left in rollback
 * mode, its last entries sealed). Not the store: none of the store's settings. `secret`: what
 * the copy is encrypted with when not this desk's key (db/copySecrets.ts).
 */
export function openBackupCopy(path: string, secret?: CopySecret): Database.Database {
  return connect(path, { fileMustExist: true }, secret); // undefined: the desk's key
}

/**
 * A copy of the store, read-only, to verify or describe it: a backup's snapshot, the database
 * copied out of a backup, a restore's prepared copy. `secret` as for openBackupCopy.
 */
export function readBackupCopy(path: string, secret?: CopySecret): Database.Database {
  return connect(path, { readonly: true, fileMustExist: true }, secret);
}

/**
 * A new staging file of an import, beside the store (db/imports/writer/stage.ts): a scratch file
 * — a crash loses nothing that matters, so nothing is synced —, held by its import alone.
 */
export function createStagingFile(path: string): Database.Database {
  const secret = storeSecret(path, true);
  // It holds the rows of a corrections file: made private before SQLite opens it (its journal takes its mode).
  if (!existsSync(path)) closeSync(openSync(path, 'wx', 0o600));
  const db = connect(path, { fileMustExist: false }, secret);
  try {
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -16384');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The staging file of an import whose process may be gone, opened without waiting (a held one is its import's). */
export function openStagingFileNoWait(path: string): Database.Database {
  const db = connect(path, { fileMustExist: true, timeout: 0 }, storeSecret(path));
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
