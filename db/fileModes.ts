// Every file the desk writes holds personal data (the store, backups, lotes, exports, reports,
// logs, temporary copies): on POSIX only the user who runs the desk may read them — files 0600,
// folders 0700. New files get it from the umask each entry point sets first thing; files an older
// version left readable by others are narrowed to their owner when the desk opens them. Narrowing
// only takes permissions away: a store its owner made read-only stays read-only (docs/store.md,
// "Who may write the store"). Windows keeps its per-user profile ACLs, so nothing is changed there.
import { chmodSync, closeSync, constants, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, realpathSync, statSync, type Stats } from 'node:fs';

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

/**
 * Takes every permission of the group and of others off an existing file or folder; the owner's
 * are left as they are (a read-only file stays read-only). A missing path, one owned by someone
 * else, one that is neither a file nor a folder (a device, a pipe), or a link — whose target is
 * not the desk's to change (a key file named through a link to someone's notes) — is left alone.
 * Answers whether it took any away.
 */
export function makePrivate(path: string): boolean {
  if (!POSIX) return false;
  try {
    const found = lstatSync(path);
    // A device or a pipe is the system's (/dev/null given where a file was expected), a link is
    // not the file it names: never narrowed.
    if (!found.isFile() && !found.isDirectory()) return false;
    const mode = found.mode & 0o7777;
    if ((mode & 0o077) === 0) return false;
    chmodNoFollow(path, mode & ~0o077, found);
    return true;
  } catch {
    // Not there (yet), not ours, or replaced by a link meanwhile: the umask still covers whatever this process creates.
    return false;
  }
}

/**
 * chmod of the very file lstat found: through a descriptor opened without following a link (a
 * link put there since fails to open), so the mode of a link's target is never changed. A file its
 * owner may not read (0200) cannot be opened so: it is changed by its name, which lstat just found
 * to be no link.
 */
function chmodNoFollow(path: string, mode: number, found: Stats): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw error;
    chmodSync(path, mode);
    return;
  }
  try {
    const opened = fstatSync(fd);
    if (opened.ino !== found.ino || opened.dev !== found.dev) throw new Error(`${path} changed while being narrowed`);
    fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}

/**
 * The store narrowed to its owner, and its sidecars (WAL, shared memory, rollback journal) given
 * the store's own permissions, as SQLite gives them when it makes them. Called once the file is
 * known to be a store of ours (a file refused keeps its mode).
 */
export function makeStorePrivate(storePath: string): void {
  makePrivateKnown(storePath);
  alignSidecars(storePath);
}

/**
 * makePrivate for a file the desk has found to be its own — a key it read, a store it opened —
 * named through a link or not: the file the link names is narrowed (the link is the owner's
 * choice of name; what it holds is still a key or a store of the registry).
 */
export function makePrivateKnown(path: string): boolean {
  let target = path;
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
  } catch {
    return false;
  }
  return makePrivate(target);
}

/**
 * The store's sidecars given the store's own permissions (its owner's alone), the store itself left
 * as it is: a -shm a session on the read-only store left read-only must not keep the store
 * read-only once its owner made it writable again. Called before the connection first reads, so
 * before SQLite opens them.
 */
export function alignSidecars(storePath: string): void {
  if (!POSIX) return;
  const store = statSync(storePath, { throwIfNoEntry: false });
  if (!store) return;
  for (const suffix of ['-wal', '-shm', '-journal']) {
    try {
      const sidecar = `${storePath}${suffix}`;
      const found = lstatSync(sidecar); // a link is never followed
      if (found.isFile() && (found.mode & 0o777) !== (store.mode & 0o700)) chmodSync(sidecar, store.mode & 0o700);
    } catch {
      // Not there, or not ours.
    }
  }
}

/** A folder the desk owns (its logs, its default backup folder): created 0700, and narrowed if it was not. */
export function privateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER });
  makePrivate(path);
}

/**
 * Has the owner taken the write permission off the file (`chmod a-w`; Windows' read-only
 * attribute shows the same way)? Such a store is opened read-only, even by a user the system
 * would let write it (root, an administrator). A missing path is not.
 */
export function writeProtected(path: string): boolean {
  const found = statSync(path, { throwIfNoEntry: false });
  return found !== undefined && found.isFile() && (found.mode & 0o200) === 0;
}
