// An import written in several steps (stagedWriter.ts) leaves a mark in the store from its first
// step to its last: a `store_tasks` row naming the import's number and its staging file. While the
// mark is there the import is unfinished; the next open of the store finds a mark whose writer is
// gone and rolls the import back (rollback.ts). The mark also reserves the import's number, which
// every import takes from nextImportId(). Beside it, an import that refuses a repeat marks the file
// it writes (`import.file:<number>:<kind>:<sha256>`): the same file imported by another command at
// the same moment is refused at its first step, before it writes anything — never two imports of
// one file written in steps side by side, each taking the other's rows for changes made meanwhile.
import type { Database } from 'better-sqlite3';
import { fileBeingImportedError } from '../history';

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

/** Clears an import's mark, and the mark of the file it wrote. */
export function clearMark(db: Database, mark: string): void {
  db.prepare('DELETE FROM store_tasks WHERE name = ?').run(mark);
  const importId = parse(mark)?.importId;
  if (importId !== undefined) db.prepare(`DELETE FROM store_tasks WHERE name LIKE '${FILE_PREFIX}${importId}:%'`).run();
}

const FILE_PREFIX = 'import.file:';

/** Marks the file an unfinished import writes (inside its first step's transaction, after markUnfinished). */
export function markFile(db: Database, importId: number, kind: string, sha256: string): void {
  db.prepare('INSERT INTO store_tasks (name, done_at) VALUES (?, NULL)').run(`${FILE_PREFIX}${importId}:${kind}:${sha256}`);
}

/** Refuses an import of a file another unfinished import writes as `kind` right now (nothing of it written yet). */
export function refuseFileBeingWritten(db: Database, kind: string, sha256: string): void {
  const other = importWritingFile(db, kind, sha256);
  if (other !== null) throw fileBeingImportedError(other);
}

/** The number of an unfinished import writing this very file as `kind`, or null. */
function importWritingFile(db: Database, kind: string, sha256: string): number | null {
  const unfinished = new Set(unfinishedImports(db).map((u) => u.importId));
  const names = db.prepare("SELECT name FROM store_tasks WHERE name LIKE 'import.file:%'").pluck().all() as string[];
  for (const name of names) {
    const match = /^import\.file:(\d+):([a-z]+):([0-9a-f]+)$/.exec(name);
    if (match && match[2] === kind && match[3] === sha256 && unfinished.has(Number(match[1]))) return Number(match[1]);
  }
  return null;
}
