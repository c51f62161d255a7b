// Encrypting a store an older version left plain, the first time this version opens it: an
// encrypted copy is made beside it and checked, then takes the store's name in one rename, and the
// plain file's bytes are overwritten. A process killed at any moment leaves either the plain store
// or the encrypted one under the store's name, whole; a half-made copy is removed by the next try.
// (On SSDs and copy-on-write file systems no program can promise the old blocks are gone: the
// overwrite is what can be done. docs/store.md, "Encryption at rest".)
import type Database from 'better-sqlite3';
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { renameInPlaceSync } from './renameInPlace';
import { connectPlainFile, connectWithKey } from './connections';
import { isPlainDatabaseFile } from './plainFiles';
import { isOwnStore, KNOWN_SCHEMA_VERSION, schemaVersionOf } from './migrate';
import { isBusyError, requireWritableStore, storeInUseError, waitForWriters } from './storeLock';

export { isPlainDatabaseFile };

const WIPE_CHUNK = 1 << 20;

/**
 * Did SQLite refuse `path` because of its key? "Not a database" on whole pages that are not a plain
 * database: encrypted with a key this desk does not have (or the first page damaged).
 */
export function refusedForItsKey(error: unknown, path: string): boolean {
  if ((error as { code?: string } | null)?.code !== 'SQLITE_NOTADB') return false;
  const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  return size >= 512 && size % 512 === 0 && !isPlainDatabaseFile(path);
}

/** Overwrites a file's bytes with zeros through `fd` (its name may already be another file's). */
function wipe(fd: number): void {
  const size = fstatSync(fd).size;
  const zeros = Buffer.alloc(Math.min(WIPE_CHUNK, Math.max(size, 1)));
  for (let at = 0; at < size; at += zeros.length) writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
  fsyncSync(fd);
}

function wipeAndRemove(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r+');
  try {
    wipe(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(path, { force: true });
}

function rowCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number]));
}

/** What encrypting a plain file did; a file left as it was says its schema version (0: not ours). */
export type Encryption = { encrypted: true } | { encrypted: false; schemaVersion: number };

/**
 * Encrypts the plain store at `path` with the key `keyOf` gives (made only once the file is known to be ours). Needs the store alone: refused with
 * BACKUP_STORE_IN_USE while another program has it open, and with STORE_READ_ONLY when this user
 * may not write the file (or its owner made it read-only). A plain database that is not a store of
 * ours (another program's, named by mistake) or of a newer version is left untouched.
 */
export function encryptPlainStore(path: string, keyOf: () => Buffer): Encryption {
  requireWritableStore(path); // the encrypted copy replaces the file: not one its owner made read-only
  const copy = `${path}.encrypting`;
  wipeAndRemove(copy); // a try that died half-way
  wipeAndRemove(`${copy}-journal`);
  const plain = connectPlainFile(path);
  let fd: number;
  try {
    try {
      waitForWriters(plain, 3000);
      plain.pragma('locking_mode = EXCLUSIVE');
      plain.exec('BEGIN EXCLUSIVE');
      plain.exec('COMMIT');
    } catch (error) {
      if (isBusyError(error)) throw storeInUseError();
      throw error;
    }
    // Another program's database (whatever its user_version) or a newer version's: left as it is.
    const version = isOwnStore(plain) ? schemaVersionOf(plain) : 0;
    if (version === 0 || version > KNOWN_SCHEMA_VERSION) {
      plain.close();
      return { encrypted: false, schemaVersion: version };
    }
    // Everything in the main file, no log beside it: the file alone is the store.
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
    const counts = rowCounts(plain);
    encryptCopy(plain, copy, keyOf(), counts);
    fd = openSync(path, 'r+');
  } catch (error) {
    plain.close();
    wipeAndRemove(copy);
    throw error;
  }
  plain.close();
  try {
    renameInPlaceSync(copy, path);
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    wipe(fd); // the plain store's bytes, now under no name
  } finally {
    closeSync(fd);
  }
  return { encrypted: true };
}

/** The encrypted copy, made, checked against the plain store's row counts, and synced. */
function encryptCopy(plain: Database.Database, copy: string, key: Buffer, counts: Record<string, number>): void {
  plain.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
  const target = connectPlainFile(copy);
  try {
    target.pragma("cipher = 'sqlcipher'");
    target.pragma('legacy = 4');
    target.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    target.close();
  }
  wipeAndRemove(`${copy}-journal`);
  const check = connectWithKey(copy, key);
  try {
    const sound = check.pragma('quick_check', { simple: true });
    if (sound !== 'ok') throw new Error(`encrypted copy failed its check: ${String(sound)}`);
    if (JSON.stringify(rowCounts(check)) !== JSON.stringify(counts)) throw new Error('encrypted copy does not hold the same rows');
  } finally {
    check.close();
  }
  const fd = openSync(copy, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
