// A statement run outside a transaction opens and closes a read transaction of its own: it takes
// one of the log's read locks and checks the log's header, which costs about ten times a lookup by
// an index. The checking side of a corrections import runs several lookups per row (the record,
// who else has an e-mail), so it checks each window of rows inside one read transaction instead.
// The window sees the store as it was when it began; the writer's commits meanwhile are seen by the
// next window (records this import changed are read through the writer anyway, writer/link.ts).
// Only for a connection that never writes: an import written on its own connection is not wrapped.
import type { Database } from 'better-sqlite3';

/** Runs `read` inside one read transaction of `db` (as is when `db` is null or already in one). */
export function inReadSnapshot<T>(db: Database | null, read: () => T): T {
  if (db === null || db.inTransaction) return read();
  db.exec('BEGIN');
  let ended = false;
  try {
    const result = read();
    ended = true;
    if (db.inTransaction) db.exec('COMMIT');
    return result;
  } finally {
    if (!ended && db.inTransaction) db.exec('ROLLBACK');
  }
}

/**
 * Runs `work` outside the snapshot `db` may be in, then opens a new one: a checkpoint cannot run
 * on a connection inside a transaction (logFolds.ts folds the log while the checking side waits).
 */
export function outsideReadSnapshot<T>(db: Database, work: () => T): T {
  if (!db.inTransaction) return work();
  db.exec('COMMIT');
  try {
    return work();
  } finally {
    db.exec('BEGIN');
  }
}
