// The app and the browser host keep the store open all day, and another program may write the file
// meanwhile (a SQLite tool, a script): plant a trigger that rewrites what the clerk saves, drop a
// guard, edit a row that the desk's next write would then seal in as its own. So every write
// transaction of the desk, once it holds the writer lock (no other program can change anything
// until it ends), first takes the look opening the store takes (storeGuards.ts guardsBeforeWrite).
// The triggers are read again only when the schema changed since this connection last looked —
// `PRAGMA schema_version` moves with every change to it, by anyone — and a commit of the desk's own
// (an import's steps drop and make triggers again) is remembered as the desk's.
import type Database from 'better-sqlite3';
import { guardsBeforeWrite } from './storeGuards';
import { watchWrites, type WriteWatch } from './storeLock';

const schemaVersion = (db: Database.Database) => db.pragma('schema_version', { simple: true }) as number;

class GuardWatch implements WriteWatch {
  /** The schema version last found with every trigger as made (null: not looked yet). */
  private known: number | null = null;

  /** `held`: the connection that opens the store looks only once openStore checked it (it may still migrate). */
  constructor(private held: boolean) {}

  arm(db: Database.Database): void {
    this.held = false;
    this.known = schemaVersion(db);
  }

  locked(db: Database.Database): void {
    if (this.held) return;
    guardsBeforeWrite(db, schemaVersion(db) !== this.known);
    this.known = schemaVersion(db);
  }

  committed(db: Database.Database): void {
    if (!this.held) this.known = schemaVersion(db);
  }
}

const watches = new WeakMap<Database.Database, GuardWatch>();

/** Every connection that writes the store (db/connections.ts); `held` for the one openStore opens. */
export function watchGuards(db: Database.Database, options: { held: boolean }): void {
  const watch = new GuardWatch(options.held);
  watches.set(db, watch);
  watchWrites(db, watch);
}

/** The store opened and checked (db/open.ts): from now on every write of this connection looks first. */
export function armGuardWatch(db: Database.Database): void {
  watches.get(db)?.arm(db);
}
