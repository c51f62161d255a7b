// What the checks of the trail's keyed digests share (db/operatorPinTrail.ts, db/adminPinTrail.ts,
// db/operatorTrail.ts): which key a digest recorded in an entry can be checked with, and an entry's
// detail read without failing on a damaged one (the chain check reports those).
import type { Database } from 'better-sqlite3';
import type { AuditKey } from './auditKey';
import { currentSigning } from './auditSigning';

/** The key a digest of entry `entryId` can be checked with: this desk's, when it signed that entry and signs the chain now. */
export function keyOfEntry(db: Database, entryId: number, key: AuditKey | null): AuditKey | null {
  const signing = currentSigning(db);
  return key !== null && signing.keyId === key.id && entryId >= signing.since ? key : null;
}

/** An entry's detail as an object; null when it is not one (a damaged entry: the chain check says so). */
export function detailOf(detail: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Whether the store has the `operators` table: one from before operators (schema < 13), verified as it is before its upgrade, has none. */
export function hasOperators(db: Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'operators'").get() !== undefined;
}
