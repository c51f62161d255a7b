// The computer's account each audit entry records beside its operator (db/audit.ts): who was
// logged in to the system when the desk wrote, as the system names them.
import type { Database } from 'better-sqlite3';
import { userInfo } from 'node:os';

let account: string | null | undefined;
const recordsAccount = new WeakMap<Database, boolean>();

/** Stores before migration 0013 (the migration tests build them with this code) have no account column. */
export function hasAccountColumn(db: Database): boolean {
  let known = recordsAccount.get(db);
  if (known === undefined) {
    known = db.prepare("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'account'").get() !== undefined;
    recordsAccount.set(db, known);
  }
  return known;
}

/** The computer's account this process runs under (null when the system cannot say). */
export function machineAccount(): string | null {
  if (account === undefined) {
    try {
      account = userInfo().username || null;
    } catch {
      account = null;
    }
  }
  return account;
}
