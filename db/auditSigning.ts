// What signing a backup or a lote needs from the desk: its key (as a signing key, or null when the
// desk has none or its file is damaged) and, for a store, which key signs its chain now and from
// which entry (a file is "this desk's" only when that key is the desk's own).
import type { Database } from 'better-sqlite3';
import { KEY_STARTED, readAnchor } from './audit';
import { readAuditKeyOrNull } from './auditKey';
import type { SigningKey } from './packaging';

export function deskSigningKey(): SigningKey | null {
  const key = readAuditKeyOrNull();
  return key ? { id: key.id, bytes: key.bytes } : null;
}

/** The key that signs a store's chain now, and the first entry it signed (1 for a store signed from its start). */
export function currentSigning(db: Database): { keyId: string | null; since: number } {
  const anchor = readAnchor(db);
  const start = db.prepare('SELECT max(id) FROM audit_log WHERE action = ?').pluck().get(KEY_STARTED) as number | null;
  return { keyId: anchor?.keyId ?? null, since: start ?? 1 };
}
