// A job thread that ended without answering (out of its heap, ended outright) may have been
// writing a corrections import in steps: its writer thread went with it, and nobody holds the
// import's staging file any more. What it wrote is rolled back now, as the next open of the store
// would do it (db/imports/writer/rollback.ts), instead of staying on the records until the app is
// started again.
import type Database from 'better-sqlite3';
import { openJobConnection } from '../connections';
import { recoverUnfinishedImports } from '../imports/writer/rollback';

export function recoverAfterDeadJob(storePath: string): void {
  let db: Database.Database | null = null;
  try {
    db = openJobConnection(storePath);
    recoverUnfinishedImports(db, storePath);
  } catch {
    /* the next open of the store does it */
  } finally {
    db?.close();
  }
}
