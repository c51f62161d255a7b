// Reading batches: one row as the screens and the command line see it (state, counts, due time),
// lookups by id, number or External-Identifier, and the list.
import type { Database } from 'better-sqlite3';
import { emptyStatusCounts, type BatchSummary } from '../../shared/contract/batches';
import type { BatchState, CorrectionStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { DEMO_MARK, exportPrefix, seccionalTag } from '../../shared/regions';
import { getSettings, isDemoBatch } from '../settings';
import { statement } from '../statements';
import type { batches } from '../schema';
import type { SqlRow } from '../sqlRow';
import { heldBackFromOpenLote } from './heldBack';
import { undoneBefore } from './undoneLotes';

/** A batches row as SQLite returns it (`SELECT *`). */
export type BatchRow = SqlRow<typeof batches>;

const HOUR = 3_600_000;

/**
 * `CRESS09-lote-2026-0001` (`CRESS09-DEMONSTRACAO-lote-2026-0001` on a demo desk,
 * `CRESS09-campinas-lote-2026-0001` on a seccional's desk): the package's file name without
 * `.zip`, and its bag's folder.
 */
export function batchStem(region: number, number: string, demo: boolean, seccional: string | null = null): string {
  return `${exportPrefix(region, demo)}${seccional === null ? '' : `-${seccional}`}-lote-${number}`;
}

/**
 * The stem of this lote's package: its seccional's mark as sealing fixed it (none for a lote sealed
 * before lotes carried it), or, still open, the desk's seccional now.
 */
export function lotePackageStem(db: Database, row: BatchRow): string {
  return batchStem(row.region, row.number, isDemoBatch(db, row), loteSeccionalTag(db, row));
}

/** The seccional's mark in this lote's name (null: none), as lotePackageStem reads it. */
export function loteSeccionalTag(db: Database, row: BatchRow): string | null {
  return row.sealed_at === null ? seccionalTag(getSettings(db)?.seccional ?? null) : row.seccional_tag;
}

/** `2026-0001`. */
export function batchNumber(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(4, '0')}`;
}

export function dueAt(row: Pick<BatchRow, 'sent_at' | 'overdue_hours'>): string | null {
  return row.sent_at ? new Date(Date.parse(row.sent_at) + row.overdue_hours * HOUR).toISOString() : null;
}

/** Sent, past due, and Implanta has not answered anything yet. */
export function isOverdue(row: Pick<BatchRow, 'state' | 'sent_at' | 'overdue_hours' | 'acknowledged_at'>, now: Date): boolean {
  const due = dueAt(row);
  return row.state === 'sent' && row.acknowledged_at === null && due !== null && now.getTime() > Date.parse(due);
}

export function getBatchRow(db: Database, id: number): BatchRow | undefined {
  return statement<BatchRow>(db, 'SELECT * FROM batches WHERE id = ?').get(id);
}

export function requireBatchRow(db: Database, id: number): BatchRow {
  const row = getBatchRow(db, id);
  if (!row) throw new AppError('BATCH_NOT_FOUND', `Lote não encontrado (nº interno ${id}).`);
  return row;
}

/** Counts of a batch's items; corrections and CEP changes together per status. */
function countsOf(db: Database, id: number): BatchSummary['counts'] {
  const statuses = emptyStatusCounts();
  let corrections = 0;
  let cepChanges = 0;
  for (const row of statement<{ status: CorrectionStatus; n: number }>(db, 'SELECT status, count(*) AS n FROM corrections WHERE batch_id = ? GROUP BY status').all(id)) {
    statuses[row.status] += row.n;
    corrections += row.n;
  }
  for (const row of statement<{ status: CorrectionStatus; n: number }>(db, 'SELECT status, count(*) AS n FROM cep_changes WHERE batch_id = ? GROUP BY status').all(id)) {
    statuses[row.status] += row.n;
    cepChanges += row.n;
  }
  const dip = statement<{ n: number }>(
    db,
    "SELECT count(DISTINCT professional_id) AS n FROM corrections WHERE batch_id = ? AND dip_consequence = 'correct_dip_request'",
  ).get(id) as { n: number };
  // The same WHERE as unresolvedRejectionCounts (db/rejections.ts), for this batch.
  const toFix = statement<{ n: number }>(
    db,
    `SELECT (SELECT count(*) FROM corrections WHERE batch_id = ? AND status = 'rejected' AND resolved_at IS NULL)
          + (SELECT count(*) FROM cep_changes WHERE batch_id = ? AND status = 'rejected' AND resolved_at IS NULL) AS n`,
  ).get(id, id) as { n: number };
  return { corrections, cepChanges, dipRequests: dip.n, statuses, unanswered: statuses.sent, unresolvedRejections: toFix.n };
}

export function toSummary(db: Database, row: BatchRow, now: Date): BatchSummary {
  const counts = countsOf(db, row.id);
  return {
    id: row.id,
    uuid: row.uuid,
    number: row.number,
    region: row.region,
    state: row.state,
    operator: row.operator,
    createdAt: row.created_at,
    sealedAt: row.sealed_at,
    exportedAt: row.exported_at,
    sentAt: row.sent_at,
    acknowledgedAt: row.acknowledged_at,
    cancelledAt: row.cancelled_at,
    overdueHours: row.overdue_hours,
    schemaVersion: row.schema_version,
    dueAt: dueAt(row),
    // A lote with nothing left to answer waits for nothing (one sealed empty, before that was refused).
    overdue: isOverdue(row, now) && counts.unanswered > 0,
    counts,
    fileName: `${lotePackageStem(db, row)}.zip`,
    packageSha256: row.package_sha256,
    encryptedSha256: row.encrypted_sha256,
    ...unsentAfterRestore(db, row),
    ...heldBackWhileOpen(db, row),
  };
}

/** An open lote: the records whose corrections stay out of it (./heldBack.ts). */
function heldBackWhileOpen(db: Database, row: BatchRow): Pick<BatchSummary, 'heldBack'> {
  if (row.state !== 'open') return {};
  const held = heldBackFromOpenLote(db, row.id);
  return held.length > 0 ? { heldBack: held } : {};
}

/** A lote not sent yet, made after a restore undid a sent one: it names that lote (db/batches/undoneLotes.ts). */
function unsentAfterRestore(db: Database, row: BatchRow): Pick<BatchSummary, 'undoneBefore'> {
  if (!['open', 'sealed', 'exported'].includes(row.state)) return {};
  const undone = undoneBefore(db, row);
  return undone.length > 0 ? { undoneBefore: undone } : {};
}

export function batchSummary(db: Database, id: number, now: Date): BatchSummary {
  return toSummary(db, requireBatchRow(db, id), now);
}

/** A lote's file stem as compared when typed: the demo mark and capitals make no difference. */
function withoutDemoMark(stem: string): string {
  return stem.replace(new RegExp(`^(CRESS\\d{2})-${DEMO_MARK}(?=-)`, 'i'), '$1').toLowerCase();
}

/**
 * A batch by what a person types: its number (`2026-0001`, this desk's region), the file stem
 * (`CRESS09-lote-2026-0001`, with or without DEMONSTRACAO; with the seccional's mark when the lote's
 * name has one, and only then: another desk's file never names a lote of this one), its
 * External-Identifier, or its internal id.
 */
export function findBatchRow(db: Database, key: string, region: number | null): BatchRow | undefined {
  const text = key.trim().replace(/\.zip$/i, '');
  const stem = /^CRESS(\d{2})-(?:DEMONSTRACAO-)?(?:([a-z0-9-]+)-)?lote-(\d{4}-\d{4,})$/i.exec(text);
  if (stem) {
    const row = statement<BatchRow>(db, 'SELECT * FROM batches WHERE region = ? AND number = ?').get(Number(stem[1]), stem[3]);
    return row && withoutDemoMark(lotePackageStem(db, row)) === withoutDemoMark(text) ? row : undefined;
  }
  if (/^\d{4}-\d{4,}$/.test(text)) {
    return region === null
      ? statement<BatchRow>(db, 'SELECT * FROM batches WHERE number = ? ORDER BY id DESC LIMIT 1').get(text)
      : statement<BatchRow>(db, 'SELECT * FROM batches WHERE region = ? AND number = ?').get(region, text);
  }
  if (/^\d{1,9}$/.test(text)) return getBatchRow(db, Number(text));
  return statement<BatchRow>(db, 'SELECT * FROM batches WHERE uuid = ?').get(text.toLowerCase());
}

export function listBatches(db: Database, input: { state?: BatchState; page: number; pageSize: number }, now: Date) {
  const where = input.state ? 'WHERE state = ?' : '';
  const params: (string | number)[] = input.state ? [input.state] : [];
  const total = (db.prepare(`SELECT count(*) AS n FROM batches ${where}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM batches ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, input.page * input.pageSize) as BatchRow[];
  return { total, page: input.page, pageSize: input.pageSize, items: rows.map((row) => toSummary(db, row, now)) };
}
