// Every connection to the store is opened by db/connections.ts: the desk's and a job's set the same
// things that matter (foreign keys, the bounded wait for the writer lock, synchronous), a job
// refuses a store of another schema version, and readers cannot write.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_SCHEMA_VERSION, openStore } from '../../db';
import { copyProblems, integrityCheck } from '../../db/backups/integrity';
import {
  CHECKING_CACHE_KIB,
  openJobConnection,
  openStoreReader,
  READ_WAIT_MS,
  readBackupCopy,
  STORE_CACHE_KIB,
  WRITING_CACHE_KIB,
} from '../../db/connections';
import { writeWaitMs } from '../../db/storeLock';
import { AppError } from '../../shared/errors';
import { tempDir, type TempDir } from './fixtures';
import { openRawStore } from '../rawStore';

let dir: TempDir;
afterEach(() => dir?.cleanup());

function settings(db: Database.Database) {
  return {
    foreignKeys: db.pragma('foreign_keys', { simple: true }),
    busyTimeout: db.pragma('busy_timeout', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
    journalMode: db.pragma('journal_mode', { simple: true }),
  };
}

describe('connections to the store', () => {
  it('a job connection sets what the desk connection sets', () => {
    dir = tempDir();
    const store = openStore({ path: dir.file('store.sqlite') });
    try {
      const desk = settings(store.db);
      expect(desk).toEqual({ foreignKeys: 1, busyTimeout: writeWaitMs(), synchronous: 1, journalMode: 'wal' });
      expect(store.db.pragma('cache_size', { simple: true })).toBe(-STORE_CACHE_KIB);
      for (const cacheKib of [null, CHECKING_CACHE_KIB, WRITING_CACHE_KIB]) {
        const job = openJobConnection(store.path, cacheKib);
        try {
          expect(settings(job)).toEqual(desk);
          if (cacheKib !== null) expect(job.pragma('cache_size', { simple: true })).toBe(-cacheKib);
        } finally {
          job.close();
        }
      }
    } finally {
      store.close();
    }
  });

  it('a job connection refuses a store of another schema version', () => {
    dir = tempDir();
    openStore({ path: dir.file('store.sqlite') }).close();
    const raw = openRawStore(dir.file('store.sqlite'));
    raw.pragma(`user_version = ${KNOWN_SCHEMA_VERSION + 1}`);
    raw.close();
    let thrown: unknown = null;
    try {
      openJobConnection(dir.file('store.sqlite')).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringMatching(/Feche e abra o CRESS Desk de novo/) });
  });

  it('readers of the store and of its copies cannot write', () => {
    dir = tempDir();
    openStore({ path: dir.file('store.sqlite') }).close();
    const reader = openStoreReader(dir.file('store.sqlite'));
    const copy = readBackupCopy(dir.file('store.sqlite'));
    try {
      expect(reader.readonly).toBe(true);
      expect(reader.pragma('busy_timeout', { simple: true })).toBe(READ_WAIT_MS);
      expect(copy.readonly).toBe(true);
    } finally {
      reader.close();
      copy.close();
    }
  });
});

describe('integrity check of a copy', () => {
  it('finds a sound copy sound, on the caller thread when no built script is there', async () => {
    dir = tempDir();
    openStore({ path: dir.file('store.sqlite') }).close();
    expect(copyProblems(dir.file('store.sqlite'))).toEqual([]);
    expect(await integrityCheck(dir.file('store.sqlite'))).toEqual([]);
    expect(copyProblems(dir.file('missing.sqlite'))).toHaveLength(1);
  });
});
