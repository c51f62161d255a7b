// What the copy for Implanta leaves out. Implanta reads the registry, the corrections and their
// audit trail; the council's atendimentos (CPFs and names as told on the phone, screenshots and
// documents attached, the clerk's notes) are the council's own casework and never leave the desk
// in that copy. Deleted with secure_delete and the file compacted, so no page of them remains.
import { openBackupCopy } from '../connections';

const COUNCIL_ONLY_TABLES = ['contact_corrections', 'contact_events', 'contact_attachments', 'contacts', 'contact_settings'] as const;

/** Empties the council-only tables of a fresh snapshot (still under the desk's key) and compacts it. */
export function stripForImplanta(snapshot: string): void {
  const db = openBackupCopy(snapshot);
  try {
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      for (const table of COUNCIL_ONLY_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    })();
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}
