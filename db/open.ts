// Opening the store: check the file is a sound SQLite database of ours, set the connection up
// (WAL, foreign keys, the bounded wait for the writer lock — db/connections.ts) and migrate it to
// the schema this build knows. Only a caller that may create the store (`init`, the app's own
// first run) gets a new file where there was none: anything else is told the store was not found.
import type Database from 'better-sqlite3';
import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../shared/errors';
import { connectStore, openStoreReader, settleStore } from './connections';
import { foldWhenQuiet } from './logFold';
import { alignSidecars, makeStorePrivate } from './fileModes';
import { nameTooLongMessage } from './fileRefusals';
import { refuseNotAStore } from './openRefusals';
import { requireSingleName } from './storeLinks';
import { isOwnStore, KNOWN_SCHEMA_VERSION, migrate, schemaVersionOf, storeNewerError } from './migrate';
import { recoverUnfinishedImports } from './imports/writer/rollback';
import { runPendingPendencyScan } from './pendencyScan';
import { protectStore } from './storeGuards';
import { armGuardWatch } from './guardWatch';
import { encryptPlainStore, isPlainDatabaseFile, refusedForItsKey, type Encryption } from './storeEncryption';
import { ensureStoreKey, storeKeyError, storesArePlain } from './storeKey';
import { beginSession, requireSharedIndex } from './storeSessions';
import { removeStalePrepared } from './backups/preparedCopies';
import { removeLeftSnapshots } from './backups/snapshotNames';
import { storeError, waitForWriters } from './storeLock';
import { settleChangedFiles } from './storeLockFiles';
import { explainStaleLog } from './staleLog';

export interface Store {
  db: Database.Database;
  path: string;
  schemaVersion: number;
  /** Folds the write-ahead log into the file now instead of at the next quiet moment (db/logFold.ts). */
  foldLog(): void;
  close(): void;
}

function corrupt(path: string, cause: string): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `O arquivo de dados "${path}" não é um banco de dados do CRESS Desk ou está danificado. Restaure uma cópia de segurança ou escolha outro arquivo.`,
    { details: { path, cause } },
  );
}

export function storeNotFound(path: string): AppError {
  return new AppError('STORE_NOT_FOUND', `Banco não encontrado: ${path}. Confira o caminho; um banco novo só é criado pela configuração inicial (cress-desk init).`, {
    details: { path },
  });
}

export interface OpenOptions {
  path: string;
  /** May a missing file be created? (default true; the desk's transports decide, see openDesk) */
  create?: boolean;
  /** A store signed with another desk's audit key is signed with this desk's from now on: only a restore says so (db/audit.ts ensureKeyed). */
  adoptOtherKey?: boolean;
}

/**
 * Opens and migrates the store (creating it only when `create` allows). Throws AppError
 * STORE_NOT_FOUND, STORE_CORRUPT, STORE_NEWER, STORE_BUSY or DISK_FULL.
 */
export function openStore(options: OpenOptions): Store {
  const path = realStorePath(options.path);
  // A restore may swap the file while it is being opened: the connection must hold the file that
  // has the name once it holds a lock on it (a second try when it does not).
  for (let attempt = 1; ; attempt++) {
    const opened = openOnce(path, options, attempt === 3);
    if (opened) return opened;
  }
}

/**
 * The store's own file, a symbolic link followed (a store kept on another disk, linked from where
 * the desk looks for it): a restore replaces that file, never the link, and its -wal, -shm and
 * the copies kept aside live beside it. A path that is not there yet is taken as given.
 */
function realStorePath(given: string): string {
  const path = resolve(given);
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A folder named where the store should be (a path cut short, or `--db` given a folder). */
function folderGivenAsStore(path: string): AppError {
  return new AppError('STORE_NOT_FOUND', `"${path}" é uma pasta, não um arquivo de dados. Informe o arquivo do banco (por exemplo, cress-desk.sqlite dentro dela).`, {
    details: { path },
  });
}

/** A pipe, a device or a socket named as the store: never read (a pipe would be waited on forever), nor its permissions touched. */
function notAFileGivenAsStore(path: string): AppError {
  return new AppError('STORE_NOT_FOUND', `"${path}" não é um arquivo comum (é um pipe, um dispositivo ou um socket), não um arquivo de dados. Informe o arquivo do banco (por exemplo, cress-desk.sqlite).`, {
    details: { path },
  });
}

/**
 * The store's path as the file system refused it before any file was opened: a name too long, or
 * a path through a file as if it were a folder (init's folders cannot be made). Null otherwise.
 */
function pathRefusal(error: unknown, path: string): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENAMETOOLONG') return new AppError('STORE_NOT_FOUND', nameTooLongMessage(path), { details: { path } });
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new AppError('STORE_NOT_FOUND', `Um dos nomes no caminho do banco "${path}" é um arquivo, não uma pasta. Confira o caminho.`, { details: { path } });
  }
  return null;
}

function emptyStore(path: string): AppError {
  return new AppError(
    'STORE_NOT_FOUND',
    `O arquivo de dados "${path}" está vazio (0 bytes): não há banco nele. Restaure uma cópia de segurança ou, para começar um banco novo nele, rode cress-desk init.`,
    { details: { path } },
  );
}

function inodeOf(path: string): number | null {
  return statSync(path, { throwIfNoEntry: false })?.ino ?? null;
}

/** One attempt; null when the file was replaced while it was opened (unless `last`). */
function openOnce(path: string, options: OpenOptions, last = false): Store | null {
  const create = options.create ?? true;
  let found;
  try {
    found = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw pathRefusal(error, path) ?? error;
  }
  if (found?.isDirectory()) throw folderGivenAsStore(path);
  if (found && !found.isFile()) throw notAFileGivenAsStore(path);
  if (found) refuseNotAStore(path); // a -wal or -shm beside the store, a backup's zip
  if (found) requireSingleName(path, found); // a hard link would give it a second -wal
  // An empty file (a copy that failed, a disk that lost it) holds no store: only a caller that may
  // create one makes it there; anyone else is told so, and the file is left as it is.
  if (found?.size === 0 && !create && !statSync(`${path}-wal`, { throwIfNoEntry: false })?.size) throw emptyStore(path);
  const before = found?.ino ?? null;
  if (before === null && !create) throw storeNotFound(path);
  if (before === null) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw pathRefusal(error, path) ?? storeError(error, path);
    }
  }
  // A store an older version left plain is encrypted before anything else reads it.
  if (before !== null && isPlainDatabaseFile(path)) {
    let encryption: Encryption = { encrypted: true };
    try {
      if (!storesArePlain()) encryption = encryptPlainStore(path, () => ensureStoreKey() as Buffer);
    } catch (error) {
      throw storeError(error, path);
    }
    // Another program's database, or a newer version's: refused as it is, never encrypted.
    if (!encryption.encrypted) throw encryption.schemaVersion === 0 ? corrupt(path, 'foreign database') : storeNewerError(encryption.schemaVersion);
  }
  let db: Database.Database;
  try {
    // Waits, within bounds, for a writer or a restore to let go instead of failing at once.
    db = connectStore(path, create);
  } catch (error) {
    if (!create && inodeOf(path) === null) throw storeNotFound(path);
    throw storeError(error, path);
  }
  alignSidecars(path); // before SQLite opens them: a read-only session's leftovers must not keep the store read-only
  const session = beginSession(path);
  try {
    requireSharedIndex(path); // before anything reads, which would make a second -shm
    // The whole file is read only when it was not closed cleanly (db/storeSessions.ts).
    checkSoundAsItIs(db, path, session.abandoned.length > 0);
    // Its owner's alone once known to be a store (a read-only store stays so), and so its -wal/-shm:
    // a file refused as no store of ours is left as it was, its mode too.
    makeStorePrivate(path);
    if (!last && before !== null && inodeOf(path) !== before) {
      db.close();
      session.end();
      return null;
    }
    // Refuse a newer store before touching anything in it.
    const found = schemaVersionOf(db);
    if (found > KNOWN_SCHEMA_VERSION) throw storeNewerError(found);
    // WAL mode, and what every connection that writes the store sets (db/connections.ts).
    settleStore(db);
    const schemaVersion = migrate(db);
    protectStore(db, found, { adoptOtherKey: options.adoptOtherKey ?? false }); // guard triggers as made, the chain signed with the desk's key (docs/store.md)
    armGuardWatch(db); // and looked at again before each of its writes, while it stays open
    runPendingPendencyScan(db);
    // An import written in steps whose process died half-way is rolled back before anyone reads it.
    recoverUnfinishedImports(db, path);
    session.clearAbandoned();
    removeStalePrepared(path); // a restore's copy of a backup, left by a restore killed outright
    removeLeftSnapshots(dirname(path), path); // a backup's copy of the store, as large as it, left by a backup killed outright
    const folder = foldWhenQuiet(db);
    let open = true;
    return {
      db,
      path,
      schemaVersion,
      foldLog: () => folder.foldNow(),
      close() {
        if (!open) return;
        open = false;
        folder.stop();
        // What it wrote goes into the file it holds, never into the one now at its path; on files
        // no longer the store's (or written over) nothing more is written, statistics included.
        if (settleChangedFiles(db) === null) {
          try {
            // Keeps the planner's statistics fresh; never worth failing a close, nor waiting for a writer.
            waitForWriters(db, 50);
            db.pragma('optimize');
          } catch {
            /* closing matters more */
          }
        }
        db.close();
        session.end();
      },
    };
  } catch (error) {
    db.close();
    session.end();
    // Only once nothing of this process holds the store: reading the file lets go of its locks.
    throw explainStaleLog(storeError(error, path), path);
  }
}

/**
 * checkSound, without ever changing the file: a -wal beside the store is read with it, and when the
 * two make no sound store (the -wal of a desk killed outright, beside another copy put in the
 * store's place) SQLite would fold that -wal into the file as the refused connection closes,
 * damaging a copy that was sound. Such a store is checked through a read-only connection, which
 * never folds; the desk's own reads nothing before the check passed.
 */
function checkSoundAsItIs(db: Database.Database, path: string, whole: boolean): void {
  if (!((statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0)) return checkSound(db, path, whole);
  let reader: Database.Database;
  try {
    reader = openStoreReader(path);
  } catch (error) {
    throw storeError(error, path);
  }
  try {
    checkSound(reader, path, whole);
  } finally {
    reader.close();
  }
}

/**
 * Is the file a sound store of ours? `whole`: SQLite's quick_check over every page (after an
 * unclean shutdown); otherwise only the header and the schema are read, which is what tells a
 * file that is not a database, or one of another program.
 */
function checkSound(db: Database.Database, path: string, whole: boolean): void {
  let result: unknown;
  try {
    result = whole ? db.pragma('quick_check', { simple: true }) : (db.prepare('SELECT count(*) FROM sqlite_schema').get(), 'ok');
  } catch (error) {
    // Whole pages that SQLite cannot read with this desk's key (or without one): another key's store.
    if (refusedForItsKey(error, path)) throw storeKeyError(path);
    // Held by a restore (or a writer recovering the log) past the wait: busy; a folder where the
    // -wal and -shm files cannot be made: read-only; a full disk (no room for the -shm file): full.
    // None of them is a damaged store.
    const known = storeError(error, path);
    if (known instanceof AppError && known.code !== 'STORE_CORRUPT') throw known;
    throw corrupt(path, error instanceof Error ? error.message : String(error));
  }
  if (result !== 'ok') throw corrupt(path, String(result));
  // A sound SQLite file of another program (whatever its user_version): never add our tables to it.
  if (!isOwnStore(db)) throw corrupt(path, 'foreign database');
}
