// A record edited by another program with the seal queue's triggers dropped, then made again as
// they were, leaves nothing in the queue and no trigger out of place: opening the store and the
// look before each write (storeGuards.ts) see nothing, and the desk's next write of that record
// would seal the edit in with its own change. So before the desk writes a record's fields
// (recordState.ts: a clerk's save, a cancellation, Implanta's value given back, a conflict settled,
// an undo), the record's row is checked against its seal — one keyed SHA-256 — and a row that no
// longer matches is recorded first, as opening records one (`store.outside_changes`, found before a
// write). A row this transaction already wrote waits in the queue, unsealed: that one is the desk's.
// The bulk writers look too. A registry load checks each record before it writes it, as a clerk's
// save does. A corrections import checks the records its checking side reads anyway, on that side's
// connection, while its writer thread writes (about 1.7 s of that side's time on a council's
// 250 000-row file, most of it while it would otherwise wait for the writer), and hands any it finds
// to the writer to record before the step that writes them.
import type { Database } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { auditKeyPath, readAuditKeyOrNull } from './auditKey';
import { rowAgainstSeal, rowJsonSql, SEALED, type TaintedRow } from './auditSeals';
import { statement } from './statements';
import { writeTransaction } from './storeLock';
import { recordTainted } from './storeGuards';

/** The record's row as its seal covers it, and the seal: compiled once (an undo checks 150 000 records). */
const ROW_AND_SEAL = `SELECT ${rowJsonSql('professionals')}, s.seal FROM professionals t LEFT JOIN professional_seals s ON s.id = t.id WHERE t.id = ?`;
const PROFESSIONALS_KIND = SEALED[0].kind;

/** How long the key read is trusted: an undo or an answer writes thousands of records a second. */
const KEY_FRESH_MS = 1000;

/** The audit key (its id and its hex), read again when its file changed — looked at once a second at most. */
let cached: { path: string; stamp: string; key: { id: string; hex: string } | null; at: number } | null = null;

function auditKeyNow(): { id: string; hex: string } | null {
  const path = auditKeyPath();
  const now = Date.now();
  if (cached?.path === path && now - cached.at < KEY_FRESH_MS) return cached.key;
  const file = statSync(path, { throwIfNoEntry: false });
  const stamp = file ? `${file.size}:${file.mtimeMs}:${file.ino}` : 'none';
  if (cached?.path !== path || cached.stamp !== stamp) {
    const key = file ? readAuditKeyOrNull(path) : null;
    cached = { path, stamp, key: key ? { id: key.id, hex: key.bytes.toString('hex') } : null, at: now };
  } else cached.at = now;
  return cached.key;
}

/** The key that signs this store's chain, when it is here: without it nothing can be told (nor written: the entry would refuse). */
function signingKey(db: Database): { id: string; hex: string } | null {
  const key = auditKeyNow();
  return key && statement(db, 'SELECT key_id FROM audit_anchor WHERE id = 1').pluck().get() === key.id ? key : null;
}

/** Before the desk writes record `professionalId` (inside its write transaction): records its row when another program changed it unseen. */
export function recordIfEditedUnseen(db: Database, professionalId: number): void {
  const key = signingKey(db);
  if (!key) return;
  if (statement(db, 'SELECT 1 FROM audit_unsealed WHERE kind = ? AND id = ?').get(PROFESSIONALS_KIND, professionalId) !== undefined) return;
  const found = statement(db, ROW_AND_SEAL).raw().get(professionalId) as [string, Buffer | null] | undefined;
  if (!found) return;
  const row = rowAgainstSeal(key.hex, 'professionals', professionalId, ...found);
  if (row && !alreadyRecorded(db, row)) recordTainted(db, [row], new Date().toISOString(), 'write');
}

/**
 * Whether an entry already names the row with these columns: one found in the queue and recorded
 * (at the open, or before this very write) keeps its old seal until the desk writes it again.
 */
function alreadyRecorded(db: Database, row: TaintedRow): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM audit_log a, json_each(a.detail, '$.rows') r
       WHERE a.entity = 'store' AND a.action = 'store.outside_changes'
         AND json_extract(r.value, '$.t') = 'p' AND json_extract(r.value, '$.id') = ? AND json_extract(r.value, '$.c') = json(?) LIMIT 1`,
    ).get(row.id, JSON.stringify(row.columns)) !== undefined
  );
}

/** Ids per statement of `professionalsEditedUnseen`. */
const MANY = 128;
const MANY_ROWS_AND_SEALS = `SELECT t.id, ${rowJsonSql('professionals')}, s.seal FROM professionals t LEFT JOIN professional_seals s ON s.id = t.id
  WHERE t.id IN (${Array.from({ length: MANY }, () => '?').join(', ')})
    AND NOT EXISTS (SELECT 1 FROM audit_unsealed u WHERE u.kind = ${PROFESSIONALS_KIND} AND u.id = t.id)`;

/**
 * The records among `ids` whose row no longer matches its seal (another program changed them
 * unseen), read on `db` as it sees the store — a connection that may only read. Rows waiting in the
 * seal queue are left out: opening the store and the look before each write record those.
 */
export function professionalsEditedUnseen(db: Database, ids: readonly number[]): TaintedRow[] {
  const key = signingKey(db);
  if (!key || ids.length === 0) return [];
  const found: TaintedRow[] = [];
  for (let at = 0; at < ids.length; at += MANY) {
    const params: (number | null)[] = ids.slice(at, at + MANY);
    while (params.length < MANY) params.push(null);
    for (const [id, json, seal] of statement(db, MANY_ROWS_AND_SEALS).raw().iterate(...params) as IterableIterator<[number, string, Buffer | null]>) {
      const row = rowAgainstSeal(key.hex, 'professionals', id, json, seal);
      if (row) found.push(row);
    }
  }
  return found;
}

/** Records `rows` (found by `professionalsEditedUnseen`) in their own write transaction, but those an entry already names. */
export function recordEditedUnseen(db: Database, rows: readonly TaintedRow[]): void {
  writeTransaction(db, () => {
    const fresh = rows.filter((row) => !alreadyRecorded(db, row));
    if (fresh.length > 0) recordTainted(db, fresh, new Date().toISOString(), 'write');
  });
}
