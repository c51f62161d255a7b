// Who may write the store, and when. The locks are SQLite's own — byte-range locks of the
// operating system on the store file (fcntl on POSIX, LockFileEx on Windows) — so they are visible
// to every program that opens the file (the app, the browser host, the command line, a sqlite3
// session) and die with the process that holds them: a killed writer never leaves the store
// locked. What this module adds on top (docs/store.md, "Locking and concurrency"):
// - writers queue: every write transaction starts IMMEDIATE (the writer lock is taken before the
//   first read, so a transaction never has to upgrade and fail), and a connection waits its turn
//   for a bounded time before the clerk is told the store is busy;
// - a restore claims the store alone: an exclusive lock that any other open connection refuses
//   (`claimStoreAlone`, db/connections.ts, where every connection is opened);
// - SQLite's and the file system's "busy", "full" and "read-only" (a read-only mount included)
//   become errors the clerk can act on.
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, openSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../shared/errors';
import { writeProtected } from './fileModes';
import { ownerAlive, ownerTag } from './leftovers';
import { committed } from './logFold';
import { checkContent } from './storeContent';
import { logGoneError, requireOwnFiles, storeSwappedError } from './storeLockFiles';
import { storeKeyError } from './storeKey';

/** How long a writer waits for the one before it, by default. */
export const DEFAULT_WRITE_WAIT_MS = 30_000;

/** The bounded wait for the writer lock: `CRESS_DESK_WRITE_WAIT_MS` (milliseconds), else 30 s. */
export function writeWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.CRESS_DESK_WRITE_WAIT_MS);
  return Number.isInteger(value) && value >= 0 && value <= 600_000 ? value : DEFAULT_WRITE_WAIT_MS;
}

/** Each connection's bounded wait, as set by waitForWriters. */
const patience = new WeakMap<Database.Database, number>();

/** Makes a connection wait its turn for the writer lock (and for readers' recovery) for `ms` at most. */
export function waitForWriters(db: Database.Database, ms: number = writeWaitMs()): void {
  const wait = Math.floor(ms);
  db.pragma(`busy_timeout = ${wait}`);
  patience.set(db, wait);
}

/**
 * Runs `fn` as one write transaction that takes the writer lock first (BEGIN IMMEDIATE): it
 * waits its turn instead of reading, then failing to upgrade when another writer committed in
 * between. Nested in a transaction already open, it is a savepoint of that transaction.
 *
 * A writer that finds the lock taken says so beside the store while it waits (see
 * `writersWaiting`): a long import, between two of its steps, then lets it in.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  if (db.inTransaction) return db.transaction(fn).immediate(); // a savepoint: the outer transaction commits
  return lockedTransaction(db, fn, 'commit');
}

/**
 * Runs `fn` with the writer lock taken as `writeTransaction` takes it, then rolls all of it back:
 * what a write would do, said without writing it. Never a savepoint: a savepoint first copies every
 * page the transaction changes, which made a preview of a large answer many times slower than
 * applying it.
 */
export function trialTransaction<T>(db: Database.Database, fn: () => T): T {
  if (db.inTransaction) throw new Error('trialTransaction: a transaction is already open on this connection');
  return lockedTransaction(db, fn, 'rollback');
}

/** What a connection looks at once it holds the writer lock, and learns once it committed (db/guardWatch.ts). */
export interface WriteWatch {
  locked(db: Database.Database): void;
  committed(db: Database.Database): void;
}

const writeWatches = new WeakMap<Database.Database, WriteWatch>();

export function watchWrites(db: Database.Database, watch: WriteWatch): void {
  writeWatches.set(db, watch);
}

function lockedTransaction<T>(db: Database.Database, fn: () => T, end: 'commit' | 'rollback'): T {
  const wait = patience.get(db) ?? 0;
  requireOwnFiles(db);
  if (wait === 0 || db.memory) db.exec('BEGIN IMMEDIATE');
  else if (!tryBegin(db, wait)) {
    const waiting = announceWaiting(db.name);
    try {
      db.exec('BEGIN IMMEDIATE');
    } finally {
      waiting();
    }
  }
  try {
    // With the writer lock held, the file is first checked to hold what this connection sees.
    requireOwnContent(db);
    const watch = writeWatches.get(db);
    watch?.locked(db);
    // Not a savepoint inside the transaction just begun: a failure rolls all of it back anyway,
    // and a savepoint first copies every page the transaction changes (db/connections.ts).
    const result = fn();
    if (end === 'commit') {
      db.exec('COMMIT');
      committed(db);
      watch?.committed(db);
    } else db.exec('ROLLBACK');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Refuses a write on a connection whose file was written over with another copy (db/storeContent.ts). */
function requireOwnContent(db: Database.Database): void {
  if (!checkContent(db)) throw storeSwappedError(db.name);
}

/** BEGIN IMMEDIATE without waiting: false when another connection holds the writer lock. */
function tryBegin(db: Database.Database, wait: number): boolean {
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (error) {
    if (isBusyError(error)) return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/** An older version's mark names no start (db/leftovers.ts: a process id reused after a restart). */
const WAITING_MARK = /^\.(.+)\.waiting-(\d+)(?:-(\d+))?-[0-9a-f]{8}$/;

/** Leaves `.<store>.waiting-<pid>-<start>-<random>` beside the store; the answer removes it. */
function announceWaiting(storePath: string): () => void {
  const path = join(dirname(storePath), `.${basename(storePath)}.waiting-${ownerTag()}-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch {
    return () => {}; // a read-only folder: the import's steps still pause now and then
  }
  return () => rmSync(path, { force: true });
}

/**
 * Is a writer of any process waiting for the lock on the store at `storePath`? Marks of processes
 * that are gone (killed while they waited) do not count, and are removed.
 */
export function writersWaiting(storePath: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dirname(storePath));
  } catch {
    return false;
  }
  const store = basename(storePath);
  let waiting = false;
  for (const name of names) {
    const match = WAITING_MARK.exec(name);
    if (match === null || match[1] !== store) continue;
    if (ownerAlive(Number(match[2]), match[3] ?? '0')) waiting = true;
    else rmSync(join(dirname(storePath), name), { force: true });
  }
  return waiting;
}

export const STORE_BUSY_MESSAGE =
  'O banco está ocupado por outra tarefa (outra janela do CRESS Desk, a linha de comando ou uma importação) e não liberou a gravação a tempo. Tente de novo em instantes: nada foi gravado.';

export function storeBusyError(): AppError {
  return new AppError('STORE_BUSY', STORE_BUSY_MESSAGE);
}

/** "Disco cheio: libere espaço em <folder> e tente de novo." */
export function diskFullError(folder: string, extra = 'Nada foi gravado.'): AppError {
  return new AppError('DISK_FULL', `Disco cheio: libere espaço em "${folder}" e tente de novo. ${extra}`.trim(), { details: { folder } });
}

export const STORE_IN_USE_MESSAGE = 'O banco está aberto em outro programa: feche o CRESS Desk e tente de novo. Nada foi alterado.';

export function storeInUseError(): AppError {
  return new AppError('BACKUP_STORE_IN_USE', STORE_IN_USE_MESSAGE);
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** SQLITE_BUSY and SQLITE_LOCKED in all their extended forms: another connection holds the lock. */
export function isBusyError(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Almost nothing left on the disk of `folder` (an I/O error there is then a full disk). */
function nearlyFull(folder: string): boolean {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize < 1024 * 1024;
  } catch {
    return false;
  }
}

/**
 * SQLite's SQLITE_FULL, the file system's ENOSPC/EDQUOT, or an I/O error (a -shm or -wal file
 * that cannot grow or be made) on a disk with no space left.
 */
export function isDiskFullError(error: unknown, folder: string | null = null): boolean {
  const code = codeOf(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true;
  return (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) && folder !== null && nearlyFull(folder);
}

/**
 * The ways a disk refuses a write without saying it is full: SQLite's I/O errors while writing the
 * store, its -wal or its -shm (growing, truncating, flushing, making the -shm), and the file
 * system's "file too large" (a file-size limit, a FAT32 pendrive). Full, limited or faulty: never a
 * damaged store.
 */
const WRITE_REFUSALS: ReadonlySet<string> = new Set([
  'SQLITE_IOERR_WRITE',
  'SQLITE_IOERR_SHMSIZE',
  'SQLITE_IOERR_SHMOPEN',
  'SQLITE_IOERR_TRUNCATE',
  'SQLITE_IOERR_FSYNC',
  'EFBIG',
]);

/** Did the disk refuse a write (WRITE_REFUSALS)? storeError names it DISK_FULL on a full disk, DISK_WRITE_REFUSED otherwise. */
export function isWriteRefusedError(error: unknown): boolean {
  return WRITE_REFUSALS.has(codeOf(error));
}

/** "O disco recusou a gravação em <folder>…": a write refused by a disk that does not say it is full. */
export function diskWriteRefusedError(folder: string | null, system: string, extra = 'Nada foi gravado.'): AppError {
  const where = folder === null ? '' : ` em "${folder}"`;
  return new AppError(
    'DISK_WRITE_REFUSED',
    `O disco recusou a gravação${where}: ele pode estar cheio, ter um limite de tamanho de arquivo ou estar com defeito. ${extra} Libere espaço ou peça ao suporte de informática para verificar o disco, e tente de novo.`,
    { details: { folder, system } },
  );
}

/** SQLite found a damaged page (or a file that is not a database) while working. */
export function isCorruptError(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** Is the file made of whole 512-byte pages, as an encrypted store is (told by its size: reading it would let go of this process's locks)? */
function inWholePages(path: string): boolean {
  const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  return size >= 512 && size % 512 === 0;
}

export function storeDamagedError(path: string | null): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `O arquivo de dados${path ? ` "${path}"` : ''} está danificado. Restaure uma cópia de segurança (Backups → Restaurar) ou chame o suporte de informática. Nada foi gravado pela operação que falhou.`,
    { details: { path } },
  );
}

/**
 * SQLITE_READONLY in its forms: the store (or its -wal/-shm) may not be written by this user, or
 * its folder takes no new file. Not SQLITE_READONLY_DBMOVED (the file was replaced under the
 * connection: a restore's business, not a permission).
 */
export function isReadOnlyError(error: unknown): boolean {
  const code = codeOf(error);
  return (code.startsWith('SQLITE_READONLY') && code !== 'SQLITE_READONLY_DBMOVED') || code === 'EROFS';
}

/**
 * Why the store's folder takes no new file, or null when it does: EROFS on a file system mounted
 * read-only (a share, a DVD, a disk the system remounted after an error), EACCES when refused to
 * this user, EPERM when marked immutable (which refuses even root).
 */
function folderRefusal(storePath: string | null): string | null {
  if (storePath === null) return null;
  try {
    accessSync(dirname(resolve(storePath)), constants.W_OK);
    return null;
  } catch (refusal) {
    const code = (refusal as NodeJS.ErrnoException).code ?? '';
    return ['EROFS', 'EACCES', 'EPERM'].includes(code) ? code : null;
  }
}

/**
 * There SQLite cannot make the -wal and -shm files a store in WAL mode needs even to be read, and
 * says only "unable to open database file".
 */
function inFolderTakingNoFile(error: unknown, storePath: string | null): boolean {
  return codeOf(error).startsWith('SQLITE_CANTOPEN') && folderRefusal(storePath) !== null;
}

/**
 * The store cannot be written: "O arquivo de dados … não permite gravação", or, when SQLite could
 * not make the -wal and -shm files beside it (needed even to read a store in WAL mode), its folder.
 */
export function storeReadOnlyError(error: unknown, storePath: string | null): AppError {
  // A -wal and -shm left beside the store (a desk killed outright) make SQLite say only that it is
  // read-only: the folder's file system still is the cause, not the file's mode.
  if ((codeOf(error) === 'SQLITE_READONLY_DIRECTORY' || codeOf(error) === 'EROFS' || folderRefusal(storePath) === 'EROFS' || inFolderTakingNoFile(error, storePath)) && storePath !== null) {
    const folder = dirname(resolve(storePath));
    return new AppError(
      'STORE_READ_ONLY',
      `A pasta "${folder}" do arquivo de dados não permite gravação, e o CRESS Desk precisa criar ou gravar nela os arquivos -wal e -shm do banco, mesmo só para ler. O arquivo de dados não está danificado e nada foi gravado: peça ao suporte de informática a permissão de gravação nessa pasta para este usuário do computador.`,
      { details: { folder, path: storePath } },
    );
  }
  const file = storePath ? ` "${storePath}"` : '';
  return new AppError(
    'STORE_READ_ONLY',
    `O arquivo de dados${file} não permite gravação: está marcado como somente leitura ou pertence a outro usuário do computador (ele, ou os arquivos -wal e -shm ao lado dele). Nada foi gravado. Para gravar, peça ao suporte de informática a permissão de gravação para este usuário.`,
    { details: { path: storePath } },
  );
}

/**
 * Refuses, before anything is touched, a store its owner made read-only or that this user may not
 * write: for what replaces the file rather than writing through SQLite (a restore, the encryption
 * of a store an older version left plain), which the system would otherwise let through.
 */
export function requireWritableStore(storePath: string): void {
  let writable = !writeProtected(storePath);
  try {
    if (writable) accessSync(storePath, constants.W_OK);
  } catch (error) {
    writable = (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  if (!writable) throw storeReadOnlyError(null, storePath);
  // The file that replaces the store is made beside it: its folder must take a new file.
  const folder = dirname(resolve(storePath));
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new AppError(
      'STORE_READ_ONLY',
      `A pasta "${folder}" do arquivo de dados não permite criar arquivos, e a troca do banco (uma restauração, a criptografia) precisa criar nela o arquivo que o substitui. Nada foi alterado: peça ao suporte de informática a permissão de gravação nessa pasta para este usuário do computador.`,
      { details: { folder, path: storePath } },
    );
  }
}

/**
 * A failure of a store operation as the clerk should read it: busy → STORE_BUSY, a store or folder
 * that may not be written → STORE_READ_ONLY naming it, full → DISK_FULL naming the folder (the
 * file's own, or the store's), a write the disk refused otherwise (a file-size limit, a faulty
 * disk) → DISK_WRITE_REFUSED naming it, a damaged page → STORE_CORRUPT; anything else unchanged.
 */
export function storeError(error: unknown, storePath: string | null = null): unknown {
  if (error instanceof AppError) return error;
  if (isBusyError(error)) return storeBusyError();
  if (isReadOnlyError(error) || inFolderTakingNoFile(error, storePath)) return storeReadOnlyError(error, storePath);
  // Whole pages SQLite cannot read with the key this process has: the key file was replaced (or
  // this is another desk's store), said as a key problem — the start of a damaged file is named
  // there too — never sending the clerk to restore a backup over a sound store.
  if (codeOf(error) === 'SQLITE_NOTADB' && storePath !== null && inWholePages(storePath)) return storeKeyError(storePath);
  if (isCorruptError(error)) return storeDamagedError(storePath);
  // The log ends before the frames the shared index names: its -wal was deleted behind the program
  // that wrote them (db/storeLockFiles.ts), not a damaged store.
  if (codeOf(error) === 'SQLITE_IOERR_SHORT_READ' && storePath !== null) return logGoneError(storePath);
  const path = (error as { path?: unknown } | null)?.path;
  const folder = typeof path === 'string' ? dirname(resolve(path)) : storePath ? dirname(resolve(storePath)) : null;
  if (isDiskFullError(error, folder)) return diskFullError(folder ?? '.');
  if (isWriteRefusedError(error)) return folder !== null && nearlyFull(folder) ? diskFullError(folder) : diskWriteRefusedError(folder, codeOf(error));
  return error;
}
