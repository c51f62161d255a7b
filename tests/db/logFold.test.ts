// The desk's connection answers a large write before folding its log into the file, and folds it
// once the desk is quiet: nothing is lost on the way (another connection, or a reopen, reads every
// row), the fold does not wait for ever behind writes, and a closed store never folds.
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../db';
import { FOLD_CEILING_PAGES, QUIET_MS } from '../../db/logFold';
import { openStoreReader } from '../../db/connections';
import { writeTransaction } from '../../db/storeLock';
import { tempDir, type TempDir } from './fixtures';

let dir: TempDir;
let store: Store | null = null;
afterEach(() => {
  vi.useRealTimers();
  store?.close();
  store = null;
  dir?.cleanup();
});

const MB = 1024 * 1024;
const fileSize = (path: string) => statSync(path).size;

/** About 24 MB written in one transaction: far past SQLite's own fold point of 1 000 pages (4 MB). */
function writeALot(s: Store): void {
  s.db.exec('CREATE TABLE IF NOT EXISTS fold_probe (id INTEGER PRIMARY KEY, body BLOB)');
  writeTransaction(s.db, () => {
    const insert = s.db.prepare('INSERT INTO fold_probe (body) VALUES (randomblob(?))');
    for (let i = 0; i < 6000; i++) insert.run(4000);
  });
}

describe("the desk's write-ahead log", () => {
  it('a large write answers before the fold, and the fold comes once the desk is quiet', () => {
    vi.useFakeTimers();
    dir = tempDir();
    store = openStore({ path: dir.file('store.sqlite') });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fileSize(store.path);

    writeALot(store);
    // Committed, in the log, not yet in the file.
    expect(fileSize(`${store.path}-wal`)).toBeGreaterThan(20 * MB);
    expect(fileSize(store.path)).toBeLessThan(before + MB);
    const reader = openStoreReader(store.path);
    try {
      expect(reader.prepare('SELECT count(*) AS n FROM fold_probe').get()).toEqual({ n: 6000 });
    } finally {
      reader.close();
    }

    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(fileSize(store.path)).toBeLessThan(before + MB);
    vi.advanceTimersByTime(1);
    expect(fileSize(store.path)).toBeGreaterThan(before + 20 * MB);
  });

  it('each write moves the quiet moment on, and SQLite still folds past the ceiling', () => {
    vi.useFakeTimers();
    dir = tempDir();
    store = openStore({ path: dir.file('store.sqlite') });
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(FOLD_CEILING_PAGES);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fileSize(store.path);

    writeALot(store);
    vi.advanceTimersByTime(QUIET_MS - 10);
    writeALot(store);
    vi.advanceTimersByTime(QUIET_MS - 10);
    expect(fileSize(store.path)).toBeLessThan(before + MB);
    vi.advanceTimersByTime(10);
    expect(fileSize(store.path)).toBeGreaterThan(before + 40 * MB);
  });

  it('a store closed before its quiet moment folds on closing, keeps every row, and its timer does nothing', () => {
    vi.useFakeTimers();
    dir = tempDir();
    const path = dir.file('store.sqlite');
    store = openStore({ path });
    writeALot(store);
    store.close();
    store = null;
    expect(() => vi.advanceTimersByTime(QUIET_MS * 2)).not.toThrow();

    store = openStore({ path });
    expect(store.db.prepare('SELECT count(*) AS n FROM fold_probe').get()).toEqual({ n: 6000 });
  });

  it('foldLog folds at once (what a backup or the bench asks for before its own work)', () => {
    dir = tempDir();
    store = openStore({ path: dir.file('store.sqlite') });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fileSize(store.path);
    writeALot(store);
    store.foldLog();
    expect(fileSize(store.path)).toBeGreaterThan(before + 20 * MB);
  });
});
