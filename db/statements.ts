// Prepared statements compiled once per connection: the hot paths (lookups, search) run them
// thousands of times and compiling SQL would dominate.
import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement>>();

export function statement<R = unknown>(db: Database, sql: string): Statement<unknown[], R> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared as Statement<unknown[], R>;
}

/** `WHERE a AND b …` of the conditions given, or nothing when none is. */
export function whereAll(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}
