// A consistent copy of the live store, and what a copy holds.
//
// The store's file is copied as it is on disk: its pages are encrypted one by one (each with its
// own IV and an HMAC over the page and its number), so the bytes of the file are already a valid
// encrypted database — nothing is decrypted or encrypted again, and the copy costs what copying a
// file costs. It must be one moment of the store: the write-ahead log is first folded into the file
// and emptied (a TRUNCATE checkpoint that waits a short moment for the app's writers and readers),
// then a read transaction is started on the empty log and held while the file is copied. A reader
// on an empty log holds SQLite's read-lock 0, which no checkpoint can pass: the app keeps writing
// (into the log) and nothing changes the file until the copy is done. When the log cannot be emptied
// (a long reader, a store whose disk is full) or the file cannot be read as it is, SQLite's VACUUM
// INTO from a read transaction makes the copy instead, as earlier versions did (slower: every page
// decrypted and encrypted again). A file copy keeps the store's free pages (their old contents
// under the same key); VACUUM INTO leaves them behind. Either way the copy leaves WAL mode.
import { chmod, rm } from 'node:fs/promises';
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openBackupCopy, openSnapshotSource, openStoreReader, readBackupCopy } from '../connections';
import type { CopySecret } from '../copySecrets';
import { PRIVATE_FILE } from '../fileModes';
import { getSettings } from '../settings';
import { KNOWN_SCHEMA_VERSION, schemaVersionOf } from '../migrate';
import { writeWaitMs } from '../storeLock';
import { copyLiveStoreFile } from './storeFileCopy';

export interface SnapshotProgress {
  done: number;
  total: number;
}

/** How a snapshot was made: the file copied as it is, or rebuilt page by page by VACUUM INTO. */
export type SnapshotMethod = 'file' | 'vacuum';

/** How long the checkpoint that empties the log may hold the app's writers back, per attempt. */
export const CHECKPOINT_WAIT_MS = 250;
const CHECKPOINT_ATTEMPTS = 6;
/** Errors of copying the file that are the destination's, not the store's. */
const DESTINATION_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS', 'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EEXIST']);

/** Copies the store at `storePath` into `destination` (which must not exist). */
export async function snapshotStore(
  storePath: string,
  destination: string,
  options: { onProgress?: (p: SnapshotProgress) => void; cancelled?: () => boolean } = {},
): Promise<SnapshotMethod> {
  if (options.cancelled?.()) throw new SnapshotCancelled();
  const method = (await copyStoreFile(storePath, destination, options)) ? 'file' : (vacuumInto(storePath, destination, options), 'vacuum');
  if (options.cancelled?.()) throw new SnapshotCancelled();
  // The copy leaves WAL mode: a file that opens read-only anywhere (a DVD, a read-only share)
  // without -wal and -shm files beside it. Restoring puts the store back in WAL mode.
  const copy = openBackupCopy(destination);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return method;
}

/** The file copy (see the top of this file); false, with nothing copied, when the log could not be emptied. */
async function copyStoreFile(storePath: string, destination: string, options: { onProgress?: (p: SnapshotProgress) => void }): Promise<boolean> {
  // Waits for a lock as long as a writer would: a restore's claim, a writer recovering the log.
  const source = openSnapshotSource(storePath, writeWaitMs());
  try {
    if (!(await holdEmptyLog(source, storePath))) return false;
    try {
      const pages = source.pragma('page_count', { simple: true }) as number;
      options.onProgress?.({ done: 0, total: pages });
      try {
        await copyLiveStoreFile(storePath, destination); // never through a descriptor of this process (storeFileCopy.ts)
        // The copy is the desk's own file, written next (sealed, out of WAL mode): not read-only
        // because its owner made the store so (the copy keeps the store's permissions).
        await chmod(destination, PRIVATE_FILE);
      } catch (error) {
        await rm(destination, { force: true });
        // The destination's own trouble (full, read-only, gone) is the backup's answer. Any other
        // failure to read the store's file — on Windows, SQLite's lock bytes at 1 GB into a larger
        // store may refuse a reader for a moment — leaves the copy to VACUUM INTO.
        if (DESTINATION_ERRORS.has((error as { code?: string }).code ?? '')) throw error;
        return false;
      }
      options.onProgress?.({ done: pages, total: pages });
    } finally {
      source.exec('COMMIT');
    }
    return true;
  } finally {
    source.close();
  }
}

/**
 * Empties the store's log and starts a read transaction on it, so that the file alone is the
 * store and stays so until the transaction ends. Each attempt holds the writers back for at most
 * CHECKPOINT_WAIT_MS (most of the log is folded in first without holding anyone); between
 * attempts they go on. False when no attempt found the log empty (nothing is held then).
 */
async function holdEmptyLog(db: Database.Database, storePath: string): Promise<boolean> {
  const patience = db.pragma('busy_timeout', { simple: true }) as number;
  for (let attempt = 0; attempt < CHECKPOINT_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    let emptied: boolean;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      db.pragma(`busy_timeout = ${CHECKPOINT_WAIT_MS}`);
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      emptied = result?.busy === 0;
    } catch {
      return false; // the checkpoint cannot write the store (a full disk): VACUUM INTO only reads it
    } finally {
      db.pragma(`busy_timeout = ${patience}`);
    }
    if (!emptied) continue;
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_schema').get(); // the read transaction starts here
    // A writer may have committed between the checkpoint and the read: then the log holds frames
    // this transaction reads, and the file alone is not its moment. An empty log file is proof it
    // did not (frames a reader uses are never removed while it reads).
    if (logBytes(storePath) === 0) return true;
    db.exec('ROLLBACK');
  }
  return false;
}

function logBytes(storePath: string): number {
  return statSync(`${storePath}-wal`, { throwIfNoEntry: false })?.size ?? 0;
}

/** The copy rebuilt by SQLite from one read transaction (never blocks the app's writes). */
function vacuumInto(storePath: string, destination: string, options: { onProgress?: (p: SnapshotProgress) => void }): void {
  const source = openStoreReader(storePath, writeWaitMs());
  try {
    const pages = source.pragma('page_count', { simple: true }) as number;
    options.onProgress?.({ done: 0, total: pages });
    source.exec(`VACUUM INTO '${destination.replace(/'/g, "''")}'`);
    options.onProgress?.({ done: pages, total: pages });
  } finally {
    source.close();
  }
}

export class SnapshotCancelled extends Error {
  constructor() {
    super('snapshot cancelled');
    this.name = 'SnapshotCancelled';
  }
}

export interface CopyFacts {
  schemaVersion: number;
  /** Rows per table (full-text index internals left out). */
  counts: Record<string, number>;
  region: number | null;
  operator: string | null;
  /** The seccional whose desk it is (null at the head office): a copy for Implanta says it. */
  seccional: string | null;
  /** The copy holds demo professionals: its file name says so. */
  demo: boolean;
}

/** Reads a copy's schema version, row counts and desk settings (read-only). `secret`: see openBackupCopy. */
export function inspectCopy(path: string, secret?: CopySecret): CopyFacts {
  const db = readBackupCopy(path, secret);
  try {
    const schemaVersion = schemaVersionOf(db);
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = db.prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`).pluck().get() as number;
    let settings = null;
    if (tables.includes('settings')) settings = getSettings(db);
    return { schemaVersion, counts, region: settings?.region ?? null, operator: settings?.operator ?? null, seccional: settings?.seccional ?? null, demo: settings?.demo === true };
  } finally {
    db.close();
  }
}

export type SchemaVerdict = 'known' | 'older' | 'newer' | 'foreign';

/** How a copy's schema compares with this build's. */
export function schemaVerdict(version: number): SchemaVerdict {
  if (version <= 0) return 'foreign';
  if (version > KNOWN_SCHEMA_VERSION) return 'newer';
  return version < KNOWN_SCHEMA_VERSION ? 'older' : 'known';
}
