// What the copy for Implanta leaves out. Implanta reads the registry, the corrections and their
// audit trail; the council's atendimentos (CPFs and names as told on the phone, screenshots and
// documents attached, the clerk's notes) are the council's own casework and never leave the desk
// in that copy. Deleted with secure_delete and the copy rebuilt without them, so no page of them
// remains: by VACUUM INTO a file beside it, not VACUUM, which would first build the whole copy in
// a temporary database — in memory (db/connections.ts), as large as the store.
import { rmSync } from 'node:fs';
import { openBackupCopy } from '../connections';
import { makePrivate } from '../fileModes';
import { renameInPlaceSync } from '../renameInPlace';

const COUNCIL_ONLY_TABLES = ['contact_corrections', 'contact_events', 'contact_attachments', 'contacts', 'contact_settings'] as const;

/** Empties the council-only tables of a fresh snapshot (still under the desk's key) and compacts it. */
export function stripForImplanta(snapshot: string): void {
  const rebuilt = `${snapshot}-compact`; // removed with the snapshot it belongs to (snapshotNames.ts)
  const db = openBackupCopy(snapshot);
  try {
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      for (const table of COUNCIL_ONLY_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    })();
    rmSync(rebuilt, { force: true });
    db.exec(`VACUUM INTO '${rebuilt.replace(/'/g, "''")}'`);
  } catch (error) {
    rmSync(rebuilt, { force: true });
    throw error;
  } finally {
    db.close();
  }
  makePrivate(rebuilt);
  renameInPlaceSync(rebuilt, snapshot);
}
