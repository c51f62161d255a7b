// An import written in several steps (stagedWriter.ts) leaves a mark in the store from its first
// step to its last: a `store_tasks` row naming the import's number and its staging file. While the
// mark is there the import is unfinished; the next open of the store finds a mark whose writer is
// gone and rolls the import back (rollback.ts). The mark also reserves the import's number, which
// every import takes from nextImportId().
import type { Database } from 'better-sqlite3';

const PREFIX = 'import.apply:';

export interface UnfinishedImport {
  /** The store_tasks name. */
  mark: string;
  importId: number;
  /** The staging file's name, in the store's folder. */
  stageName: string;
}

function parse(mark: string): UnfinishedImport | null {
  const match = /^import\.apply:(\d+):(.+)$/.exec(mark);
  return match ? { mark, importId: Number(match[1]), stageName: match[2] as string } : null;
}

/** Imports begun in steps and not finished (their writer may still be at work, or gone). */
export function unfinishedImports(db: Database): UnfinishedImport[] {
  const marks = db.prepare(`SELECT name FROM store_tasks WHERE name LIKE '${PREFIX}%'`).pluck().all() as string[];
  return marks.map(parse).filter((u): u is UnfinishedImport => u !== null);
}

/** The number of the next import: after every recorded one and every one still being written. */
export function nextImportId(db: Database): number {
  const recorded = (db.prepare('SELECT max(id) FROM imports').pluck().get() as number | null) ?? 0;
  const reserved = unfinishedImports(db).reduce((max, u) => Math.max(max, u.importId), 0);
  return Math.max(recorded, reserved) + 1;
}

/** Marks an import unfinished (inside its first step's transaction); answers the mark. */
export function markUnfinished(db: Database, importId: number, stageName: string): string {
  const mark = `${PREFIX}${importId}:${stageName}`;
  db.prepare('INSERT INTO store_tasks (name, done_at) VALUES (?, NULL)').run(mark);
  return mark;
}

export function clearMark(db: Database, mark: string): void {
  db.prepare('DELETE FROM store_tasks WHERE name = ?').run(mark);
}
