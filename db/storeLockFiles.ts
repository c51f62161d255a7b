// The store's files changed behind a connection's back: the file replaced by another (a copy
// "restored" by hand), moved or deleted with its folder, or its -wal deleted (a cleaning tool, a
// sync client, someone taking it for a leftover). SQLite keeps working on the files it opened, so
// a connection would go on writing where no other program looks — answered "saved", then lost —
// and its log, found by name, would be read by the file that took the store's place as its own.
// Each connection notes which files it opened; a write on one whose files are no longer at their
// paths is refused in words, and what it had written is folded into the file it still holds.
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { AppError } from '../shared/errors';
import { contentRewritten } from './storeContent';

interface Identity {
  dev: number;
  ino: number;
}

/** The store file and its -wal, as each connection opened them (device and inode at their paths then). */
const opened = new WeakMap<Database.Database, { file: Identity; log: Identity | null }>();

/** A stat of the path, never an open (closing a descriptor of the store would drop this process's locks on it). */
function identity(path: string): Identity | null {
  const found = statSync(path, { throwIfNoEntry: false });
  return found ? { dev: found.dev, ino: found.ino } : null;
}

const same = (a: Identity | null, b: Identity | null) => a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;

/** Notes which file `db` has open (db/connections.ts, right after opening it). */
export function rememberOpenedFile(db: Database.Database): void {
  if (db.memory) return;
  const file = identity(db.name);
  if (file) opened.set(db, { file, log: null });
}

/** Notes which -wal `db` has open, once it is in WAL mode (db/connections.ts). */
export function rememberOpenedLog(db: Database.Database): void {
  const files = opened.get(db);
  if (files) files.log = identity(`${db.name}-wal`);
}

/**
 * What became of `db`'s files: `moved` (the store file is not the one at its path), `rewritten`
 * (the same file, written over with another copy: db/storeContent.ts), `logGone` (its -wal
 * deleted, and no program made another yet), `logReplaced` (another -wal in its place: some other
 * connection writes there now), or null when both are where they were.
 */
export function filesChanged(db: Database.Database): 'moved' | 'rewritten' | 'logGone' | 'logReplaced' | null {
  const files = opened.get(db);
  if (!files || !db.open) return null;
  if (!same(identity(db.name), files.file)) return 'moved';
  if (contentRewritten(db)) return 'rewritten';
  if (files.log === null) return null;
  const log = identity(`${db.name}-wal`);
  if (log === null) return 'logGone';
  return same(log, files.log) ? null : 'logReplaced';
}

/**
 * Folds the log into the file `db` holds and empties it (without waiting): what it wrote is then in
 * that file, and the log it holds has nothing another file could read as its own. Never when
 * another -wal took its place: the index shared by name describes that one, not this.
 */
export function emptyOwnLog(db: Database.Database): void {
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // another program reads the log right now: nothing more can be done from here
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/** On a connection whose files changed, what can still be saved of its writes (before a close, a fold, a refusal). */
export function settleChangedFiles(db: Database.Database): ReturnType<typeof filesChanged> {
  const change = filesChanged(db);
  if (change === 'moved' || change === 'logGone') emptyOwnLog(db);
  return change;
}

/** Refuses a write on a connection whose files are no longer the store's (see the top of this file). */
export function requireOwnFiles(db: Database.Database): void {
  const change = settleChangedFiles(db);
  if (change === 'moved' || change === 'rewritten') throw storeSwappedError(db.name);
  if (change !== null) throw logGoneError(db.name);
}

export function storeSwappedError(path: string): AppError {
  return new AppError(
    'STORE_NOT_FOUND',
    `O arquivo de dados "${path}" foi trocado, movido ou apagado por outro programa depois que o CRESS Desk o abriu. Nada foi gravado. Feche o CRESS Desk e abra de novo; para voltar a uma cópia de segurança, use Backups → Restaurar com o CRESS Desk aberto, nunca copiando o arquivo por fora.`,
    { details: { path } },
  );
}

export const LOG_GONE_MESSAGE =
  'foi apagado ou trocado por outro programa enquanto o banco estava aberto (o arquivo -wal guarda as últimas gravações e não deve ser apagado). Nada foi gravado. Feche o CRESS Desk (e a prévia no navegador) e abra de novo: o que já estava salvo continua no banco.';

export function logGoneError(path: string): AppError {
  return new AppError('STORE_BUSY', `O arquivo "${path}-wal" ao lado do banco ${LOG_GONE_MESSAGE}`, { details: { path } });
}
