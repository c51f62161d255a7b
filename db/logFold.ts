// The desk's own connection folds its write-ahead log back into the store file (a checkpoint) once
// the desk has been quiet for a moment, not inside the commit that filled the log. SQLite's own
// fold runs in whichever commit pushes the log past 1 000 pages, and that commit waits for it: a
// lote of 100 000 corrections answered the clerk only after copying about 50 MB back into the
// file — on an encrypted store every page of it decrypted from the log and encrypted again for
// the file, a third of the whole operation. Now the answer comes first and the fold follows when
// nothing has been written for QUIET_MS. SQLite's fold stays as a ceiling (FOLD_CEILING_PAGES),
// so a desk that never goes quiet still keeps its log bounded. Closing the store folds what is
// left (SQLite does it when the last connection closes). Readers are never in the way: a PASSIVE
// fold copies what no reader still needs and leaves the rest for the next one.
import type Database from 'better-sqlite3';
import { settleChangedFiles } from './storeLockFiles';

/** No write on the desk's connection for this long, and its log is folded. */
export const QUIET_MS = 1000;
/** SQLite folds by itself in the commit that takes the log past this many pages (128 MB of 4 KiB pages). */
export const FOLD_CEILING_PAGES = 32_768;
/** How often an idle desk looks whether its files are still where it opened them. */
export const WATCH_MS = 1000;

export interface LogFolder {
  /** Folds the log now, if nothing is being written on the connection. */
  foldNow(): void;
  /** No more folds (the store is closing). */
  stop(): void;
}

const folders = new WeakMap<Database.Database, { wrote(): void }>();

/** Makes `db` (the desk's connection, in WAL mode) fold its log when the desk goes quiet. */
export function foldWhenQuiet(db: Database.Database, quietMs: number = QUIET_MS): LogFolder {
  db.pragma(`wal_autocheckpoint = ${FOLD_CEILING_PAGES}`);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const foldNow = () => {
    cancel();
    if (stopped || !db.open) return;
    // A transaction still open (an await inside one) folds at its own commit's quiet moment.
    if (db.inTransaction) return wrote();
    // Files changed behind the desk (db/storeLockFiles.ts): its log is emptied, or not its own to fold.
    if (settleChangedFiles(db) !== null) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Folding is housekeeping: the next quiet moment, SQLite's ceiling or the close does it.
    }
  };
  const wrote = () => {
    if (stopped) return;
    cancel();
    timer = setTimeout(foldNow, quietMs);
    timer.unref(); // never what keeps a command's process alive
  };
  folders.set(db, { wrote });
  // A -wal deleted while the desk is idle: what is in it goes into the file before another program
  // makes a new one beside it (db/storeLockFiles.ts).
  const watch = setInterval(() => {
    if (!stopped && db.open && !db.inTransaction) settleChangedFiles(db);
  }, WATCH_MS);
  watch.unref();
  return {
    foldNow,
    stop() {
      stopped = true;
      clearInterval(watch);
      cancel();
      folders.delete(db);
    },
  };
}

/** A write transaction committed on `db` (db/storeLock.ts): its fold waits for the next quiet moment. */
export function committed(db: Database.Database): void {
  folders.get(db)?.wrote();
}
