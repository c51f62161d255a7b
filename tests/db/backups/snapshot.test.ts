// A backup's snapshot is one committed moment of the store, however the app writes meanwhile: the
// store's file is copied as it is while another thread keeps committing (the copy holds every one of
// its transactions before some point and none after, and those writes are never held up for long);
// when a reader keeps the log from being emptied, the copy is rebuilt by VACUUM INTO instead, just as
// consistent. Either way the copy opens on its own, out of WAL mode, and passes SQLite's check.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../db';
import { snapshotStore } from '../../../db/backups/snapshot';
import { openRawStore, storeKeyPragmas } from '../../rawStore';
import { tempDir, type TempDir } from '../fixtures';

const ROWS_PER_BATCH = 25;

let dir: TempDir;
let store: Store | null = null;

afterEach(() => {
  store?.close();
  store = null;
  dir?.cleanup();
});

/** A store with some megabytes of data, so that copying it takes a while, and a table of batches. */
function openFilledStore(): Store {
  dir = tempDir();
  const opened = openStore({ path: dir.file('store.sqlite'), create: true });
  opened.db.exec('CREATE TABLE load_batches (batch INTEGER NOT NULL, row INTEGER NOT NULL, filler TEXT NOT NULL)');
  const insert = opened.db.prepare('INSERT INTO load_batches (batch, row, filler) VALUES (0, ?, ?)');
  opened.db.transaction(() => {
    for (let i = 0; i < 40_000; i++) insert.run(i, 'x'.repeat(400));
  })();
  return opened;
}

/**
 * Another thread writing the store (as another program, or the desk's window, would): batch after
 * batch, each of ROWS_PER_BATCH rows in one transaction, a few milliseconds apart, until told to
 * stop. It answers how many batches it committed and its slowest commit.
 */
function startWriter(path: string): { committed: () => Promise<number>; stop: () => Promise<{ batches: number; slowestMs: number }> } {
  const shared = new Int32Array(new SharedArrayBuffer(8)); // [0]: stop flag, [1]: batches committed
  const worker = new Worker(
    `
    const { workerData, parentPort } = require('node:worker_threads');
    const Database = require(workerData.module);
    const db = new Database(workerData.path);
    for (const pragma of workerData.pragmas) db.pragma(pragma);
    db.pragma('busy_timeout = 30000');
    const insert = db.prepare('INSERT INTO load_batches (batch, row, filler) VALUES (?, ?, ?)');
    const batch = db.transaction((n) => { for (let row = 0; row < ${ROWS_PER_BATCH}; row++) insert.run(n, row, 'y'.repeat(300)); });
    const flags = workerData.shared;
    let slowest = 0;
    for (let n = 1; Atomics.load(flags, 0) === 0; n++) {
      const start = performance.now();
      batch(n);
      slowest = Math.max(slowest, performance.now() - start);
      Atomics.store(flags, 1, n);
      Atomics.wait(flags, 0, 0, 3);
    }
    db.close();
    parentPort.postMessage({ batches: Atomics.load(flags, 1), slowestMs: slowest });`,
    { eval: true, workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), path, pragmas: storeKeyPragmas(path), shared } },
  );
  const result = new Promise<{ batches: number; slowestMs: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    committed: async () => {
      while (Atomics.load(shared, 1) < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      return Atomics.load(shared, 1);
    },
    stop: async () => {
      Atomics.store(shared, 0, 1);
      Atomics.notify(shared, 0);
      return result;
    },
  };
}

/** What a copy holds: its check, its journal mode and, per batch, how many rows. */
function readCopy(path: string): { check: string; journal: string; rowsPerBatch: Map<number, number> } {
  const db = openRawStore(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT batch, count(*) AS rows FROM load_batches WHERE batch > 0 GROUP BY batch ORDER BY batch').all() as { batch: number; rows: number }[];
    return {
      check: db.pragma('integrity_check', { simple: true }) as string,
      journal: db.pragma('journal_mode', { simple: true }) as string,
      rowsPerBatch: new Map(rows.map((r) => [r.batch, r.rows])),
    };
  } finally {
    db.close();
  }
}

/** The copy holds batches 1…k, each whole, for a k between `atLeast` and `atMost`. */
function expectOneMoment(copy: ReturnType<typeof readCopy>, atLeast: number, atMost: number): void {
  const batches = [...copy.rowsPerBatch.keys()];
  expect(batches.length).toBeGreaterThanOrEqual(atLeast);
  expect(batches.length).toBeLessThanOrEqual(atMost);
  expect(batches).toEqual(batches.map((_, i) => i + 1));
  for (const rows of copy.rowsPerBatch.values()) expect(rows).toBe(ROWS_PER_BATCH);
}

describe('a backup’s snapshot', () => {
  it('copies the store’s file as it is while another program keeps writing: one committed moment, and the writes never wait long', async () => {
    store = openFilledStore();
    const writer = startWriter(store.path);
    const before = await writer.committed();
    const copies: string[] = [];
    for (let i = 0; i < 3; i++) {
      copies.push(dir.file(`copy-${i}.sqlite`));
      expect(await snapshotStore(store.path, copies[i]!)).toBe('file');
    }
    const { batches, slowestMs } = await writer.stop();
    expect(batches).toBeGreaterThan(before);
    expect(slowestMs).toBeLessThan(2000);
    let last = before;
    for (const path of copies) {
      const copy = readCopy(path);
      expect(copy.check).toBe('ok');
      expect(copy.journal).toBe('delete');
      expect(existsSync(`${path}-wal`)).toBe(false);
      expectOneMoment(copy, last, batches);
      last = copy.rowsPerBatch.size;
    }
  });

  it('is rebuilt by VACUUM INTO, as consistent, when a reader keeps the log from being emptied', async () => {
    store = openFilledStore();
    store.db.prepare("INSERT INTO load_batches (batch, row, filler) VALUES (-1, 0, 'z')").run();
    // A reader in the middle of a read that began after that write: it reads from the log, which
    // cannot be emptied under it.
    const reader = openRawStore(store.path, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM load_batches').get();
    const writer = startWriter(store.path);
    try {
      await writer.committed();
      const copy = dir.file('copy.sqlite');
      expect(await snapshotStore(store.path, copy)).toBe('vacuum');
      const { batches } = await writer.stop();
      const held = readCopy(copy);
      expect(held.check).toBe('ok');
      expect(held.journal).toBe('delete');
      expectOneMoment(held, 1, batches);
    } finally {
      reader.exec('ROLLBACK');
      reader.close();
    }
  });
});
