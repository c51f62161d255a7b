// The staging file of a corrections import: what the import will write, collected while the
// spreadsheet is read and checked, without any lock on the store. A private SQLite file beside the
// store (`.<store>.import-<random>.stage`), held with an exclusive lock for as long as its import
// runs — so another program can tell a live import from one whose process is gone — and removed
// when the import ends. For an import written only at its end (a preview, "tudo ou nada") it keeps
// the operations in file order (indexed by record, to read back a record the import already
// changed); for every import, the problems of rejected rows and, while it is written, the load
// notes it removes, to put them back should it be rolled back.
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createStagingFile, openStagingFileNoWait } from '../../connections';
import { isBusyError } from '../../storeLock';
import type { DroppedNote } from './applier';

interface StagedRow {
  seq: number;
  row: number;
  professional: number;
  data: string;
}

/** Where the reading of the staged operations stopped: the last record and operation read. */
export interface OpCursor {
  professional: number;
  seq: number;
}

/** Before the first staged operation. */
export const FIRST_OP: OpCursor = { professional: -1, seq: 0 };

const STAGE_NAME = /^\.(.+)\.import-[0-9a-f]{12}\.stage$/;

/** Staging files of the store at `storePath` found in its folder (names only). */
export function stageNamesOf(storePath: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dirname(storePath));
  } catch {
    return [];
  }
  return names.filter((name) => STAGE_NAME.exec(name)?.[1] === basename(storePath));
}

/** A new staging file's name beside the store at `storePath`. */
export function stagePathFor(storePath: string): string {
  return join(dirname(storePath), `.${basename(storePath)}.import-${randomBytes(6).toString('hex')}.stage`);
}

/**
 * Whether an import still holds its staging file (its writer lives: the lock goes with the
 * writer's connection, closed also when its thread dies); null when there is no such file (not
 * made yet, or already removed: no answer either way).
 */
export function stageHeld(path: string): boolean | null {
  if (!existsSync(path)) return null;
  const stage = ImportStage.openAbandoned(path);
  if (stage === 'held') return true;
  if (stage === 'unreadable') return null;
  stage.close();
  return false;
}

/** Deletes a staging file and what SQLite keeps beside it. */
export function removeStageFiles(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

export class ImportStage {
  private readonly insertOp: Database.Statement;
  private readonly insertError: Database.Statement;
  private readonly opsOfRecord: Database.Statement<[number], { data: string }>;
  private readonly opsAfter: Database.Statement<[number, number], StagedRow>;
  private readonly opsAfterByRecord: Database.Statement<[number, number, number], StagedRow>;
  private readonly errorsAfter: Database.Statement<[number, number], { seq: number; data: string }>;
  private readonly insertDropped: Database.Statement;
  private sealed = false;
  opCount = 0;
  errorCount = 0;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    this.insertOp = db.prepare('INSERT INTO ops (professional_id, row, data) VALUES (?, ?, ?)');
    this.insertError = db.prepare('INSERT INTO errors (data) VALUES (?)');
    this.opsOfRecord = db.prepare('SELECT data FROM ops WHERE professional_id = ? ORDER BY seq');
    this.opsAfter = db.prepare('SELECT seq, row, professional_id AS professional, data FROM ops WHERE seq > ? ORDER BY seq LIMIT ?');
    this.opsAfterByRecord = db.prepare(
      'SELECT seq, row, professional_id AS professional, data FROM ops WHERE (professional_id, seq) > (?, ?) ORDER BY professional_id, seq LIMIT ?',
    );
    this.errorsAfter = db.prepare('SELECT seq, data FROM errors WHERE seq > ? ORDER BY seq LIMIT ?');
    this.insertDropped = db.prepare('INSERT INTO dropped (professional_id, code, field, message) VALUES (?, ?, ?, ?)');
  }

  get name(): string {
    return basename(this.path);
  }

  /** A new staging file beside the store (at `path`, when given), locked for this import alone. */
  static create(storePath: string, path = stagePathFor(storePath)): ImportStage {
    // A scratch file (the import is then simply not written); the journal keeps it readable after a kill.
    const db = createStagingFile(path);
    try {
      db.exec(`
        CREATE TABLE ops (seq INTEGER PRIMARY KEY, professional_id INTEGER NOT NULL, row INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE INDEX ops_professional ON ops (professional_id, seq);
        CREATE TABLE errors (seq INTEGER PRIMARY KEY, data TEXT NOT NULL);
        CREATE TABLE dropped (professional_id INTEGER NOT NULL, code TEXT NOT NULL, field TEXT, message TEXT NOT NULL);`);
      db.exec('BEGIN');
      return new ImportStage(path, db);
    } catch (error) {
      db.close();
      removeStageFiles(path);
      throw error;
    }
  }

  /**
   * The staging file of an import whose process is gone, to read the notes it kept; null while
   * its import still holds it (or when it is not a staging file any more).
   */
  static openAbandoned(path: string): ImportStage | 'held' | 'unreadable' {
    let db: Database.Database | null = null;
    try {
      // No waiting: a held file belongs to a running import, whatever it is doing.
      db = openStagingFileNoWait(path);
      db.exec('BEGIN EXCLUSIVE');
      db.exec('COMMIT');
      db.prepare('SELECT count(*) FROM dropped').get();
      const stage = new ImportStage(path, db);
      stage.sealed = true;
      return stage;
    } catch (error) {
      db?.close();
      // Held: its import is at work. Anything else: a file killed before it was made whole.
      return isBusyError(error) ? 'held' : 'unreadable';
    }
  }

  /** An accepted row's operation (`row`: its row in the file). */
  addCorrection(professionalId: number, row: number, op: readonly unknown[]): void {
    this.insertOp.run(professionalId, row, JSON.stringify(op));
    this.opCount++;
  }

  addError(op: readonly unknown[]): void {
    this.insertError.run(JSON.stringify(op));
    this.errorCount++;
  }

  /** The operations on one record, in file order. */
  opsOf(professionalId: number): unknown[][] {
    return this.opsOfRecord.all(professionalId).map((r) => JSON.parse(r.data) as unknown[]);
  }

  /** What was added so far is on file (the writing goes on). */
  commit(): void {
    if (this.sealed) return;
    this.db.exec('COMMIT');
    this.db.exec('BEGIN');
  }

  /** Everything staged is on file; from now on it is only read (and the notes of the apply added). */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    this.db.exec('COMMIT');
  }

  /**
   * Up to `limit` operations after `after`. By record — the store's own order, each record's in
   * file order — so that a step writes neighbouring pages whatever order the file was in; or in
   * file order (`byFile`), when the import moves CPFs between records and the order across records matters.
   */
  operations(after: OpCursor, limit: number, byFile: boolean): { cursor: OpCursor; row: number; op: unknown[] }[] {
    const rows = byFile ? this.opsAfter.all(after.seq, limit) : this.opsAfterByRecord.all(after.professional, after.seq, limit);
    return rows.map((r) => ({ cursor: { professional: r.professional, seq: r.seq }, row: r.row, op: JSON.parse(r.data) as unknown[] }));
  }

  /** Up to `limit` problems of rejected rows after `afterSeq`. */
  problems(afterSeq: number, limit: number): { seq: number; op: unknown[] }[] {
    return this.errorsAfter.all(afterSeq, limit).map((r) => ({ seq: r.seq, op: JSON.parse(r.data) as unknown[] }));
  }

  keepDropped(notes: readonly DroppedNote[]): void {
    for (const n of notes) this.insertDropped.run(n.professionalId, n.code, n.field, n.message);
  }

  dropped(): DroppedNote[] {
    return this.db.prepare('SELECT professional_id AS professionalId, code, field, message FROM dropped').all() as DroppedNote[];
  }

  /** Lets the file go and deletes it. */
  remove(): void {
    if (this.db.open) this.db.close();
    removeStageFiles(this.path);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
