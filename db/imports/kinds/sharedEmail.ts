// A corrections row giving a record an e-mail another record has: the row goes in (the record gets
// the EMAIL_SHARED pendência, as a correction saved on the form does), and the import's check says
// so for that row, in the pendência's words, as the form says it before saving (emailOfAnother,
// db/pendencies.ts). Who else has the address is found through the index on professionals.email
// (addresses are kept lower-cased), plus the addresses earlier rows of this file gave: one lookup per
// row that changes an e-mail, never a scan.
import type { Database, Statement } from 'better-sqlite3';
import type { Professional } from '../../../shared/domain';
import { recordPendencies } from '../../../shared/rules/pendencies';
import type { RowIssue } from '../columns';

/** How many holders of one address are looked at: past a few, one of them is surely another record. */
const HOLDERS_SEEN = 4;

export class SharedEmails {
  private readonly holders: Statement<[string, number, number], { id: number }>;
  /** Addresses this file gave, to the record of the first row that gave each. */
  private readonly given = new Map<string, number>();

  constructor(db: Database) {
    this.holders = db.prepare('SELECT id FROM professionals WHERE email = ? AND id <> ? LIMIT ?');
  }

  /**
   * The warning for a row giving `record` the address `email` (as the record will hold it), or null.
   * `emailNow` tells a record's address as this import left it (it may have moved away from `email`).
   */
  warning(column: number | null, record: Professional, email: string, emailNow: (id: number) => string | null): RowIssue | null {
    const key = email.trim().toLowerCase();
    const earlier = this.given.get(key);
    if (earlier === undefined) this.given.set(key, record.id);
    const other =
      (earlier !== undefined && earlier !== record.id && emailNow(earlier) === key) ||
      this.holders.all(key, record.id, HOLDERS_SEEN).some((holder) => emailNow(holder.id) === key);
    if (!other) return null;
    const shared = recordPendencies({ ...record, email: key }, { emailIsShared: () => true }).find((p) => p.code === 'EMAIL_SHARED');
    return shared ? { column, code: 'EMAIL_SHARED', message: shared.message } : null;
  }
}
