// Pendências of the records as stored (shared/rules/pendencies.ts), kept in a table so Cadastro can
// filter on them and Início can count them without re-checking 250 000 records. Every write to a
// record refreshes its rows in the same transaction.
import type { Database } from 'better-sqlite3';
import type { Professional } from '../shared/domain';
import { FIELDS, FIELD_NAMES, MOTHER_FACT_FIELD, type FieldName } from '../shared/fields';
import { caseOfPendency, recordPendencies, type FoundPendency, type Pendency, type PendencyCase, type PendencyContext } from '../shared/rules/pendencies';
import { directoryUfOf } from './cep';
import { toProfessional, type ProfessionalRow } from './professionalRow';
import { statement } from './statements';
import { writeTransaction } from './storeLock';

export interface StoredPendency extends Pendency {
  source: 'rule' | 'load';
  case: PendencyCase;
  suggestion: string | null;
}

/** Identification data (printed on the DIP): a correction of one in flight leaves a confirmed DIP request out of date. */
export const IDENTIFICATION_FIELDS: readonly FieldName[] = FIELD_NAMES.filter((f) => FIELDS[f].identification);
export const IN_FLIGHT_SQL = "('pending', 'batched', 'sent')";
const DIP_AT_RISK = ['confirmed', 'in_manufacture'] as const;
export const DIP_AT_RISK_SQL = `(${DIP_AT_RISK.map((s) => `'${s}'`).join(', ')})`;
const dipAtRisk = (status: string | null): boolean => (DIP_AT_RISK as readonly (string | null)[]).includes(status);

/**
 * What the rules need to know of the rest of the store about one record: the CEP directory, whether
 * its e-mail is someone else's too, whether its confirmed DIP request awaits identification corrections.
 */
export function storeContext(db: Database): PendencyContext<Professional> {
  return {
    directoryUfOf: (cep) => directoryUfOf(db, cep),
    emailIsShared: (email) => countWithEmail(db, email) > 1,
    dipDataPending: (record) =>
      dipAtRisk(record.dipStatus) &&
      statement(db, `SELECT 1 FROM corrections WHERE professional_id = ? AND status IN ${IN_FLIGHT_SQL} AND field IN ${IDENTIFICATION_SQL} LIMIT 1`).get(record.id) !== undefined,
  };
}

export const IDENTIFICATION_SQL = `(${[...IDENTIFICATION_FIELDS, MOTHER_FACT_FIELD].map((f) => `'${f}'`).join(', ')})`;

/**
 * After corrections of a record were queued or closed: only a DIP request at risk depends on them
 * (DIP_DATA_PENDING), so only such a record is checked again.
 */
export function refreshAfterCorrections(db: Database, record: Professional): void {
  if (dipAtRisk(record.dipStatus)) refreshPendencies(db, record);
}

/**
 * After a corrections import: what its rows could not see (a record's e-mail now on another record
 * too, or no longer; a DIP request at risk from an identification correction) is checked for the
 * records it changed, without going through the whole registry.
 */
export function refreshAfterImport(db: Database, importId: number): void {
  writeTransaction(db, () => {
    // Only a record whose DIP request is at risk depends on its identification corrections: the
    // others are not read again (an import may correct the names of a hundred thousand records).
    const atRisk = db
      .prepare(
        `SELECT DISTINCT c.professional_id FROM corrections c JOIN professionals p ON p.id = c.professional_id
         WHERE c.import_id = ? AND c.field IN ${IDENTIFICATION_SQL} AND p.dip_status IN ${DIP_AT_RISK_SQL}`,
      )
      .pluck()
      .all(importId) as number[];
    for (const id of atRisk) {
      const record = getRecord(db, id);
      if (record) refreshAfterCorrections(db, record);
    }
    if (db.prepare("SELECT 1 FROM corrections WHERE import_id = ? AND field = 'email' LIMIT 1").get(importId) === undefined) return;
    dropStaleSharedEmails(db);
    // Only a record whose new address is on another record too has anything to refresh: one
    // statement finds them, instead of four lookups for each of the import's e-mails.
    const shared = db
      .prepare(
        `SELECT p.id FROM professionals p
         WHERE p.id IN (SELECT professional_id FROM corrections WHERE import_id = ? AND field = 'email')
           AND EXISTS (SELECT 1 FROM professionals o WHERE o.email = p.email AND o.id <> p.id)`,
      )
      .pluck()
      .all(importId) as number[];
    for (const id of shared) {
      const record = getRecord(db, id);
      if (!record?.email) continue;
      const own = recordPendencies(record, { emailIsShared: (email) => countWithEmail(db, email) > 1 }).find((p) => p.code === 'EMAIL_SHARED');
      const has = statement(db, "SELECT 1 FROM pendencies WHERE professional_id = ? AND code = 'EMAIL_SHARED' LIMIT 1").get(id) !== undefined;
      if (own && !has) insertPendency(db, id, own, 'rule');
      refreshSharedEmail(db, record.email, id);
    }
  });
}

/** Whether a record other than `professionalId` holds `email` (the EMAIL_SHARED rule, before a correction is saved). */
export function emailOfAnother(db: Database, email: string, professionalId: number): boolean {
  return statement(db, 'SELECT 1 FROM professionals WHERE email = ? AND id <> ? LIMIT 1').get(email.trim().toLowerCase(), professionalId) !== undefined;
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

/**
 * Recomputes one record's rule pendências; `clearLoadFor` drops load notes of fields just changed.
 * `previousEmail`: the address the record had before this write, when the write changed it.
 */
export function refreshPendencies(db: Database, record: Professional, clearLoadFor: readonly string[] = [], fresh = false, previousEmail: string | null = null): FoundPendency[] {
  if (!fresh) {
    statement(db, "DELETE FROM pendencies WHERE professional_id = ? AND source = 'rule'").run(record.id);
    const drop = statement(db, "DELETE FROM pendencies WHERE professional_id = ? AND source = 'load' AND field = ?");
    for (const field of clearLoadFor) drop.run(record.id, field);
  }
  const found = recordPendencies(record, storeContext(db));
  for (const p of found) insertPendency(db, record.id, p, 'rule');
  // Whoever shared the old address is no longer told so (only its holders: a sweep of every shared
  // address per record made a rollback of a big import take hours); whoever shares the new one is.
  if (previousEmail && previousEmail !== record.email) refreshSharedEmail(db, previousEmail, record.id);
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
export function refreshSharedEmail(db: Database, email: string, exceptId: number): void {
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
