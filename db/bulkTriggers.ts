// Many rows written in one transaction (the demo registry, a step of a corrections import): some
// row triggers' work is done once, set-based, after the rows, instead of by the triggers firing
// once per row — each firing costs tens of microseconds. Measured on 250 000 inserts into
// professionals with its indexes: 7.0 s bare, 14.0 s with the row-seal queue's insert trigger,
// 7.0 s with one INSERT … SELECT after the rows instead; the search index's insert trigger, 15.7 s
// against 7.5 s. The triggers are dropped and created again — as their migrations made them
// (db/storeGuards.ts) — inside the caller's write transaction: no other connection ever sees a
// table without them, and a failure or a killed process rolls the drop back with everything else
// (not in a savepoint of its own: that would first copy every page the bulk write changes). Only
// triggers present are dropped and made again: one found missing is left for the next open of the
// store to put back and record.
import type { Database } from 'better-sqlite3';
import { SEALED, type SealedTable } from './auditSeals';
import { expectedTriggers } from './storeGuards';

/** The triggers whose work a bulk write can do itself, with what stands for it. */
export type DeferredTrigger = 'professionals_fts_after_insert' | 'professionals_unsealed_insert' | 'professionals_unsealed_update' | 'corrections_unsealed_insert';

/**
 * Runs `work` with `triggers` dropped, inside the caller's write transaction; `work` must do their
 * work itself for the rows it writes (see the functions below).
 */
export function withTriggersDeferred<T>(db: Database, triggers: readonly DeferredTrigger[], work: () => T): T {
  if (!db.inTransaction) throw new Error('withTriggersDeferred runs inside a write transaction');
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck();
  const present = triggers.filter((name) => exists.get(name) !== undefined);
  const restore = (): void => {
    for (const name of present) db.exec(expectedTriggers().get(name) as string);
  };
  for (const name of present) db.exec(`DROP TRIGGER "${name}"`);
  let result: T;
  try {
    result = work();
  } catch (error) {
    // The caller's transaction is rolled back, the drop with it; should a caller go on instead,
    // it still commits the triggers.
    if (db.inTransaction) {
      try {
        restore();
      } catch {
        /* the transaction is failing already: its rollback undoes the drop */
      }
    }
    throw error;
  }
  restore();
  return result;
}

/** The highest row id of a table now (rows written after have bigger ids). */
export function lastRowId(db: Database, table: SealedTable): number {
  return (db.prepare(`SELECT max(id) FROM ${table}`).pluck().get() as number | null) ?? 0;
}

const kindOf = (table: SealedTable) => (SEALED.find((spec) => spec.table === table) as (typeof SEALED)[number]).kind;

/** What the insert triggers of `table` do, for every row inserted after `afterId`. */
export function queueInsertedForSealing(db: Database, table: SealedTable, afterId: number): void {
  db.prepare(`INSERT OR IGNORE INTO audit_unsealed (kind, id) SELECT ?, id FROM ${table} WHERE id > ?`).run(kindOf(table), afterId);
}

/** What the update trigger of `table` does, for the rows `ids`. */
export function queueUpdatedForSealing(db: Database, table: SealedTable, ids: readonly number[]): void {
  if (ids.length > 0) db.prepare('INSERT OR IGNORE INTO audit_unsealed (kind, id) SELECT ?, value FROM json_each(?)').run(kindOf(table), JSON.stringify(ids));
}

/** What the search index's insert trigger does, for every professional inserted after `afterId`. */
export function indexNamesAfter(db: Database, afterId: number): void {
  db.prepare('INSERT INTO professionals_fts (rowid, name_folded) SELECT id, name_folded FROM professionals WHERE id > ?').run(afterId);
}
