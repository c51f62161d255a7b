// Lotes a restore undid: exported, sent or answered on the store set aside, and unknown (or at an
// earlier step) on the backup restored over it. Implanta may hold them and have applied their
// corrections, so the restore names them, its audit entry keeps them (the only record of them left
// in the store), the next lote never takes one's number, and an answer to one is refused naming it.
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { loteRetiredByRestore } from '../../shared/contract/backups';
import { statement } from '../statements';

/** A lote as it had left the desk: what the restore reports and its audit entry keeps. */
const undoneLoteSchema = z.object({
  uuid: z.string(),
  number: z.string(),
  region: z.number().int(),
  year: z.number().int(),
  seq: z.number().int(),
  state: z.enum(['exported', 'sent', 'acknowledged']),
  sentAt: z.string().nullable(),
  /** Corrections and CEP changes it carried. */
  items: z.number().int(),
  /** How many of them Implanta had answered (absent in what earlier versions recorded). */
  answered: z.number().int().optional(),
  /** Its step on the restored store (null: not there at all). */
  stateNow: z.string().nullable().optional(),
  /** How many of its items the restored store holds answered. */
  answeredNow: z.number().int().nullable().optional(),
  /**
   * The restore that first undid it, when a later restore carried its record along (absent: the
   * restore whose entry holds it): a later carry-over never takes its place.
   */
  undoneBy: z.object({ at: z.string(), file: z.string(), previousStore: z.string().nullable() }).optional(),
});
export type UndoneLote = z.infer<typeof undoneLoteSchema>;

/** An undone lote as the audit trail keeps it, with the restore that first undid it and the store it set aside. */
export interface RecordedUndoneLote extends Omit<UndoneLote, 'undoneBy'> {
  restoredAt: string;
  backupFile: string;
  previousStore: string | null;
}

const STEP: Record<string, number> = { open: 0, cancelled: 0, sealed: 1, exported: 2, sent: 3, acknowledged: 4 };

/** The items of lote `b` Implanta answered, applied or rejected. */
const ANSWERED = `((SELECT count(*) FROM corrections WHERE batch_id = b.id AND status IN ('synced', 'rejected'))
  + (SELECT count(*) FROM cep_changes WHERE batch_id = b.id AND status IN ('synced', 'rejected')))`;

/** Every lote recorded as undone by a restore, in this store's audit trail. */
export function recordedUndoneLotes(db: Database): RecordedUndoneLote[] {
  // Through the entity index: the backups' entries are few, the whole trail may be millions.
  const rows = statement<{ at: string; detail: string }>(db, "SELECT at, detail FROM audit_log WHERE entity = 'backup' AND action = 'backup.restore'").all();
  return rows.flatMap((row) => {
    const detail = JSON.parse(row.detail) as { file?: string; previousStore?: string; undoneLotes?: unknown };
    const lotes = z.array(undoneLoteSchema).safeParse(detail.undoneLotes ?? []);
    if (!lotes.success) return [];
    return lotes.data.map(({ undoneBy, ...lote }) => ({
      ...lote,
      restoredAt: undoneBy?.at ?? row.at,
      backupFile: undoneBy?.file ?? detail.file ?? '',
      previousStore: undoneBy?.previousStore ?? detail.previousStore ?? null,
    }));
  });
}

/**
 * What the store about to be set aside has let out: its lotes exported, sent or answered, and the
 * lotes earlier restores recorded as undone (a backup older than those restores knows none of them).
 */
export function lotesThatLeft(db: Database): UndoneLote[] {
  const own = db
    .prepare(
      `SELECT uuid, number, region, year, seq, state, sent_at AS sentAt,
         (SELECT count(*) FROM corrections WHERE batch_id = b.id) + (SELECT count(*) FROM cep_changes WHERE batch_id = b.id) AS items, ${ANSWERED} AS answered
       FROM batches b WHERE state IN ('exported', 'sent', 'acknowledged') ORDER BY region, year, seq`,
    )
    .all() as UndoneLote[];
  // Each lote once: the store's own first, then the first record of each earlier undone one, with
  // the restore that undid it — the one its answer and the next lote name, whatever restore comes after.
  const byUuid = new Map(own.map((lote) => [lote.uuid, lote]));
  for (const { restoredAt, backupFile, previousStore, stateNow: _now, answeredNow: _answeredNow, ...lote } of recordedUndoneLotes(db)) {
    if (!byUuid.has(lote.uuid)) byUuid.set(lote.uuid, { ...lote, undoneBy: { at: restoredAt, file: backupFile, previousStore } });
  }
  return [...byUuid.values()];
}

/**
 * Those of `left` the restored store does not hold at their step — or holds sent with fewer of
 * Implanta's answers (a partial answer came after the backup) — nor already records as undone.
 */
export function lotesUndoneBy(restored: Database, left: readonly UndoneLote[]): UndoneLote[] {
  const recorded = new Set(recordedUndoneLotes(restored).map((lote) => lote.uuid));
  const there = restored.prepare(`SELECT state, ${ANSWERED} AS answered FROM batches b WHERE uuid = ?`);
  return left.flatMap((lote): UndoneLote[] => {
    const found = there.get(lote.uuid) as { state: string; answered: number } | undefined;
    if (!found) return recorded.has(lote.uuid) ? [] : [{ ...lote, stateNow: null, answeredNow: null }];
    const earlierStep = (STEP[found.state] ?? 0) < (STEP[lote.state] ?? 0);
    const answersLost = found.state === lote.state && found.answered < (lote.answered ?? 0);
    return earlierStep || answersLost ? [{ ...lote, stateNow: found.state, answeredNow: found.answered }] : [];
  });
}

/** The highest number a restore-undone lote of the region and year took: the next lote's starts after it. */
export function lastUndoneSeq(db: Database, region: number, year: number): number {
  const seqs = recordedUndoneLotes(db)
    .filter((lote) => lote.region === region && lote.year === year)
    .map((lote) => lote.seq);
  return Math.max(0, ...seqs);
}

/** A lote a restore undid, as a lote made after the restore names it. */
export interface UndoneBefore {
  number: string;
  sentAt: string | null;
  restoredAt: string;
}

/**
 * The lotes restores undid between the creation of the lote before this one and this one's: the
 * corrections they carried, pending again, may be in this lote, and Implanta may have applied them.
 * A cancelled lote is no lote before this one: its items went back to the queue, and into this one
 * (a restore cancels a lote that left the desk but is under review in its backup).
 */
export function undoneBefore(db: Database, batch: { id: number; created_at: string }): UndoneBefore[] {
  const recorded = recordedUndoneLotes(db);
  if (recorded.length === 0) return [];
  const previous = statement<{ at: string | null }>(db, "SELECT max(created_at) AS at FROM batches WHERE created_at <= ? AND id <> ? AND state <> 'cancelled'").get(batch.created_at, batch.id)?.at ?? null;
  return recorded
    .filter((lote) => loteRetiredByRestore(lote) && lote.restoredAt <= batch.created_at && (previous === null || lote.restoredAt > previous))
    .map((lote) => ({ number: lote.number, sentAt: lote.sentAt, restoredAt: lote.restoredAt }));
}
