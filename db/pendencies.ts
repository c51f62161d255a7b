// Pendências of the records as stored (shared/rules/pendencies.ts), kept in a table so Cadastro can
// filter on them and Início can count them without re-checking 250 000 records. Every write to a
// record refreshes its rows in the same transaction.
import type { Database } from 'better-sqlite3';
import type { Professional } from '../shared/domain';
import { FIELDS, FIELD_NAMES, MOTHER_FACT_FIELD, type FieldName } from '../shared/fields';
import { caseOfPendency, recordPendencies, type FoundPendency, type Pendency, type PendencyCase, type PendencyContext } from '../shared/rules/pendencies';
import { directoryUfOf } from './cep';
import { RECORD_COLUMNS_SQL, toProfessional, type ProfessionalRow } from './professionalRow';
import { statement } from './statements';
import { writeTransaction } from './storeLock';

export interface StoredPendency extends Pendency {
  source: 'rule' | 'load';
  case: PendencyCase;
  suggestion: string | null;
}

/** Identification data (printed on the DIP): a correction of one in flight leaves a confirmed DIP request out of date. */
export const IDENTIFICATION_FIELDS: readonly FieldName[] = FIELD_NAMES.filter((f) => FIELDS[f].identification);
const IN_FLIGHT = "('pending', 'batched', 'sent')";
const DIP_AT_RISK = "('confirmed', 'in_manufacture')";

/**
 * What the rules need to know of the rest of the store about one record: the CEP directory, whether
 * its e-mail is someone else's too, whether its confirmed DIP request awaits identification corrections.
 */
export function storeContext(db: Database): PendencyContext<Professional> {
  return {
    directoryUfOf: (cep) => directoryUfOf(db, cep),
    emailIsShared: (email) => countWithEmail(db, email) > 1,
    dipDataPending: (record) =>
      DIP_AT_RISK.includes(`'${record.dipStatus}'`) &&
      statement(db, `SELECT 1 FROM corrections WHERE professional_id = ? AND status IN ${IN_FLIGHT} AND field IN ${IDENTIFICATION_SQL} LIMIT 1`).get(record.id) !== undefined,
  };
}

const IDENTIFICATION_SQL = `(${[...IDENTIFICATION_FIELDS, MOTHER_FACT_FIELD].map((f) => `'${f}'`).join(', ')})`;

/** The same answers for a whole-registry scan, read once: the shared addresses, the DIP requests awaiting corrections. */
function registryContext(db: Database): PendencyContext<Professional> {
  const shared = new Set(db.prepare('SELECT email FROM professionals WHERE email IS NOT NULL GROUP BY email HAVING count(*) > 1').pluck().all() as string[]);
  const dipPending = new Set(
    db
      .prepare(
        `SELECT DISTINCT c.professional_id FROM corrections c JOIN professionals p ON p.id = c.professional_id
         WHERE c.status IN ${IN_FLIGHT} AND c.field IN ${IDENTIFICATION_SQL} AND p.dip_status IN ${DIP_AT_RISK}`,
      )
      .pluck()
      .all() as number[],
  );
  return { directoryUfOf: (cep) => directoryUfOf(db, cep), emailIsShared: (email) => shared.has(email), dipDataPending: (record) => dipPending.has(record.id) };
}

/**
 * After corrections of a record were queued or closed: only a DIP request at risk depends on them
 * (DIP_DATA_PENDING), so only such a record is checked again.
 */
export function refreshAfterCorrections(db: Database, record: Professional): void {
  if (DIP_AT_RISK.includes(`'${record.dipStatus}'`)) refreshPendencies(db, record);
}

/**
 * After a corrections import: what its rows could not see (a record's e-mail now on another record
 * too, or no longer; a DIP request at risk from an identification correction) is checked for the
 * records it changed, without going through the whole registry.
 */
export function refreshAfterImport(db: Database, importId: number): void {
  writeTransaction(db, () => {
    const changed = (field: string) =>
      db.prepare(`SELECT DISTINCT professional_id FROM corrections WHERE import_id = ? AND field IN ${field}`).pluck().all(importId) as number[];
    for (const id of changed(IDENTIFICATION_SQL)) {
      const record = getRecord(db, id);
      if (record) refreshAfterCorrections(db, record);
    }
    const emails = changed("('email')");
    if (emails.length === 0) return;
    dropStaleSharedEmails(db);
    for (const id of emails) {
      const record = getRecord(db, id);
      if (!record?.email) continue;
      const own = recordPendencies(record, { emailIsShared: (email) => countWithEmail(db, email) > 1 }).find((p) => p.code === 'EMAIL_SHARED');
      const has = statement(db, "SELECT 1 FROM pendencies WHERE professional_id = ? AND code = 'EMAIL_SHARED' LIMIT 1").get(id) !== undefined;
      if (own && !has) insertPendency(db, id, own, 'rule');
      refreshSharedEmail(db, record.email, id);
    }
  });
}

function countWithEmail(db: Database, email: string): number {
  return statement<{ n: number }>(db, 'SELECT count(*) AS n FROM professionals WHERE email = ?').get(email)?.n ?? 0;
}

/** Writes a pendência found by the rules or noted by a load. */
export function insertPendency(db: Database, professionalId: number, p: Pendency & { suggestion?: string }, source: 'rule' | 'load'): void {
  statement(db, 'INSERT INTO pendencies (professional_id, code, field, message, source, case_letter, suggestion) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    professionalId,
    p.code,
    p.field,
    p.message,
    source,
    caseOfPendency(p.code, p.field),
    p.suggestion ?? null,
  );
}

/** Recomputes one record's rule pendências; `clearLoadFor` drops load notes of fields just changed. */
export function refreshPendencies(db: Database, record: Professional, clearLoadFor: readonly string[] = [], fresh = false): FoundPendency[] {
  if (!fresh) {
    statement(db, "DELETE FROM pendencies WHERE professional_id = ? AND source = 'rule'").run(record.id);
    const drop = statement(db, "DELETE FROM pendencies WHERE professional_id = ? AND source = 'load' AND field = ?");
    for (const field of clearLoadFor) drop.run(record.id, field);
  }
  const found = recordPendencies(record, storeContext(db));
  for (const p of found) insertPendency(db, record.id, p, 'rule');
  // Whoever shared the old address is no longer told so; whoever shares the new one is.
  if (!fresh) dropStaleSharedEmails(db);
  if (record.email) refreshSharedEmail(db, record.email, record.id);
  return found;
}

/** EMAIL_SHARED pendências whose address is no longer on two records (one of them changed it). Few rows: cheap. */
function dropStaleSharedEmails(db: Database): void {
  statement(
    db,
    `DELETE FROM pendencies WHERE code = 'EMAIL_SHARED' AND professional_id IN (
       SELECT d.professional_id FROM pendencies d JOIN professionals p ON p.id = d.professional_id
       WHERE d.code = 'EMAIL_SHARED' AND (p.email IS NULL OR (SELECT count(*) FROM professionals o WHERE o.email = p.email) < 2))`,
  ).run();
}

/** The EMAIL_SHARED pendência of the other records with `email`: present exactly while more than one record has it. */
function refreshSharedEmail(db: Database, email: string, exceptId: number): void {
  const holders = statement<{ id: number }>(db, 'SELECT id FROM professionals WHERE email = ?').all(email).map((r) => r.id);
  const shared = holders.length > 1;
  for (const id of holders) {
    if (id === exceptId) continue;
    const has = statement(db, "SELECT 1 FROM pendencies WHERE professional_id = ? AND code = 'EMAIL_SHARED' LIMIT 1").get(id) !== undefined;
    if (has === shared) continue;
    if (!shared) statement(db, "DELETE FROM pendencies WHERE professional_id = ? AND code = 'EMAIL_SHARED'").run(id);
    else {
      const other = getRecord(db, id);
      const found = other && recordPendencies(other, { emailIsShared: () => true }).find((p) => p.code === 'EMAIL_SHARED');
      if (found) insertPendency(db, id, found, 'rule');
    }
  }
}

function getRecord(db: Database, id: number): Professional | null {
  const row = statement<ProfessionalRow>(db, 'SELECT * FROM professionals WHERE id = ?').get(id);
  return row ? toProfessional(row) : null;
}

/** Notes a value the main system sent that the record could not keep (an unknown UF, an impossible date). */
export function addLoadPendency(db: Database, professionalId: number, pendency: Pendency): void {
  insertPendency(db, professionalId, pendency, 'load');
}

export function clearLoadPendencies(db: Database, professionalId: number): void {
  statement(db, "DELETE FROM pendencies WHERE professional_id = ? AND source = 'load'").run(professionalId);
}

export function pendenciesOf(db: Database, professionalId: number): StoredPendency[] {
  return statement<{ code: string; field: string | null; message: string; source: 'rule' | 'load'; caseLetter: PendencyCase; suggestion: string | null }>(
    db,
    'SELECT code, field, message, source, case_letter AS caseLetter, suggestion FROM pendencies WHERE professional_id = ? ORDER BY id',
  )
    .all(professionalId)
    .map((r) => ({ code: r.code as Pendency['code'], field: r.field as FieldName | null, message: r.message, source: r.source, case: r.caseLetter, suggestion: r.suggestion }));
}

/** How many records have at least one pendência. */
export function countRecordsWithPendencies(db: Database): number {
  return statement<{ n: number }>(db, 'SELECT count(DISTINCT professional_id) AS n FROM pendencies').get()?.n ?? 0;
}

/**
 * Computes every record's pendências once, after the migration that introduced them
 * (`store_tasks`); later writes keep them current. One transaction.
 */
export function runPendingPendencyScan(db: Database): number {
  const task = db.prepare("SELECT done_at FROM store_tasks WHERE name = 'pendencies_scan'").get() as { done_at: string | null } | undefined;
  if (!task || task.done_at !== null) return 0;
  return writeTransaction(db, () => {
    // Another program may have scanned while this one waited for the writer lock.
    const again = db.prepare("SELECT done_at FROM store_tasks WHERE name = 'pendencies_scan'").get() as { done_at: string | null };
    if (again.done_at !== null) return 0;
    db.prepare("DELETE FROM pendencies WHERE source = 'rule'").run();
    const scanned = refreshPendenciesAfter(db, 0);
    db.prepare("UPDATE store_tasks SET done_at = ? WHERE name = 'pendencies_scan'").run(new Date().toISOString());
    return scanned;
  });
}

/**
 * Computes the pendências of every record with an id above `afterId`, which have none stored yet
 * (records just inserted, or a scan after clearing them). The caller owns the transaction.
 */
export function refreshPendenciesAfter(db: Database, afterId: number): number {
  const context = registryContext(db);
  // In slices: a connection cannot write while it iterates a query.
  const slice = statement<ProfessionalRow>(db, `SELECT ${RECORD_COLUMNS_SQL} FROM professionals WHERE id > ? ORDER BY id LIMIT 2000`);
  let scanned = 0;
  let last = afterId;
  for (;;) {
    const rows = slice.all(last);
    if (rows.length === 0) break;
    for (const row of rows) {
      const record = toProfessional(row);
      for (const p of recordPendencies(record, context)) insertPendency(db, record.id, p, 'rule');
    }
    scanned += rows.length;
    last = (rows[rows.length - 1] as ProfessionalRow).id;
  }
  // Records already there may now share an address with one just added.
  if (afterId > 0) for (const email of sharedEmailsAfter(db, afterId)) if (context.emailIsShared?.(email)) refreshSharedEmail(db, email, -1);
  return scanned;
}

function sharedEmailsAfter(db: Database, afterId: number): string[] {
  return db.prepare('SELECT DISTINCT email FROM professionals WHERE id > ? AND email IS NOT NULL').pluck().all(afterId) as string[];
}

/**
 * Every record's rule pendências computed again, in one transaction (the worklist's "scan": after
 * a registry load, and when the clerk asks). Load notes stay. Answers how many records were checked.
 */
export function rescanRegistry(db: Database): number {
  return writeTransaction(db, () => {
    db.prepare("DELETE FROM pendencies WHERE source = 'rule'").run();
    return refreshPendenciesAfter(db, 0);
  });
}
