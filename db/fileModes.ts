// Every file the desk writes holds personal data (the store, backups, lotes, exports, reports,
// logs, temporary copies): on POSIX only the user who runs the desk may read them — files 0600,
// folders 0700. New files get it from the umask each entry point sets first thing; files an older
// version left readable by others are tightened when the desk opens them. Windows keeps its
// per-user profile ACLs, so nothing is changed there.
import { chmodSync, mkdirSync } from 'node:fs';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

const POSIX = process.platform !== 'win32';

/**
 * Called once at the start of every entry point (the app, the command line, the browser host):
 * from then on the process (and its worker threads, which share it) creates files 0600 and
 * folders 0700 — SQLite's -wal/-shm, atomic writes' partial files and their renamed results alike.
 */
export function privateByDefault(): void {
  if (POSIX) process.umask(0o077);
}

/** Narrows an existing file or folder to its owner; a missing path, or one owned by someone else, is left alone. */
export function makePrivate(path: string, mode: number = PRIVATE_FILE): void {
  if (!POSIX) return;
  try {
    chmodSync(path, mode);
  } catch {
    // Not there (yet), or not ours: the umask still covers whatever this process creates.
  }
}

/** The store and its sidecars (WAL, shared memory, rollback journal), as SQLite leaves them. */
export function makeStorePrivate(storePath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) makePrivate(`${storePath}${suffix}`);
}

/** A folder the desk owns (its logs, its default backup folder): created 0700, and narrowed if it was not. */
export function privateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER });
  makePrivate(path, PRIVATE_FOLDER);
}
