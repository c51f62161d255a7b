// The store file written over in place behind a connection's back (`cp older.sqlite store.sqlite`,
// a sync client putting back its own copy): the same file at the same path, other bytes. SQLite
// cannot tell — its log's index says nothing changed — so the connection goes on reading the pages
// it keeps in memory from the store it opened and the others from the copy, and a write then mixes
// both into a damaged file. The file's own status tells that it was written (its change time moves),
// but so does every fold of the log, by any program: then, with the writer lock held, what this
// connection sees is compared with what a connection opened now sees. A file folded by SQLite reads
// the same through both; a file written over does not, and the connection is no longer the store's.
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';

interface Written {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

interface Watched {
  /** The file's status when its content was last found to be what the connection sees. */
  written: Written | null;
  /** A connection opened now on the store, read-only: what another program would read. */
  openFresh: () => Database.Database;
  /** Found written over once: the connection stays refused, whatever it reads afterwards. */
  rewritten: boolean;
}

const watched = new WeakMap<Database.Database, Watched>();

function writtenOf(path: string): Written | null {
  const found = statSync(path, { throwIfNoEntry: false });
  return found ? { size: found.size, mtimeMs: found.mtimeMs, ctimeMs: found.ctimeMs } : null;
}

const sameWrite = (a: Written | null, b: Written | null) => a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

/**
 * What a connection sees of the store: its schema, its size, and the audit trail's anchor, which
 * every write moves (entry count and newest hash). Before the migrations made the anchor, the
 * schema and size alone.
 */
function seen(db: Database.Database): string {
  let anchor: unknown = null;
  try {
    anchor = db.prepare('SELECT count, last_hash FROM audit_anchor').get() ?? null;
  } catch {
    // no trail yet (a store being made): the schema and the size say enough
  }
  return JSON.stringify([db.pragma('schema_version', { simple: true }), db.pragma('page_count', { simple: true }), anchor]);
}

/** Watches `db`'s file for a copy written over it; `openFresh` opens another, read-only connection to it. */
export function watchContent(db: Database.Database, openFresh: () => Database.Database): void {
  if (db.memory) return;
  watched.set(db, { written: writtenOf(db.name), openFresh, rewritten: false });
}

/** Was `db`'s file found written over (by an earlier `checkContent`)? */
export function contentRewritten(db: Database.Database): boolean {
  return watched.get(db)?.rewritten === true;
}

/**
 * Is the file at `db`'s path still holding what `db` sees? Call it with the writer lock held (no
 * other program commits meanwhile). Cheap when the file was not written since the last look; a
 * file found written over leaves the connection refused for good.
 */
export function checkContent(db: Database.Database): boolean {
  const watch = watched.get(db);
  if (!watch) return true;
  if (watch.rewritten) return false;
  const now = writtenOf(db.name);
  if (sameWrite(now, watch.written)) return true;
  let fresh: Database.Database | null = null;
  let agree: boolean;
  try {
    fresh = watch.openFresh();
    agree = seen(fresh) === seen(db);
  } catch {
    // No verdict: a lock or a full disk in the way, or a key file changed meanwhile (which the
    // desk names on its own) says nothing of the store's bytes. The next write looks again.
    return true;
  } finally {
    fresh?.close();
  }
  if (agree) watch.written = now;
  else watch.rewritten = true;
  return agree;
}
