// A consistent copy of the live store, and what a copy holds. The copy is SQLite's VACUUM INTO from
// a connection that only reads: one read transaction, which in WAL mode never blocks the app's
// writes, and a copy encrypted with the store's key like the store itself (SQLite's online backup
// API cannot copy between encrypted files). The copy is compact: free pages are left behind.
import { openBackupCopy, openStoreReader, readBackupCopy } from '../connections';
import type { CopySecret } from '../copySecrets';
import { getSettings } from '../settings';
import { KNOWN_SCHEMA_VERSION, schemaVersionOf } from '../migrate';
import { writeWaitMs } from '../storeLock';

export interface SnapshotProgress {
  done: number;
  total: number;
}

/** Copies the store at `storePath` into `destination` (which must not exist). */
export async function snapshotStore(
  storePath: string,
  destination: string,
  options: { onProgress?: (p: SnapshotProgress) => void; cancelled?: () => boolean } = {},
): Promise<void> {
  if (options.cancelled?.()) throw new SnapshotCancelled();
  // Waits for a lock as long as a writer would: a restore's claim, a writer recovering the log.
  const source = openStoreReader(storePath, writeWaitMs());
  try {
    const pages = source.pragma('page_count', { simple: true }) as number;
    options.onProgress?.({ done: 0, total: pages });
    source.exec(`VACUUM INTO '${destination.replace(/'/g, "''")}'`);
    options.onProgress?.({ done: pages, total: pages });
  } finally {
    source.close();
  }
  if (options.cancelled?.()) throw new SnapshotCancelled();
  // The copy leaves WAL mode: a file that opens read-only anywhere (a DVD, a read-only share)
  // without -wal and -shm files beside it. Restoring puts the store back in WAL mode.
  const copy = openBackupCopy(destination);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

export class SnapshotCancelled extends Error {
  constructor() {
    super('snapshot cancelled');
    this.name = 'SnapshotCancelled';
  }
}

export interface CopyFacts {
  schemaVersion: number;
  /** Rows per table (full-text index internals left out). */
  counts: Record<string, number>;
  region: number | null;
  operator: string | null;
  /** The copy holds demo professionals: its file name says so. */
  demo: boolean;
}

/** Reads a copy's schema version, row counts and desk settings (read-only). `secret`: see openBackupCopy. */
export function inspectCopy(path: string, secret?: CopySecret): CopyFacts {
  const db = readBackupCopy(path, secret);
  try {
    const schemaVersion = schemaVersionOf(db);
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = db.prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`).pluck().get() as number;
    let settings = null;
    if (tables.includes('settings')) settings = getSettings(db);
    return { schemaVersion, counts, region: settings?.region ?? null, operator: settings?.operator ?? null, demo: settings?.demo === true };
  } finally {
    db.close();
  }
}

export type SchemaVerdict = 'known' | 'older' | 'newer' | 'foreign';

/** How a copy's schema compares with this build's. */
export function schemaVerdict(version: number): SchemaVerdict {
  if (version <= 0) return 'foreign';
  if (version > KNOWN_SCHEMA_VERSION) return 'newer';
  return version < KNOWN_SCHEMA_VERSION ? 'older' : 'known';
}
