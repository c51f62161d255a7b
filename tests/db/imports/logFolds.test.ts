// While an import is written in steps, the log it leaves is folded back into the store's file by
// the side that would otherwise only wait (even inside the read transaction it checks a window of
// rows in); the writer folds only what nobody folded for a while.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inReadSnapshot } from '../../../db/imports/readSnapshot';
import { LOG_FOLD_SLOTS, LogFolds, UNFOLDED_STEPS_MAX } from '../../../db/imports/writer/logFolds';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function twoConnections(): { writer: Database.Database; checker: Database.Database; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cress-folds-'));
  dirs.push(dir);
  const path = join(dir, 'store.sqlite');
  const writer = new Database(path);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  return { writer, checker: new Database(path), path };
}

function writeStep(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(200));
  })();
}

describe('folding the log while an import is written', () => {
  it('the checking side folds the steps written since it last looked into the store file, on its own connection', () => {
    const { writer, checker, path } = twoConnections();
    const shared = new Int32Array(LOG_FOLD_SLOTS);
    const writing = new LogFolds(shared, 0);
    const checking = new LogFolds(shared, 0, checker);
    expect(checking.foldIfDue()).toBe(false); // nothing written yet: it just waits
    writeStep(writer);
    writing.stepWritten();
    const before = statSync(path).size;
    expect(checking.foldIfDue()).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(before + 300_000); // the step's pages are in the file now
    expect(checking.foldIfDue()).toBe(false); // once per step
    expect(writing.writerShouldFold(false)).toBe(false);
    writer.close();
    checker.close();
  });

  it('the checking side folds while it waits inside a window of rows, and goes on reading that window after', () => {
    const { writer, checker, path } = twoConnections();
    const shared = new Int32Array(LOG_FOLD_SLOTS);
    const writing = new LogFolds(shared, 0);
    const checking = new LogFolds(shared, 0, checker);
    const count = checker.prepare('SELECT count(*) FROM t').pluck();
    inReadSnapshot(checker, () => {
      expect(count.get()).toBe(0);
      writeStep(writer);
      writing.stepWritten();
      const before = statSync(path).size;
      expect(checking.foldIfDue()).toBe(true);
      // Folded for real (a checkpoint inside a transaction would have done nothing) …
      expect(statSync(path).size).toBeGreaterThan(before + 300_000);
      // … and the window reads on in a transaction, which now sees the step.
      expect(checker.inTransaction).toBe(true);
      expect(count.get()).toBe(2000);
    });
    expect(checker.inTransaction).toBe(false);
    expect(writing.writerShouldFold(false)).toBe(false);
    writer.close();
    checker.close();
  });

  it('the checking side waiting inside a window holds no snapshot a backup emptying the log would wait for', () => {
    const { writer, checker } = twoConnections();
    const checking = new LogFolds(new Int32Array(LOG_FOLD_SLOTS), 0, checker);
    writeStep(writer);
    writer.pragma('busy_timeout = 0');
    inReadSnapshot(checker, () => {
      expect(checker.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2000);
      expect(checking.foldIfDue()).toBe(false); // nothing to fold: it only waits
      const [emptied] = writer.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      expect(emptied?.busy).toBe(0);
    });
    writer.close();
    checker.close();
  });

  it('a window that fails leaves no transaction open on the checking connection', () => {
    const { writer, checker } = twoConnections();
    expect(() =>
      inReadSnapshot(checker, () => {
        checker.prepare('SELECT count(*) FROM t').get();
        throw new Error('row refused');
      }),
    ).toThrow('row refused');
    expect(checker.inTransaction).toBe(false);
    writer.close();
    checker.close();
  });

  it('the writer folds itself after a few steps nobody folded, and at once when a clerk waits', () => {
    const writing = new LogFolds(new Int32Array(LOG_FOLD_SLOTS), 0);
    const answers: boolean[] = [];
    for (let step = 1; step <= UNFOLDED_STEPS_MAX; step++) {
      writing.stepWritten();
      answers.push(writing.writerShouldFold(false));
    }
    expect(answers).toEqual([...Array(UNFOLDED_STEPS_MAX - 1).fill(false), true]);
    writing.stepWritten();
    expect(writing.writerShouldFold(true)).toBe(true);
  });
});
