// Opening the store: check the file is a sound SQLite database of ours, set the connection up
// (WAL, foreign keys, busy timeout) and migrate it to the schema this build knows.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../shared/errors';
import { KNOWN_SCHEMA_VERSION, migrate, schemaVersionOf, storeNewerError } from './migrate';
import { runPendingPendencyScan } from './pendencies';
import * as schema from './schema';

export interface Store {
  db: Database.Database;
  orm: BetterSQLite3Database<typeof schema>;
  path: string;
  schemaVersion: number;
  close(): void;
}

function corrupt(path: string, cause: string): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `O arquivo de dados "${path}" não é um banco de dados do CRESS Desk ou está danificado. Restaure uma cópia de segurança ou escolha outro arquivo.`,
    { details: { path, cause } },
  );
}

/** Opens (creating if needed) and migrates the store. Throws AppError STORE_CORRUPT or STORE_NEWER. */
export function openStore(options: { path: string }): Store {
  const path = resolve(options.path);
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    checkSound(db, path);
    // Refuse a newer store before touching anything in it.
    const found = schemaVersionOf(db);
    if (found > KNOWN_SCHEMA_VERSION) throw storeNewerError(found);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // Name searches sort tens of thousands of hits; a larger page cache keeps them in memory.
    db.pragma('cache_size = -32768');
    const schemaVersion = migrate(db);
    runPendingPendencyScan(db);
    let open = true;
    return {
      db,
      orm: drizzle({ client: db, schema }),
      path,
      schemaVersion,
      close() {
        if (!open) return;
        open = false;
        try {
          db.pragma('optimize'); // keeps the planner's statistics fresh; never worth failing a close
        } catch {
          /* closing matters more */
        }
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function checkSound(db: Database.Database, path: string): void {
  let result: unknown;
  try {
    result = db.pragma('quick_check', { simple: true });
  } catch (error) {
    throw corrupt(path, error instanceof Error ? error.message : String(error));
  }
  if (result !== 'ok') throw corrupt(path, String(result));
  // A sound SQLite file of another program: never add our tables to it.
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number };
  if (schemaVersionOf(db) === 0 && tables.n > 0) throw corrupt(path, 'foreign database');
}
