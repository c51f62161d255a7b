// Pendências of the records as stored (shared/rules/pendencies.ts), kept in a table so Cadastro can
// filter on them and Início can count them without re-checking 250 000 records. Every write to a
// record refreshes its rows in the same transaction.
import type { Database } from 'better-sqlite3';
import type { Professional } from '../shared/domain';
import type { FieldName } from '../shared/fields';
import { recordPendencies, type Pendency } from '../shared/rules/pendencies';
import { directoryUfOf } from './cep';
import { toProfessional, type ProfessionalRow } from './professionalRow';
import { statement } from './statements';
import { writeTransaction } from './storeLock';

export interface StoredPendency extends Pendency {
  source: 'rule' | 'load';
}

/** Recomputes one record's rule pendências; `clearLoadFor` drops load notes of fields just changed. */
export function refreshPendencies(db: Database, record: Professional, clearLoadFor: readonly string[] = [], fresh = false): Pendency[] {
  if (!fresh) {
    statement(db, "DELETE FROM pendencies WHERE professional_id = ? AND source = 'rule'").run(record.id);
    const drop = statement(db, "DELETE FROM pendencies WHERE professional_id = ? AND source = 'load' AND field = ?");
    for (const field of clearLoadFor) drop.run(record.id, field);
  }
  const found = recordPendencies(record, { directoryUfOf: (cep) => directoryUfOf(db, cep) });
  const insert = statement(db, "INSERT INTO pendencies (professional_id, code, field, message, source) VALUES (?, ?, ?, ?, 'rule')");
  for (const p of found) insert.run(record.id, p.code, p.field, p.message);
  return found;
}

/** Notes a value the main system sent that the record could not keep (an unknown UF, an impossible date). */
export function addLoadPendency(db: Database, professionalId: number, pendency: Pendency): void {
  statement(db, "INSERT INTO pendencies (professional_id, code, field, message, source) VALUES (?, ?, ?, ?, 'load')").run(
    professionalId,
    pendency.code,
    pendency.field,
    pendency.message,
  );
}

export function clearLoadPendencies(db: Database, professionalId: number): void {
  statement(db, "DELETE FROM pendencies WHERE professional_id = ? AND source = 'load'").run(professionalId);
}

export function pendenciesOf(db: Database, professionalId: number): StoredPendency[] {
  return statement<{ code: string; field: string | null; message: string; source: 'rule' | 'load' }>(
    db,
    'SELECT code, field, message, source FROM pendencies WHERE professional_id = ? ORDER BY id',
  )
    .all(professionalId)
    .map((r) => ({ code: r.code as Pendency['code'], field: r.field as FieldName | null, message: r.message, source: r.source }));
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
  // In slices: a connection cannot write while it iterates a query.
  const slice = statement<ProfessionalRow>(db, 'SELECT * FROM professionals WHERE id > ? ORDER BY id LIMIT 2000');
  let scanned = 0;
  let last = afterId;
  for (;;) {
    const rows = slice.all(last);
    if (rows.length === 0) break;
    for (const row of rows) refreshPendencies(db, toProfessional(row), [], true);
    scanned += rows.length;
    last = (rows[rows.length - 1] as ProfessionalRow).id;
  }
  return scanned;
}
